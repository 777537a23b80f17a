import { Badge, Button, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { outboxMessageSummary } from '../../../shared/contracts/outbox.js';
import { errorText } from '../../api/errors.js';
import { can, useSession } from '../../session/api.js';
import type { DataColumn } from '../../kit/DataTable.js';
import { useFormat } from '../../lib/format.js';
import { refreshOutbox, retryMessage } from './api.js';

type OutboxMessageSummary = z.infer<typeof outboxMessageSummary>;

const statusColor = { queued: 'blue', sending: 'cyan', sent: 'green', failed: 'red', held: 'gray' } as const;

/**
 * The delivery log's table: when, channel, to whom, subject (opens the message), state, tries, "retry now". Long
 * addresses, subjects and errors are cut to fit a 1440-pixel screen, whole in their title and in the message.
 */
export function useOutboxColumns(open: (id: string) => void): DataColumn<OutboxMessageSummary>[] {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useSession();
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: retryMessage,
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('outbox.retried') });
      refreshOutbox(queryClient);
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(t, error, format.locale) }),
  });
  return [
    {
      key: 'createdAt',
      header: t('outbox.columns.createdAt'),
      style: { whiteSpace: 'nowrap' },
      cell: (m) => <time dateTime={m.createdAt}>{format.dateTime(m.createdAt)}</time>,
    },
    { key: 'channel', header: t('outbox.columns.channel'), cell: (m) => t(`outbox.channels.${m.channel}`) },
    {
      key: 'recipient',
      header: t('outbox.columns.recipient'),
      // long addresses are cut: the whole one is the cell's title, and in the message
      cell: (m) => (
        <Text size="sm" truncate="end" maw={210} title={m.recipient}>
          {m.recipient}
        </Text>
      ),
    },
    {
      key: 'subject',
      header: t('outbox.columns.subject'),
      cell: (m) => (
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => open(m.id)}
          aria-label={`${t('outbox.open')}: ${m.subject}`}
          title={m.subject}
          maw={280}
          styles={{ label: { display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } }}
        >
          {m.subject}
        </Button>
      ),
    },
    {
      key: 'status',
      header: t('outbox.columns.status'),
      cell: (m) => (
        <Badge color={statusColor[m.status]} variant="light">
          {t(`outbox.status.${m.status}`)}
        </Badge>
      ),
    },
    { key: 'attempts', header: t('outbox.columns.attempts'), cell: (m) => format.number(m.attempts) },
    {
      key: 'lastError',
      header: t('outbox.columns.lastError'),
      cell: (m) => (
        <>
          {m.lastError ? (
            <Text size="xs" c="red" lineClamp={2} maw={220} title={m.lastError}>
              {m.lastError}
            </Text>
          ) : null}
          {m.status === 'queued' && m.attempts > 0 ? (
            <Text size="xs" c="dimmed">
              {t('outbox.nextAttempt', { date: format.dateTime(m.nextAttemptAt) })}
            </Text>
          ) : null}
        </>
      ),
    },
    {
      key: 'retry',
      header: null,
      cell: (m) =>
        can(me, 'outbox.retry') && (m.status === 'failed' || m.status === 'queued' || m.status === 'held') ? (
          <Button
            size="compact-xs"
            variant="default"
            onClick={() => retry.mutate(m.id)}
            loading={retry.isPending && retry.variables === m.id}
          >
            {t('outbox.retry')}
          </Button>
        ) : null,
    },
  ];
}
