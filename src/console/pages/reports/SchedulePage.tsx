import { Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconSend, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { ReportSchedule } from '../../../shared/contracts/reports.js';
import { errorText } from '../../api/errors.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useFormat } from '../../lib/format.js';
import { PageGuard } from '../StatusPages.js';
import { deleteSchedule, fetchSchedule, recurrenceText, refreshReports, reportKeys, sendScheduleNow } from './api.js';
import { RunHistory } from './RunHistory.js';
import { ScheduleFormModal } from './ScheduleForm.js';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

function DeleteModal({ schedule, onClose }: { schedule: ReportSchedule; onClose: () => void }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteSchedule(schedule.id),
    onSuccess: () => {
      refreshReports(queryClient);
      notifications.show({ color: 'teal', message: t('reports.deleted') });
      void navigate('/reports');
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(t, error, locale) }),
  });
  return (
    <Modal opened onClose={onClose} title={t('reports.delete.title')} centered>
      <Stack gap="md">
        <Text size="sm">{t('reports.delete.body', { name: schedule.name })}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
            {t('reports.delete.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Schedule({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const query = useQuery({
    queryKey: reportKeys.detail(id),
    queryFn: ({ signal }) => fetchSchedule(id, signal),
  });
  const send = useMutation({
    mutationFn: () => sendScheduleNow(id),
    onSuccess: () => {
      refreshReports(queryClient);
      notifications.show({ color: 'teal', message: t('reports.sendNowQueued') });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(t, error, format.locale) }),
  });
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  const s = query.data;
  return (
    <>
      <PageHeader
        title={s.name}
        description={<Link to="/reports">{t('reports.back')}</Link>}
        actions={
          <Group gap="sm">
            {s.abilities.sendNow ? (
              <Button
                leftSection={<IconSend size={16} aria-hidden />}
                loading={send.isPending}
                onClick={() => send.mutate()}
              >
                {t('reports.sendNow')}
              </Button>
            ) : null}
            {s.abilities.update ? (
              <Button
                variant="default"
                leftSection={<IconPencil size={16} aria-hidden />}
                onClick={() => setEditing(true)}
              >
                {t('reports.edit')}
              </Button>
            ) : null}
            {s.abilities.delete ? (
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={16} aria-hidden />}
                onClick={() => setDeleting(true)}
              >
                {t('reports.delete.button')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <Stack gap="lg">
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="lg">
            <Fact label={t('reports.list.kind')}>{t(`reports.kinds.${s.kind}`)}</Fact>
            <Fact label={t('reports.form.companies')}>
              {s.allCompanies ? t('reports.allCompanies') : s.companies.map((c) => c.name).join(', ')}
            </Fact>
            <Fact label={t('reports.list.when')}>{recurrenceText(t, s)}</Fact>
            <Fact label={t('reports.list.nextRun')}>
              {s.enabled && s.nextRunAt ? (
                format.dateTime(s.nextRunAt)
              ) : (
                <Badge variant="light" color="gray">
                  {t('reports.disabled')}
                </Badge>
              )}
            </Fact>
            <Fact label={t('reports.form.recipients')}>{s.recipients.map((r) => r.name).join(', ')}</Fact>
            <Fact label={t('reports.owner')}>{s.owner?.name ?? '—'}</Fact>
          </SimpleGrid>
        </Paper>
        <RunHistory scheduleId={s.id} />
      </Stack>
      {editing ? <ScheduleFormModal schedule={s} onClose={() => setEditing(false)} /> : null}
      {deleting ? <DeleteModal schedule={s} onClose={() => setDeleting(false)} /> : null}
    </>
  );
}

export default function SchedulePage() {
  const { id = '' } = useParams();
  return (
    <PageGuard page="reports">
      <Schedule id={id} />
    </PageGuard>
  );
}
