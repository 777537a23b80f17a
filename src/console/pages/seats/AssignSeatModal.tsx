import { Alert, Button, Group, Modal, Select, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModuleSeats } from '../../../shared/contracts/seats.js';
import { limits } from '../../../shared/limits.js';
import { FormAlert } from '../../components/Feedback.js';
import { useFormat } from '../../lib/format.js';
import { assignSeat, invalidateSeats, seatKeys, useSeatCandidates } from './api.js';
import { seatRefusalText } from './refusals.js';

/** Picks a user who may receive a seat of the module and gives it to them; refusals in the server's words. */
export function AssignSeatModal({
  seats,
  opened,
  onClose,
}: {
  seats: ModuleSeats;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const moduleName = t(`seats.modules.${seats.module}`);
  const [chosen, setChosen] = useState<{ id: string; name: string; label: string } | null>(null);
  const [search, setSearch] = useState('');
  // once a user is picked, the box shows their label: that is not a search
  const [debounced] = useDebouncedValue(chosen && search === chosen.label ? '' : search.trim(), 250);
  // a refusal of the seat (none free) above the form; no user chosen, on the user field
  const [problems, setProblems] = useState<string[]>([]);
  const [userError, setUserError] = useState<string | null>(null);

  const candidates = useSeatCandidates(seats.module, debounced, opened);
  const items = candidates.data?.items ?? [];
  const options = items.map((u) => ({ value: u.id, label: `${u.name} · ${u.email}` }));
  if (chosen && !items.some((u) => u.id === chosen.id)) options.unshift({ value: chosen.id, label: chosen.label });

  const close = () => {
    setChosen(null);
    setSearch('');
    setProblems([]);
    setUserError(null);
    onClose();
  };

  const assign = useMutation({
    mutationFn: (user: { id: string; name: string }) => assignSeat(seats.module, user.id),
    onSuccess: (_, user) => {
      invalidateSeats(queryClient);
      notifications.show({
        color: 'teal',
        message: t('seats.assign.assigned', { name: user.name, module: moduleName }),
      });
      close();
    },
    onError: (error) => {
      setProblems([seatRefusalText(t, error, format.locale)]);
      void queryClient.invalidateQueries({ queryKey: seatKeys.overview });
    },
  });

  return (
    <Modal opened={opened} onClose={close} title={t('seats.assign.title', { module: moduleName })} centered>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setProblems([]);
          if (!chosen) {
            setUserError(t('seats.assign.pickUser'));
            return;
          }
          assign.mutate(chosen);
        }}
      >
        <Stack gap="md">
          {seats.used >= seats.total && problems.length === 0 ? (
            <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />} role="status">
              {t('seats.assign.fullHint', {
                module: moduleName,
                used: format.number(seats.used),
                total: format.number(seats.total),
              })}
            </Alert>
          ) : null}
          <FormAlert messages={problems} />
          <Select
            label={t('seats.assign.user')}
            description={t('seats.assign.userHelp')}
            placeholder={t('seats.assign.placeholder')}
            data={options}
            value={chosen?.id ?? null}
            error={userError}
            onChange={(id, option) => {
              setUserError(null);
              const name = items.find((u) => u.id === id)?.name ?? (chosen?.id === id ? chosen.name : undefined);
              setChosen(id && name && option ? { id, name, label: option.label } : null);
            }}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            // the server filters; show what it answered
            filter={({ options }) => options}
            nothingFoundMessage={candidates.isFetching ? t('common.loading') : t('seats.assign.none')}
            maxLength={limits.search}
            data-autofocus
            comboboxProps={{ withinPortal: true }}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={assign.isPending}>
              {t('seats.assign.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
