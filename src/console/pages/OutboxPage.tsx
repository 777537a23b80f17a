import { Badge, Button, Group, Modal, Paper, Select, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconMail } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listResponse } from '../../shared/contracts/common.js';
import { outboxMessage, outboxMessageSummary, outboxStatuses } from '../../shared/contracts/outbox.js';
import { limits } from '../../shared/limits.js';
import { api } from '../api/client.js';
import { LoadError, PageLoader } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { useFormat } from '../lib/format.js';
import { PageGuard } from './StatusPages.js';

const outboxList = listResponse(outboxMessageSummary);
const statusColor = { queued: 'blue', sending: 'cyan', sent: 'green', failed: 'red', held: 'gray' } as const;

/** One message: the HTML in a sandboxed frame (no scripts, no same-origin), and the plain text. */
function MessageModal({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useQuery({ queryKey: ['outbox', id], queryFn: ({ signal }) => api.get(`/outbox/${id}`, { schema: outboxMessage, signal }) });
  return (
    <Modal opened onClose={onClose} size="xl" title={message.data?.subject ?? t('common.loading')}>
      {message.isPending ? (
        <PageLoader />
      ) : message.isError ? (
        <LoadError error={message.error} onRetry={() => void message.refetch()} />
      ) : (
        <Stack>
          <Text size="sm" c="dimmed">
            {t('outbox.columns.recipient')}: {message.data.recipient}
          </Text>
          {message.data.lastError ? (
            <Text size="sm" c="red">
              {t('outbox.lastError')}: {message.data.lastError}
            </Text>
          ) : null}
          <Tabs defaultValue={message.data.bodyHtml ? 'preview' : 'text'}>
            <Tabs.List>
              {message.data.bodyHtml ? <Tabs.Tab value="preview">{t('outbox.preview')}</Tabs.Tab> : null}
              <Tabs.Tab value="text">{t('outbox.plainText')}</Tabs.Tab>
            </Tabs.List>
            {message.data.bodyHtml ? (
              <Tabs.Panel value="preview" pt="sm">
                <iframe title={t('outbox.preview')} sandbox="" srcDoc={message.data.bodyHtml} style={{ width: '100%', height: 420, border: '1px solid var(--mantine-color-default-border)', borderRadius: 6 }} />
              </Tabs.Panel>
            ) : null}
            <Tabs.Panel value="text" pt="sm">
              <Text component="pre" size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                {message.data.bodyText}
              </Text>
            </Tabs.Panel>
          </Tabs>
        </Stack>
      )}
    </Modal>
  );
}

function Outbox() {
  const { t } = useTranslation();
  const format = useFormat();
  const [status, setStatus] = useState<string | null>(null);
  const [recipient, setRecipient] = useState('');
  const [search] = useDebouncedValue(recipient.trim(), 300);
  const [open, setOpen] = useState<string | null>(null);
  const messages = useInfiniteQuery({
    queryKey: ['outbox', 'list', status, search],
    queryFn: ({ pageParam, signal }) =>
      api.get('/outbox', { query: { status: status ?? undefined, recipient: search || undefined, limit: limits.pageSizeDefault, cursor: pageParam }, schema: outboxList, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = messages.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader title={t('outbox.title')} description={t('outbox.description')} />
      <Group mb="md" align="flex-end">
        <Select
          label={t('outbox.filters.status')}
          placeholder={t('outbox.filters.any')}
          clearable
          data={outboxStatuses.map((s) => ({ value: s, label: t(`outbox.status.${s}`) }))}
          value={status}
          onChange={setStatus}
        />
        <TextInput label={t('outbox.filters.recipient')} value={recipient} maxLength={limits.email} onChange={(e) => setRecipient(e.currentTarget.value)} />
      </Group>
      {messages.isPending ? (
        <PageLoader />
      ) : messages.isError ? (
        <LoadError error={messages.error} onRetry={() => void messages.refetch()} />
      ) : items.length === 0 ? (
        <Paper withBorder p="xl">
          <Group gap="sm">
            <IconMail aria-hidden />
            <Text>{t('outbox.empty')}</Text>
          </Group>
        </Paper>
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('outbox.columns.createdAt')}</Table.Th>
                  <Table.Th>{t('outbox.columns.recipient')}</Table.Th>
                  <Table.Th>{t('outbox.columns.subject')}</Table.Th>
                  <Table.Th>{t('outbox.columns.status')}</Table.Th>
                  <Table.Th>{t('outbox.columns.attempts')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      <time dateTime={m.createdAt}>{format.dateTime(m.createdAt)}</time>
                    </Table.Td>
                    <Table.Td>{m.recipient}</Table.Td>
                    <Table.Td>
                      <Button variant="subtle" size="compact-sm" onClick={() => setOpen(m.id)} aria-label={`${t('outbox.open')}: ${m.subject}`}>
                        {m.subject}
                      </Button>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={statusColor[m.status]} variant="light">
                        {t(`outbox.status.${m.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{format.number(m.attempts)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {messages.hasNextPage ? (
            <Group justify="center" p="md">
              <Button variant="default" onClick={() => void messages.fetchNextPage()} loading={messages.isFetchingNextPage}>
                {t('common.loadMore')}
              </Button>
            </Group>
          ) : null}
        </Paper>
      )}
      {open ? <MessageModal id={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

export default function OutboxPage() {
  return (
    <PageGuard page="outbox">
      <Outbox />
    </PageGuard>
  );
}
