import { Button, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SupportRequestDetail } from '../../../shared/contracts/support-requests.js';
import { errorText } from '../../api/errors.js';
import { useSession } from '../../session/api.js';
import { LoadError } from '../../components/Feedback.js';
import { useFormat } from '../../lib/format.js';
import { useLiveMessage, useLiveSend, useLiveStatus } from '../../live/useLive.js';
import { fetchMessages, markSeenInLists, refreshRequests, requestKeys } from '../support/api.js';
import { CloseModal } from '../support/CloseModal.js';
import { RequestFacts } from '../support/RequestFacts.js';
import { LoadedRequest } from '../support/RequestDetail.js';
import { Transcript } from '../support/Transcript.js';
import { AnswerForm } from './AnswerForm.js';
import { assignQuestion } from './api.js';

function Question({ request }: { request: SupportRequestDetail }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const me = useSession();
  const queryClient = useQueryClient();
  const [closing, setClosing] = useState(false);
  const messages = useQuery({
    queryKey: requestKeys.messages(request.id),
    queryFn: ({ signal }) => fetchMessages(request.id, 0, signal),
  });
  // a customer's reply or a colleague's answer: the transcript follows
  useLiveMessage('support.new_messages', (frame) => {
    if (frame.type === 'resync' || (frame.requestIds as string[] | undefined)?.includes(request.id))
      void queryClient.invalidateQueries({ queryKey: requestKeys.messages(request.id) });
  });
  useLiveMessage('support.request', (frame) => {
    if ((frame.request as { id?: string } | undefined)?.id === request.id)
      void queryClient.invalidateQueries({ queryKey: requestKeys.messages(request.id) });
  });
  // opened by someone who answers questions: what is on screen is read, and the unread badge goes
  const send = useLiveSend();
  const liveStatus = useLiveStatus();
  const readSent = useRef(request.technicianReadSeq);
  const lastSeq = messages.data?.lastSeq ?? 0;
  useEffect(() => {
    if (!request.abilities.answer || lastSeq <= readSent.current || document.visibilityState !== 'visible') return;
    if (send({ type: 'support.read', requestId: request.id, seq: lastSeq })) {
      readSent.current = lastSeq;
      markSeenInLists(queryClient, request.id);
    }
  }, [request.abilities.answer, request.id, lastSeq, send, liveStatus, queryClient]);
  const assign = useMutation({
    mutationFn: (userId: string | null) => assignQuestion(request.id, userId),
    onSuccess: (updated) => {
      queryClient.setQueryData(requestKeys.detail(request.id), updated);
      refreshRequests(queryClient, request.id);
      notifications.show({
        color: 'teal',
        message: updated.assignee
          ? t('serviceDesk.assign.done', { number: request.number, name: updated.assignee.name })
          : t('serviceDesk.assign.cleared', { number: request.number }),
      });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(t, error, locale) }),
  });
  const a = request.abilities;
  const open = request.status === 'offline' || request.status === 'answered';
  const actions = (
    <>
      {a.assign && open && request.assignee?.id !== me.user.id ? (
        <Button variant="default" onClick={() => assign.mutate(me.user.id)} loading={assign.isPending}>
          {t('serviceDesk.assign.toMe')}
        </Button>
      ) : null}
      {a.assign && open && request.assignee ? (
        <Button variant="subtle" onClick={() => assign.mutate(null)} loading={assign.isPending}>
          {t('serviceDesk.assign.unassign')}
        </Button>
      ) : null}
      {a.close && open ? (
        <Button variant="light" color="red" onClick={() => setClosing(true)}>
          {t('requests.close.button')}
        </Button>
      ) : null}
    </>
  );
  return (
    <Stack gap="md">
      <RequestFacts request={request} actions={actions} />
      {messages.isError ? <LoadError error={messages.error} onRetry={() => void messages.refetch()} /> : null}
      <Transcript
        messages={messages.data?.items ?? []}
        customerReadSeq={request.customerReadSeq}
        label={t('requests.detail.transcript')}
        expanded
      />
      {a.answer && open ? <AnswerForm request={request} /> : null}
      <CloseModal request={request} opened={closing} onClose={() => setClosing(false)} />
    </Stack>
  );
}

/** One offline question in the Service Desk inbox: facts, transcript, assign, answer, close. */
export function QuestionDetail({ id }: { id: string }) {
  return <LoadedRequest id={id}>{(request) => <Question request={request} />}</LoadedRequest>;
}
