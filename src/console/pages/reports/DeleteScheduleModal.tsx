import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ReportSchedule } from '../../../shared/contracts/reports.js';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { deleteSchedule, refreshReports } from './api.js';

/** Confirms deleting a schedule (its runs go with it), then back to the list. */
export function DeleteScheduleModal({ schedule, onClose }: { schedule: ReportSchedule; onClose: () => void }) {
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
