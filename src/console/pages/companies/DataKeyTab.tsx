import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconCheck,
  IconCopy,
  IconEye,
  IconEyeOff,
  IconInfoCircle,
  IconRefresh,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dataKeySchema, type CompanyDetail } from '../../../shared/contracts/companies.js';
import { api } from '../../api/client.js';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { companyKeys, refreshCompanies } from './api.js';
import { Section } from '../account/Section.js';

function CopyValue({ value }: { value: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value} timeout={2500}>
      {({ copied, copy }) => (
        <Button
          size="xs"
          variant={copied ? 'light' : 'default'}
          color={copied ? 'teal' : undefined}
          onClick={copy}
          leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
        >
          {copied ? t('common.copied') : t('common.copy')}
        </Button>
      )}
    </CopyButton>
  );
}

export function DataKeyTab({ company }: { company: CompanyDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const keyLabel = useId();
  const commandLabel = useId();
  const [shown, setShown] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const rotate = useMutation({
    mutationFn: () => api.post(`/companies/${company.id}/data-key/rotate`, undefined, { schema: dataKeySchema }),
    onSuccess: (key) => {
      queryClient.setQueryData<CompanyDetail>(companyKeys.detail(company.id), (c) => (c ? { ...c, ...key } : c));
      refreshCompanies(queryClient);
      setConfirming(false);
      setShown(true);
      notifications.show({ color: 'teal', message: t('companies.dataKey.rotated') });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(t, error, format.locale) }),
  });

  if (!company.abilities.viewDataKey || company.dataKey === null) {
    return (
      <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />}>
        {t('companies.dataKey.adminOnly')}
      </Alert>
    );
  }
  const key = company.dataKey;
  const command = `tandem-agent enroll --server ${window.location.origin} --key ${key}`;
  const masked = `${key.slice(0, 8)}${'•'.repeat(24)}`;

  return (
    <Section title={t('companies.dataKey.title')} description={t('companies.dataKey.description')}>
      <div>
        <Text size="sm" fw={500} mb={4} id={keyLabel}>
          {t('companies.dataKey.key')}
        </Text>
        <Group gap="xs" wrap="nowrap" align="center">
          <Code
            aria-labelledby={keyLabel}
            data-testid="data-key"
            style={{ flex: 1, wordBreak: 'break-all', padding: '6px 10px' }}
          >
            {shown ? key : masked}
          </Code>
          <Button
            size="xs"
            variant="default"
            onClick={() => setShown((s) => !s)}
            leftSection={shown ? <IconEyeOff size={14} aria-hidden /> : <IconEye size={14} aria-hidden />}
            aria-pressed={shown}
          >
            {shown ? t('companies.dataKey.hide') : t('companies.dataKey.show')}
          </Button>
          <CopyValue value={key} />
        </Group>
        <Text size="xs" c="dimmed" mt={6}>
          {company.dataKeyRotatedAt
            ? t('companies.dataKey.rotatedAt', { date: format.dateTime(company.dataKeyRotatedAt) })
            : t('companies.dataKey.neverRotated')}
        </Text>
      </div>
      {shown ? (
        <div>
          <Text size="sm" fw={500} mb={4} id={commandLabel}>
            {t('companies.dataKey.command')}
          </Text>
          <Group gap="xs" wrap="nowrap" align="center">
            <Code
              block
              aria-labelledby={commandLabel}
              style={{ flex: 1, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
            >
              {command}
            </Code>
            <CopyValue value={command} />
          </Group>
        </div>
      ) : null}
      {company.abilities.rotateDataKey ? (
        <Group>
          <Button
            color="orange"
            variant="light"
            leftSection={<IconRefresh size={16} aria-hidden />}
            onClick={() => setConfirming(true)}
          >
            {t('companies.dataKey.rotate')}
          </Button>
        </Group>
      ) : null}
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('companies.dataKey.confirmTitle')}
        centered
      >
        <Stack gap="md">
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />}>
            {t('companies.dataKey.confirmMessage')}
          </Alert>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button
              color="orange"
              loading={rotate.isPending}
              onClick={() => rotate.mutate()}
              leftSection={<IconRefresh size={16} aria-hidden />}
            >
              {t('companies.dataKey.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Section>
  );
}
