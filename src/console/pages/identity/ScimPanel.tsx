import { ActionIcon, Button, Code, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconKey, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScimToken } from '../../../shared/contracts/scim-tokens.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { CopyTextButton } from '../../kit/SecretOnceModal.js';
import { useFormat } from '../../lib/format.js';
import { CreateScimTokenModal } from './CreateScimTokenModal.js';
import { RevokeScimTokenModal } from './RevokeScimTokenModal.js';
import { useScimTokens, type CreatedScimToken } from './scim-api.js';
import { ShowScimTokenModal } from './ShowScimTokenModal.js';

function ScimTokensTable({ items, onRevoke }: { items: ScimToken[]; onRevoke: (token: ScimToken) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="sm" highlightOnHover aria-label={t('scim.tokens.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('scim.tokens.name')}</Table.Th>
            <Table.Th scope="col">{t('scim.tokens.prefix')}</Table.Th>
            <Table.Th scope="col">{t('scim.tokens.created')}</Table.Th>
            <Table.Th scope="col">{t('scim.tokens.lastUsed')}</Table.Th>
            <Table.Th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((token) => (
            <Table.Tr key={token.id}>
              <Table.Td fw={500}>{token.name}</Table.Td>
              <Table.Td>
                <Code>{token.prefix}…</Code>
              </Table.Td>
              <Table.Td>{format.dateTime(token.createdAt)}</Table.Td>
              <Table.Td>{token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t('scim.tokens.neverUsed')}</Table.Td>
              <Table.Td ta="right">
                <Tooltip label={t('scim.tokens.revoke')} withArrow>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    onClick={() => onRevoke(token)}
                    aria-label={t('scim.tokens.revokeNamed', { name: token.name })}
                  >
                    <IconTrash size={18} aria-hidden />
                  </ActionIcon>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Sign-in & provisioning → SCIM: the base URL to paste in the identity provider, and its tokens (shown once). */
export function ScimPanel() {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedScimToken | null>(null);
  const [revoking, setRevoking] = useState<ScimToken | null>(null);
  const tokens = useScimTokens();

  if (tokens.isPending) return <PageLoader />;
  if (tokens.isError) return <LoadError error={tokens.error} onRetry={() => void tokens.refetch()} />;
  const { items, baseUrl } = tokens.data;
  return (
    <Stack gap="lg">
      <Text size="sm">{t('scim.intro')}</Text>
      <div>
        <Text size="sm" fw={500} mb={4} id="scim-base-url-label">
          {t('scim.baseUrl')}
        </Text>
        <Group gap="xs" wrap="nowrap" align="center">
          <Code
            block
            aria-labelledby="scim-base-url-label"
            data-testid="scim-base-url"
            style={{ flex: 1, wordBreak: 'break-all' }}
          >
            {baseUrl}
          </Code>
          <CopyTextButton value={baseUrl} />
        </Group>
        <Text size="xs" c="dimmed" mt={6}>
          {t('scim.baseUrlHelp')}
        </Text>
      </div>
      <Group justify="space-between" align="flex-end">
        <div>
          <Text fw={600}>{t('scim.tokens.title')}</Text>
          <Text size="sm" c="dimmed">
            {t('scim.tokens.description')}
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          {t('scim.tokens.new')}
        </Button>
      </Group>
      {items.length === 0 ? (
        <Group gap="sm" c="dimmed" py="md" justify="center">
          <IconKey size={20} aria-hidden />
          <Text size="sm">{t('scim.tokens.empty')}</Text>
        </Group>
      ) : (
        <ScimTokensTable items={items} onRevoke={setRevoking} />
      )}
      <Text size="sm" c="dimmed">
        {t('scim.mapping')}
      </Text>
      <CreateScimTokenModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(token) => {
          setCreating(false);
          setCreated(token);
        }}
      />
      <ShowScimTokenModal token={created} baseUrl={baseUrl} onClose={() => setCreated(null)} />
      <RevokeScimTokenModal token={revoking} onClose={() => setRevoking(null)} />
    </Stack>
  );
}
