import { Button, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconSend, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorText } from '../../api/errors.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useFormat } from '../../lib/format.js';
import { PageGuard } from '../StatusPages.js';
import { fetchSchedule, refreshReports, reportKeys, sendScheduleNow } from './api.js';
import { DeleteScheduleModal } from './DeleteScheduleModal.js';
import { RunHistory } from './RunHistory.js';
import { ScheduleFacts } from './ScheduleFacts.js';
import { ScheduleFormModal } from './ScheduleForm.js';

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
        <ScheduleFacts schedule={s} />
        <RunHistory scheduleId={s.id} />
      </Stack>
      {editing ? <ScheduleFormModal schedule={s} onClose={() => setEditing(false)} /> : null}
      {deleting ? <DeleteScheduleModal schedule={s} onClose={() => setDeleting(false)} /> : null}
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
