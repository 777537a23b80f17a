import { Badge, Center, Group, Loader, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RequestView, SupportRequest } from '../../../shared/contracts/support-requests.js';
import { LoadError } from '../../components/Feedback.js';
import { ListFooter } from '../../components/ListFooter.js';
import { SeatRequired, seatRequiredBy } from '../../components/SeatRequired.js';
import { useFormat } from '../../lib/format.js';
import { useRequestList } from './api.js';

export const statusColor: Record<SupportRequest['status'], string> = {
  waiting: 'orange',
  active: 'teal',
  offline: 'red',
  answered: 'blue',
  closed: 'gray',
};

function RequestRow({ request, href, selected }: { request: SupportRequest; href: string; selected: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <UnstyledButton
      component={Link}
      to={href}
      className="request-row"
      aria-current={selected ? 'true' : undefined}
      data-testid="request-row"
      data-number={request.number}
      p="sm"
      style={{
        display: 'block',
        borderRadius: 8,
        background: selected ? 'var(--mantine-color-default-hover)' : undefined,
      }}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text fw={600} size="sm" truncate>
          {t('requests.number', { number: request.number })} · {request.customer.name}
        </Text>
        <Badge size="sm" variant="light" color={statusColor[request.status]}>
          {t(`requests.status.${request.status}`)}
        </Badge>
      </Group>
      <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
        {request.question}
      </Text>
      <Group gap="xs" mt={2}>
        <Text size="xs" c="dimmed">
          {request.companyName} · {format.dateTime(request.lastMessageAt ?? request.createdAt)}
        </Text>
        {request.unread > 0 ? (
          <Badge size="xs" color="red">
            {t('requests.unread', { count: request.unread })}
          </Badge>
        ) : null}
      </Group>
    </UnstyledButton>
  );
}

/** One view of the requests (New, Active, My requests, Completed, Inbox), newest activity visible. */
export function RequestList({
  view,
  companyId,
  q,
  selectedId,
  basePath,
}: {
  view: RequestView;
  companyId: string | null;
  q: string;
  selectedId: string | null;
  basePath: string;
}) {
  const { t } = useTranslation();
  const list = useRequestList(view, companyId, q);
  if (list.isPending) {
    return (
      <Center mih={120}>
        <Loader size="sm" />
      </Center>
    );
  }
  const seat = seatRequiredBy(list.error);
  if (seat) return <SeatRequired module={seat} />;
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  const items = list.data.pages.flatMap((page) => page.items);
  return (
    <Paper withBorder radius="md" p="xs">
      {items.length === 0 ? (
        <Text c="dimmed" size="sm" p="md" ta="center" data-testid="empty-view">
          {t(`requests.empty.${view}`)}
        </Text>
      ) : (
        <Stack
          gap={2}
          component="ul"
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
          aria-label={t(`requests.views.${view}`)}
        >
          {items.map((request) => (
            <li key={request.id}>
              <RequestRow
                request={request}
                href={`${basePath}/${request.id}?view=${view}`}
                selected={request.id === selectedId}
              />
            </li>
          ))}
        </Stack>
      )}
      {items.length > 0 ? <ListFooter shownText={t('requests.shown', { count: items.length })} pages={list} /> : null}
    </Paper>
  );
}
