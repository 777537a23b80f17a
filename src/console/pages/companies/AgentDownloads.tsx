import { Alert, Anchor, Code, Group, List, Text } from '@mantine/core';
import { IconDownload, IconInfoCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { installCommands } from '../../../shared/agent-install.js';
import { byteSize } from './byte-size.js';
import { companyKeys, fetchAgentDownloads } from './api.js';
import { CopyValue } from './CopyValue.js';

function Command({ label, command }: { label: string; command: string }) {
  const id = useId();
  return (
    <div>
      <Text size="sm" fw={500} mb={4} id={id}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="center">
        <Code block aria-labelledby={id} style={{ flex: 1, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {command}
        </Code>
        <CopyValue value={command} />
      </Group>
    </div>
  );
}

/** The packaged agent: its files to download and the install commands for this company. */
export function AgentDownloads({ companyId, dataKey }: { companyId: string; dataKey: string }) {
  const { t, i18n } = useTranslation();
  const downloads = useQuery({
    queryKey: [...companyKeys.detail(companyId), 'agent-downloads'],
    queryFn: ({ signal }) => fetchAgentDownloads(companyId, signal),
  });
  if (!downloads.data) return null;
  if (!downloads.data.built) {
    return (
      <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />} title={t('companies.agent.title')}>
        {t('companies.agent.notBuilt')}
      </Alert>
    );
  }
  const commands = installCommands(downloads.data, dataKey);
  return (
    <div data-testid="agent-downloads">
      <Text size="sm" fw={500}>
        {t('companies.agent.title')}
      </Text>
      <Text size="xs" c="dimmed" mb={6}>
        {t('companies.agent.description', { version: downloads.data.version })}
      </Text>
      <List spacing={4} size="sm" mb="sm">
        {downloads.data.items.map((item) => (
          <List.Item key={item.file} icon={<IconDownload size={14} aria-hidden />}>
            <Anchor href={item.url} download={item.file}>
              {t(`companies.agent.kind.${item.kind}`, {
                platform: item.platform === 'win32-x64' ? 'Windows x64' : 'Linux x64',
              })}
            </Anchor>{' '}
            <Text span size="xs" c="dimmed">
              {item.file} · {byteSize(item.bytes, i18n.language)}
            </Text>
          </List.Item>
        ))}
      </List>
      {commands.linux ? <Command label={t('companies.agent.linuxCommand')} command={commands.linux} /> : null}
      {commands.windows ? <Command label={t('companies.agent.windowsCommand')} command={commands.windows} /> : null}
    </div>
  );
}
