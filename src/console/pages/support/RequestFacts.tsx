import { Badge, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SupportRequestDetail } from '../../../shared/contracts/support-requests.js';
import { Fact } from '../../kit/Fact.js';
import { useFormat } from '../../lib/format.js';
import { statusColor } from './RequestList.js';

/** Who asked what, from which company, the answers to the portal's fields, and where it stands. Customer text shown as text. */
export function RequestFacts({ request, actions }: { request: SupportRequestDetail; actions?: ReactNode }) {
  const { t } = useTranslation();
  const format = useFormat();
  const answers = Object.entries(request.fields).filter(([key]) => key !== 'phone');
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Group gap="xs">
            <Title order={2} fz="lg" data-testid="request-title">
              {t('requests.number', { number: request.number })} · {request.customer.name}
            </Title>
            <Badge variant="light" color={statusColor[request.status]} data-testid="request-status">
              {t(`requests.status.${request.status}`)}
            </Badge>
            {request.kind ? (
              <Badge variant="outline" color="gray">
                {t(`requests.kind.${request.kind}`)}
              </Badge>
            ) : null}
          </Group>
          {request.queue ? (
            <Text size="sm" c="dimmed">
              {t('requests.detail.queue', { position: request.queue.position })}
            </Text>
          ) : null}
          {request.offlineReason ? (
            <Text size="sm" c="dimmed">
              {t(`requests.offlineReason.${request.offlineReason}`)}
            </Text>
          ) : null}
        </div>
        {actions ? <Group gap="xs">{actions}</Group> : null}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Fact label={t('requests.detail.email')}>{request.customer.email}</Fact>
        {request.customer.phone ? <Fact label={t('requests.detail.phone')}>{request.customer.phone}</Fact> : null}
        <Fact label={t('requests.detail.company')}>{request.companyName}</Fact>
        <Fact label={t('requests.detail.assignee')}>{request.assignee?.name ?? t('requests.detail.nobody')}</Fact>
        <Fact label={t('requests.detail.created')}>{format.dateTime(request.createdAt)}</Fact>
        {request.closedAt ? <Fact label={t('requests.detail.closed')}>{format.dateTime(request.closedAt)}</Fact> : null}
        {request.outcome ? (
          <Fact label={t('requests.detail.outcome')}>{t(`requests.outcome.${request.outcome}`)}</Fact>
        ) : null}
        {answers.map(([key, value]) => (
          <Fact key={key} label={request.fieldLabels[key] ?? key}>
            {typeof value === 'boolean' ? (value ? t('requests.detail.yes') : t('requests.detail.no')) : value}
          </Fact>
        ))}
      </SimpleGrid>
      <Fact label={t('requests.detail.question')}>
        <span data-testid="request-question">{request.question}</span>
      </Fact>
      {request.closeNotes ? <Fact label={t('requests.detail.notes')}>{request.closeNotes}</Fact> : null}
    </Stack>
  );
}
