import { Badge, Button, Group, Modal, Paper, Select, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconMail } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listResponse } from '../../shared/contracts/common.js';
import { outboxChannels, outboxMessage, outboxMessageSummary, outboxStatuses } from '../../shared/contracts/outbox.js';
import { limits } from '../../shared/limits.js';
import { api } from '../api/client.js';
import { errorText } from '../api/errors.js';
import { can, useSession } from '../api/queries.js';
import { LoadError, PageLoader } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { useFormat } from '../lib/format.js';
import { PageGuard } from './StatusPages.js';

const outboxList = listResponse(outboxMessageSummary);
const statusColor = { queued: 'blue', sending: 'cyan', sent: 'green', failed: 'red', held: 'gray' } as const;

/** One message: the HTML in a sandboxed frame (no scripts, no same-origin), and the plain text. */
function MessageModal({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useQuery({
    queryKey: ['outbox', id],
    queryFn: ({ signal }) => api.get(`/outbox/${id}`, { schema: outboxMessage, signal }),
  });
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
                <iframe
                  title={t('outbox.preview')}
                  sandbox=""
                  srcDoc={message.data.bodyHtml}
                  style={{
                    width: '100%',
                    height: 420,
                    border: '1px solid var(--mantine-color-default-border)',
                    borderRadius: 6,
                  }}
                />
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
  const me = useSession();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string | null>(null);
  const [channel, setChannel] = useState<string | null>(null);
  const retry = useMutation({
    mutationFn: (id: string) => api.post(`/outbox/${id}/retry`, undefined, { schema: outboxMessageSummary }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('outbox.retried') });
      void queryClient.invalidateQueries({ queryKey: ['outbox'] });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(t, error, format.locale) }),
  });
  const [recipient, setRecipient] = useState('');
  const [search] = useDebouncedValue(recipient.trim(), 300);
  const [open, setOpen] = useState<string | null>(null);
  const messages = useInfiniteQuery({
    queryKey: ['outbox', 'list', status, channel, search],
    queryFn: ({ pageParam, signal }) =>
      api.get('/outbox', {
        query: {
          status: status ?? undefined,
          channel: channel ?? undefined,
          recipient: search || undefined,
          limit: limits.pageSizeDefault,
          cursor: pageParam,
        },
        schema: outboxList,
        signal,
      }),
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
        <Select
          label={t('outbox.filters.channel')}
          placeholder={t('outbox.filters.anyChannel')}
          clearable
          data={outboxChannels.map((c) => ({ value: c, label: t(`outbox.channels.${c}`) }))}
          value={channel}
          onChange={setChannel}
        />
        <TextInput
          label={t('outbox.filters.recipient')}
          value={recipient}
          maxLength={limits.email}
          onChange={(e) => setRecipient(e.currentTarget.value)}
        />
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
                  <Table.Th>{t('outbox.columns.channel')}</Table.Th>
                  <Table.Th>{t('outbox.columns.recipient')}</Table.Th>
                  <Table.Th>{t('outbox.columns.subject')}</Table.Th>
                  <Table.Th>{t('outbox.columns.status')}</Table.Th>
                  <Table.Th>{t('outbox.columns.attempts')}</Table.Th>
                  <Table.Th>{t('outbox.columns.lastError')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      <time dateTime={m.createdAt}>{format.dateTime(m.createdAt)}</time>
                    </Table.Td>
                    <Table.Td>{t(`outbox.channels.${m.channel}`)}</Table.Td>
                    <Table.Td>{m.recipient}</Table.Td>
                    <Table.Td>
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        onClick={() => setOpen(m.id)}
                        aria-label={`${t('outbox.open')}: ${m.subject}`}
                      >
                        {m.subject}
                      </Button>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={statusColor[m.status]} variant="light">
                        {t(`outbox.status.${m.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{format.number(m.attempts)}</Table.Td>
                    <Table.Td>
                      {m.lastError ? (
                        <Text size="xs" c="red" lineClamp={2} title={m.lastError}>
                          {m.lastError}
                        </Text>
                      ) : null}
                      {m.status === 'queued' && m.attempts > 0 ? (
                        <Text size="xs" c="dimmed">
                          {t('outbox.nextAttempt', { date: format.dateTime(m.nextAttemptAt) })}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      {can(me, 'outbox.retry') &&
                      (m.status === 'failed' || m.status === 'queued' || m.status === 'held') ? (
                        <Button
                          size="compact-xs"
                          variant="default"
                          onClick={() => retry.mutate(m.id)}
                          loading={retry.isPending && retry.variables === m.id}
                        >
                          {t('outbox.retry')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {messages.hasNextPage ? (
            <Group justify="center" p="md">
              <Button
                variant="default"
                onClick={() => void messages.fetchNextPage()}
                loading={messages.isFetchingNextPage}
              >
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
