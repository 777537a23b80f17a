import { Button, Group, Modal, Radio, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  closeOutcomes,
  type CloseOutcome,
  type SupportRequestDetail,
} from '../../../shared/contracts/support-requests.js';
import { limits } from '../../../shared/limits.js';
import { errorText } from '../../api/errors.js';
import { FormAlert } from '../../components/Feedback.js';
import { useFormat } from '../../lib/format.js';
import { closeRequest, refreshRequests, requestKeys } from './api.js';

/** Closes a chat or a question with an outcome and notes for the team. */
export function CloseModal({
  request,
  opened,
  onClose,
}: {
  request: SupportRequestDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<CloseOutcome>('resolved');
  const [notes, setNotes] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const close = useMutation({
    mutationFn: () => closeRequest(request.id, { outcome, notes }),
    onSuccess: (updated) => {
      queryClient.setQueryData(requestKeys.detail(request.id), updated);
      refreshRequests(queryClient, request.id);
      notifications.show({ color: 'teal', message: t('requests.close.done', { number: request.number }) });
      onClose();
    },
    onError: (error) => setProblem(errorText(t, error, locale)),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('requests.close.title', { number: request.number })}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setProblem(null);
          close.mutate();
        }}
      >
        <Stack>
          <FormAlert messages={problem ? [problem] : []} />
          <Radio.Group
            label={t('requests.close.outcome')}
            value={outcome}
            onChange={(v) => setOutcome(v as CloseOutcome)}
            required
          >
            <Group mt="xs">
              {closeOutcomes.map((o) => (
                <Radio key={o} value={o} label={t(`requests.outcome.${o}`)} />
              ))}
            </Group>
          </Radio.Group>
          <Textarea
            label={t('requests.close.notes')}
            description={t('requests.close.notesHelp')}
            autosize
            minRows={3}
            maxLength={limits.closeNotes}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={close.isPending}>
              {t('requests.close.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
