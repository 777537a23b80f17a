import { ActionIcon, Button, Code, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconKey, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '../../../shared/contracts/api-tokens.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { useFormat } from '../../lib/format.js';
import { useApiTokens, type CreatedToken } from './api.js';
import { CreateTokenModal } from './CreateTokenModal.js';
import { RevokeTokenModal } from './RevokeTokenModal.js';
import { Section } from './Section.js';
import { ShowTokenModal } from './ShowTokenModal.js';

const expired = (token: ApiToken) => token.expiresAt !== null && Date.parse(token.expiresAt) <= Date.now();

function TokensTable({ items, onRevoke }: { items: ApiToken[]; onRevoke: (token: ApiToken) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" highlightOnHover aria-label={t('account.tokens.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('account.tokens.name')}</Table.Th>
            <Table.Th scope="col">{t('account.tokens.prefix')}</Table.Th>
            <Table.Th scope="col">{t('account.tokens.created')}</Table.Th>
            <Table.Th scope="col">{t('account.tokens.expires')}</Table.Th>
            <Table.Th scope="col">{t('account.tokens.lastUsed')}</Table.Th>
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
              <Table.Td c={expired(token) ? 'red' : undefined}>
                {token.expiresAt
                  ? expired(token)
                    ? t('account.tokens.expiredOn', { date: format.date(token.expiresAt) })
                    : format.date(token.expiresAt)
                  : t('account.tokens.never')}
              </Table.Td>
              <Table.Td>
                {token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t('account.tokens.neverUsed')}
              </Table.Td>
              <Table.Td ta="right">
                <Tooltip label={t('account.tokens.revoke')} withArrow>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    onClick={() => onRevoke(token)}
                    aria-label={t('account.tokens.revokeNamed', { name: token.name })}
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

/** My account: personal API tokens, created (the secret shown once) and revoked. */
export function ApiTokensSection() {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const tokens = useApiTokens();
  const items = tokens.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Section
      title={t('account.tokens.title')}
      description={t('account.tokens.description')}
      actions={
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          {t('account.tokens.new')}
        </Button>
      }
    >
      {tokens.isPending ? (
        <PageLoader />
      ) : tokens.isError ? (
        <LoadError error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : items.length === 0 ? (
        <Group gap="sm" c="dimmed" py="md" justify="center">
          <IconKey size={20} aria-hidden />
          <Text size="sm">{t('account.tokens.empty')}</Text>
        </Group>
      ) : (
        <TokensTable items={items} onRevoke={setRevoking} />
      )}
      {tokens.hasNextPage ? (
        <Group justify="center">
          <Button variant="default" onClick={() => void tokens.fetchNextPage()} loading={tokens.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Group>
      ) : null}
      <CreateTokenModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(token) => {
          setCreating(false);
          setCreated(token);
        }}
      />
      <ShowTokenModal token={created} onClose={() => setCreated(null)} />
      <RevokeTokenModal token={revoking} onClose={() => setRevoking(null)} />
    </Section>
  );
}
