import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsRightLeft, IconEye, IconEyeOff } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MovePreview } from '../../../shared/contracts/devices.js';
import { errorText } from '../../api/errors.js';
import { labelOptions, useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { useFormat } from '../../lib/format.js';
import { CompanyTargetSelect } from '../companies/CompanyTargetSelect.js';
import { moveDevices, previewMove, refreshDevices } from './api.js';

function People({
  title,
  icon,
  people,
  count,
  testId,
}: {
  title: string;
  icon: React.ReactNode;
  people: MovePreview['gain'];
  count: number;
  testId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div data-testid={testId}>
      <Group gap={6} mb={4}>
        {icon}
        <Text fw={600} size="sm">
          {title} ({format.number(count)})
        </Text>
      </Group>
      {count === 0 ? (
        <Text size="sm" c="dimmed">
          {t('devices.move.nobody')}
        </Text>
      ) : (
        <List size="sm" spacing={2}>
          {people.map((p) => (
            <List.Item key={p.id}>
              {p.name}{' '}
              <Text span c="dimmed" size="xs">
                {p.email}
              </Text>
            </List.Item>
          ))}
          {count > people.length ? (
            <List.Item>{t('devices.move.more', { count: format.number(count - people.length) })}</List.Item>
          ) : null}
        </List>
      )}
    </div>
  );
}

/** Moves the chosen devices: pick a company, read who gains and loses sight of them, then confirm. */
export function MoveDevicesModal({
  opened,
  onClose,
  deviceIds,
  onMoved,
}: {
  opened: boolean;
  onClose: () => void;
  deviceIds: string[];
  onMoved: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useCompanyLabel();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const preview = useMutation({
    mutationFn: (targetCompanyId: string) => previewMove(deviceIds, targetCompanyId),
    onError: (error) => setProblem(errorText(t, error, format.locale)),
  });
  const move = useMutation({
    mutationFn: (targetCompanyId: string) => moveDevices(deviceIds, targetCompanyId),
    onSuccess: (result) => {
      refreshDevices(queryClient);
      notifications.show({ color: 'teal', message: t('devices.move.done', { count: format.number(result.moved) }) });
      close();
      onMoved();
    },
    onError: (error) => setProblem(errorText(t, error, format.locale)),
  });
  function close() {
    setTarget(null);
    setProblem(null);
    preview.reset();
    onClose();
  }
  const shown = preview.data && preview.variables === target ? preview.data : null;

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('devices.move.title', { count: format.number(deviceIds.length) })}
      size="lg"
      centered
    >
      <Stack gap="md">
        <CompanyTargetSelect
          label={t('devices.move.target', labelOptions(words))}
          excludeId=""
          value={target}
          onChange={(id) => {
            setTarget(id);
            setProblem(null);
            if (id) preview.mutate(id);
          }}
          error={problem}
        />
        {shown ? (
          <Stack gap="sm" data-testid="move-preview">
            <Text size="sm">
              {shown.devices === 0
                ? t('devices.move.nothing', { company: shown.target.name })
                : t('devices.move.summary', {
                    count: format.number(shown.devices),
                    from: shown.sources.map((s) => `${s.name} (${format.number(s.devices)})`).join(', '),
                    company: shown.target.name,
                  })}
            </Text>
            <People
              title={t('devices.move.lose')}
              icon={<IconEyeOff size={16} aria-hidden />}
              people={shown.lose}
              count={shown.loseCount}
              testId="move-lose"
            />
            <People
              title={t('devices.move.gain')}
              icon={<IconEye size={16} aria-hidden />}
              people={shown.gain}
              count={shown.gainCount}
              testId="move-gain"
            />
            <Alert variant="light" color="gray">
              {t('devices.move.adminsNote')}
            </Alert>
          </Stack>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            leftSection={<IconArrowsRightLeft size={16} aria-hidden />}
            disabled={!shown || shown.devices === 0}
            loading={move.isPending || preview.isPending}
            onClick={() => target && move.mutate(target)}
          >
            {t('devices.move.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
