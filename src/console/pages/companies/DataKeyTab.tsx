import { useBrowserOrigin } from '../../lib/useBrowserValue.js';
import { Alert, Button, Code, Group, Text } from '@mantine/core';
import { IconEye, IconEyeOff, IconInfoCircle } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDetail } from '../../../shared/contracts/companies.js';
import { useFormat } from '../../lib/format.js';
import { Section } from '../account/Section.js';
import { AgentDownloads } from './AgentDownloads.js';
import { CopyValue } from './CopyValue.js';
import { RotateDataKey } from './RotateDataKey.js';

/** The company's data key (masked until shown), its enrolment command, and its rotation. */
export function DataKeyTab({ company }: { company: CompanyDetail }) {
  const { t } = useTranslation();
  const origin = useBrowserOrigin();
  const format = useFormat();
  const keyLabel = useId();
  const commandLabel = useId();
  const [shown, setShown] = useState(false);
  if (!company.abilities.viewDataKey || company.dataKey === null) {
    return (
      <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />}>
        {t('companies.dataKey.adminOnly')}
      </Alert>
    );
  }
  const key = company.dataKey;
  const command = `tandem-agent enroll --server ${origin} --key ${key}`;
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
      {shown ? <AgentDownloads companyId={company.id} dataKey={key} /> : null}
      {company.abilities.rotateDataKey ? <RotateDataKey company={company} onRotated={() => setShown(true)} /> : null}
    </Section>
  );
}
