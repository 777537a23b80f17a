import { Alert, Button, Paper, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { acceptConflictDetails, type SupportRequestDetail } from '../../../shared/contracts/support-requests.js';
import { ApiError } from '../../api/client.js';
import { errorText } from '../../api/errors.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { useFormat } from '../../lib/format.js';
import { useLiveMessage } from '../../live/useLive.js';
import { RequestScreenShareButton } from '../sessions/RequestScreenShareButton.js';
import { NotFoundPage } from '../StatusPages.js';
import { acceptRequest, refreshRequests, requestKeys, useRequestDetailQuery } from './api.js';
import { ChatPanel } from './ChatPanel.js';
import { CloseModal } from './CloseModal.js';
import { RequestFacts } from './RequestFacts.js';
import { TransferModal } from './TransferModal.js';

/** The request as it changes: refetched when the live socket says it moved. */
export function useRequestDetail(id: string) {
  const queryClient = useQueryClient();
  const detail = useRequestDetailQuery(id);
  useLiveMessage('support.request', (frame) => {
    const changed = frame.request as { id?: string } | undefined;
    if (changed?.id === id) void queryClient.invalidateQueries({ queryKey: requestKeys.detail(id) });
  });
  useLiveMessage('support.new_messages', (frame) => {
    if ((frame.requestIds as string[] | undefined)?.includes(id))
      void queryClient.invalidateQueries({ queryKey: requestKeys.detail(id) });
  });
  useLiveMessage('resync', () => void queryClient.invalidateQueries({ queryKey: requestKeys.detail(id) }));
  // access to it was taken away (company, role or seat): asking again shows what is left
  useLiveMessage('support.unfollowed', (frame) => {
    if (frame.requestId !== id) return;
    void queryClient.invalidateQueries({ queryKey: requestKeys.detail(id) });
    void queryClient.invalidateQueries({ queryKey: ['support-requests', 'list'] });
  });
  return detail;
}

/** Loads one request (404 shown as the not-found page) and renders it in its frame; shared by the workspace and the Service Desk. */
export function LoadedRequest({
  id,
  children,
}: {
  id: string;
  children: (request: SupportRequestDetail) => ReactNode;
}) {
  const detail = useRequestDetail(id);
  if (detail.isPending) return <PageLoader />;
  if (detail.isError) {
    if (detail.error instanceof ApiError && (detail.error.status === 404 || detail.error.status === 400))
      return <NotFoundPage />;
    return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  return (
    <Paper withBorder radius="md" p="md">
      {children(detail.data)}
    </Paper>
  );
}

/** Why an accept failed, in words: another technician was first (named), it left the queue, or capacity. */
function acceptRefusal(t: TFunction, error: unknown, locale: string): string {
  if (error instanceof ApiError && error.code === 'conflict') {
    const parsed = acceptConflictDetails.safeParse(error.details);
    if (parsed.success) {
      const d = parsed.data;
      if (d.reason === 'taken')
        return d.by ? t('requests.accept.taken', { name: d.by.name }) : t('requests.accept.takenUnknown');
      if (d.reason === 'not_waiting') {
        const status: string = t(`requests.status.${d.status}`);
        return t('requests.accept.notWaiting', { status });
      }
      return t('requests.accept.overCapacity', { capacity: d.capacity });
    }
  }
  return errorText(t, error, locale);
}

function LiveRequestDetail({ request }: { request: SupportRequestDetail }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const accept = useMutation({
    mutationFn: () => acceptRequest(request.id),
    onSuccess: (updated) => {
      setRefusal(null);
      queryClient.setQueryData(requestKeys.detail(request.id), updated);
      refreshRequests(queryClient, request.id);
      notifications.show({ color: 'teal', message: t('requests.accept.accepted', { number: request.number }) });
    },
    onError: (error) => {
      setRefusal(acceptRefusal(t, error, locale));
      refreshRequests(queryClient, request.id);
    },
  });
  const a = request.abilities;
  const actions = (
    <>
      {a.accept && request.status === 'waiting' ? (
        <Button color="teal" onClick={() => accept.mutate()} loading={accept.isPending}>
          {t('requests.accept.button')}
        </Button>
      ) : null}
      <RequestScreenShareButton request={request} />
      {a.transfer ? (
        <Button variant="default" onClick={() => setTransferring(true)}>
          {t('requests.transfer.button')}
        </Button>
      ) : null}
      {a.close ? (
        <Button variant="light" color="red" onClick={() => setClosing(true)}>
          {t('requests.close.button')}
        </Button>
      ) : null}
    </>
  );
  return (
    <Stack gap="md">
      <RequestFacts request={request} actions={actions} />
      {refusal ? (
        <Alert
          color="orange"
          role="alert"
          data-testid="accept-refusal"
          withCloseButton
          onClose={() => setRefusal(null)}
          closeButtonLabel={t('common.close')}
        >
          {refusal}
        </Alert>
      ) : null}
      <ChatPanel key={request.id} request={request} />
      <CloseModal request={request} opened={closing} onClose={() => setClosing(false)} />
      <TransferModal request={request} opened={transferring} onClose={() => setTransferring(false)} />
    </Stack>
  );
}

/** One request in the workspace: facts, accept / transfer / close, and the chat or its transcript. */
export function RequestDetail({ id }: { id: string }) {
  return <LoadedRequest id={id}>{(request) => <LiveRequestDetail request={request} />}</LoadedRequest>;
}
