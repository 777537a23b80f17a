import { Button, Group, Modal, Radio, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/contracts/sessions.js';
import { closeOutcomes, type CloseOutcome } from '../../../shared/contracts/support-requests.js';
import { limits } from '../../../shared/limits.js';
import { FormAlert } from '../../components/Feedback.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { endSession, sessionKeys } from './api.js';

interface Values {
  outcome: CloseOutcome;
  notes: string;
}

/** Ends a session with an outcome and notes; the server's field problems show on their fields. */
export function EndSessionModal({
  sessionId,
  opened,
  onClose,
  onEnded,
}: {
  sessionId: string;
  opened: boolean;
  onClose: () => void;
  /** before the session's queries are refreshed (e.g. to stop and upload the recording) */
  onEnded?: (session: Session) => unknown;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { form, onSubmit, problems, mutation } = useApiForm<Values, Session, Values>({
    form: { mode: 'controlled', initialValues: { outcome: 'resolved', notes: '' } },
    mutationFn: (values) => endSession(sessionId, { outcome: values.outcome, notes: values.notes.trim() || undefined }),
    onSuccess: async (session) => {
      await onEnded?.(session);
      void queryClient.invalidateQueries({ queryKey: sessionKeys.all });
      notifications.show({ color: 'teal', message: t('sessions.end.done') });
      onClose();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('sessions.end.title')}>
      <form noValidate onSubmit={onSubmit}>
        <Stack>
          <FormAlert messages={problems} />
          <Radio.Group label={t('sessions.fields.outcome')} required {...form.getInputProps('outcome')}>
            <Group mt="xs">
              {closeOutcomes.map((o) => (
                <Radio key={o} value={o} label={t(`sessions.outcome.${o}`)} />
              ))}
            </Group>
          </Radio.Group>
          <Textarea
            label={t('sessions.fields.notes')}
            description={t('sessions.end.notesHelp')}
            autosize
            minRows={3}
            maxLength={limits.closeNotes}
            {...form.getInputProps('notes')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={mutation.isPending}>
              {t('sessions.end.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
