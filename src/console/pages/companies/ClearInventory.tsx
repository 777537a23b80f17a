import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDetail } from '../../../shared/contracts/companies.js';
import { limits } from '../../../shared/limits.js';
import { ApiError } from '../../api/client.js';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { clearInventory, refreshCompanies } from './api.js';

/** Deletes every device of the company once its name is typed. */
export function ClearInventory({ company }: { company: CompanyDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const clear = useMutation({
    mutationFn: () => clearInventory(company.id, typed),
    onSuccess: (result) => {
      setTyped('');
      setProblem(null);
      refreshCompanies(queryClient);
      notifications.show({
        color: 'teal',
        message: t('companies.inventory.cleared', { count: format.number(result.deleted) }),
      });
    },
    onError: (error) =>
      setProblem(
        error instanceof ApiError && error.code === 'validation_failed'
          ? t('companies.inventory.mismatch')
          : errorText(t, error, format.locale),
      ),
  });
  const matches = typed === company.name;
  return (
    <Stack gap="sm">
      <Title order={3} fz="md" c="red">
        {t('companies.inventory.clearTitle')}
      </Title>
      <Text size="sm">{t('companies.inventory.clearDescription', { name: company.name })}</Text>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!matches) setProblem(t('companies.inventory.mismatch'));
          else clear.mutate();
        }}
      >
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('companies.inventory.clearConfirm', { name: company.name })}
            value={typed}
            onChange={(event) => {
              setTyped(event.currentTarget.value);
              setProblem(null);
            }}
            error={problem}
            maxLength={limits.companyName}
            autoComplete="off"
            spellCheck={false}
            style={{ flex: '1 1 260px' }}
          />
          <Button
            type="submit"
            color="red"
            leftSection={<IconTrash size={16} aria-hidden />}
            disabled={!matches || company.devicesCount === 0}
            loading={clear.isPending}
          >
            {t('companies.inventory.clear')}
          </Button>
        </Group>
      </form>
    </Stack>
  );
}
