import { Alert, Button, Divider, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsRightLeft, IconInfoCircle, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  clearInventoryResponse,
  moveDevicesResponse,
  type CompanyDetail,
} from '../../../shared/contracts/companies.js';
import { limits } from '../../../shared/limits.js';
import { api, ApiError } from '../../api/client.js';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { refreshCompanies } from './api.js';
import { CompanyTargetSelect } from './CompanyTargetSelect.js';
import { Section } from '../account/Section.js';

/** Moves every device of the company to another one. Also offered when a delete is refused. */
export function MoveDevices({
  company,
  label,
  submitLabel,
}: {
  company: CompanyDetail;
  label: string;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const move = useMutation({
    mutationFn: (targetCompanyId: string) =>
      api.post(`/companies/${company.id}/move-devices`, { targetCompanyId }, { schema: moveDevicesResponse }),
    onSuccess: (result) => {
      setTarget(null);
      setProblem(null);
      refreshCompanies(queryClient);
      notifications.show({
        color: 'teal',
        message: t('companies.inventory.moved', { count: format.number(result.moved) }),
      });
    },
    onError: (error) => setProblem(errorText(t, error, format.locale)),
  });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!target) setProblem(t('validation.required'));
        else move.mutate(target);
      }}
    >
      <Group align="flex-end" gap="sm" wrap="wrap">
        <div style={{ flex: '1 1 260px' }}>
          <CompanyTargetSelect
            label={label}
            excludeId={company.id}
            value={target}
            onChange={(id) => (setTarget(id), setProblem(null))}
            error={problem}
          />
        </div>
        <Button
          type="submit"
          leftSection={<IconArrowsRightLeft size={16} aria-hidden />}
          loading={move.isPending}
          disabled={company.devicesCount === 0}
        >
          {submitLabel}
        </Button>
      </Group>
    </form>
  );
}

function ClearInventory({ company }: { company: CompanyDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const clear = useMutation({
    mutationFn: () =>
      api.post(`/companies/${company.id}/clear-inventory`, { confirmName: typed }, { schema: clearInventoryResponse }),
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

export function InventoryTab({ company }: { company: CompanyDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const admin = company.abilities.moveDevices || company.abilities.clearInventory;
  return (
    <Section
      title={t('companies.inventory.title')}
      description={admin ? t('companies.inventory.description') : undefined}
    >
      <Text fw={600} size="lg" data-testid="device-count">
        {t('companies.inventory.count', { count: format.number(company.devicesCount) })}
      </Text>
      {!admin ? (
        <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />}>
          {t('companies.inventory.adminOnly')}
        </Alert>
      ) : null}
      {company.abilities.moveDevices ? (
        <Stack gap="sm">
          <Title order={3} fz="md">
            {t('companies.inventory.moveTitle')}
          </Title>
          {company.devicesCount === 0 ? (
            <Text size="sm" c="dimmed">
              {t('companies.inventory.nothingToMove')}
            </Text>
          ) : null}
          <MoveDevices
            company={company}
            label={t('companies.inventory.moveTarget')}
            submitLabel={t('companies.inventory.move')}
          />
        </Stack>
      ) : null}
      {company.abilities.clearInventory ? (
        <>
          <Divider />
          <ClearInventory company={company} />
        </>
      ) : null}
    </Section>
  );
}
