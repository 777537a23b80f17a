import { useEffect, useRef } from 'react';
import type { PublicPortal } from '../../shared/contracts/portals.js';
import { useChat } from '../chat/useChat.js';
import { useText } from '../context.js';
import { ChatComposer } from './ChatComposer.js';
import { Conversation } from './Conversation.js';
import type { Draft } from './fields.js';
import { OfflineView } from './OfflineView.js';
import { SatisfactionQuestion } from './SatisfactionQuestion.js';
import { SessionInvitation } from './SessionInvitation.js';

export interface Session {
  requestId: string;
  number: number;
  token: string;
}

function Waiting({
  position,
  seconds,
  question,
}: {
  position: number | null;
  seconds: number | null;
  question: string;
}) {
  const { t, locale } = useText();
  const minutes = seconds === null ? null : Math.ceil(seconds / 60);
  const number = (n: number) => new Intl.NumberFormat(locale).format(n);
  return (
    <section className="card waiting" aria-labelledby="waiting-title" data-testid="waiting-view">
      <h1 id="waiting-title">{t('waiting.title')}</h1>
      <div className="spinner" aria-hidden="true" />
      <div role="status" aria-live="polite" aria-atomic="true">
        {position !== null ? (
          <p className="position" data-testid="queue-position">
            {t('waiting.position', { count: position, position: number(position) })}
          </p>
        ) : null}
        <p className="estimate" data-testid="queue-estimate">
          {seconds === null
            ? t('waiting.estimateUnknown')
            : seconds < 60
              ? t('waiting.estimateSoon')
              : t('waiting.estimate', { count: minutes! })}
        </p>
      </div>
      <p className="hint">{t('waiting.keepOpen')}</p>
      <h2>{t('waiting.yourQuestion')}</h2>
      <blockquote className="kept">{question}</blockquote>
    </section>
  );
}

/** After the question is sent: the live queue, then the chat; or the offline message. */
export function LiveRequest({
  portal,
  session,
  draft,
  onRestart,
}: {
  portal: PublicPortal;
  session: Session;
  draft: Draft;
  onRestart: () => void;
}) {
  const { t } = useText();
  const { view, sendMessage, sendTyping, markRead } = useChat(
    portal.slug,
    session.requestId,
    session.token,
    draft.name.trim(),
  );
  const { transcript, status } = view;
  const lastRead = useRef(0);

  // the customer sees every message on screen: tell the technician up to where they have read (their own messages
  // need no such word, and each would spend a frame of the socket's budget)
  const lastSeq = transcript.messages.findLast((m) => m.author.type !== 'customer')?.seq ?? 0;
  useEffect(() => {
    if (status !== 'active' || lastSeq <= lastRead.current || document.visibilityState !== 'visible') return;
    lastRead.current = lastSeq;
    markRead(lastSeq);
  }, [status, lastSeq, markRead, view.connection]);
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible' && lastSeq > lastRead.current) {
        lastRead.current = lastSeq;
        markRead(lastSeq);
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [lastSeq, markRead]);

  if (status === 'offline' || status === 'answered') {
    return (
      <OfflineView message={view.offlineMessage ?? portal.offlineMessage} reason={view.offlineReason} draft={draft} />
    );
  }
  const connectionNote =
    view.connection === 'reconnecting' ? (
      <p className="connection-note" role="status" data-testid="reconnecting">
        {t('chat.reconnecting')}
      </p>
    ) : null;

  if (status === null || status === 'waiting') {
    return (
      <>
        {connectionNote}
        <Waiting
          position={view.queue?.position ?? null}
          seconds={view.queue?.estimatedWaitSeconds ?? null}
          question={draft.question}
        />
      </>
    );
  }

  const closed = status === 'closed';
  const name = view.technicianName;
  return (
    <section className="card chat" aria-labelledby="chat-title" data-testid="chat-view">
      <h1 id="chat-title">{name ? t('chat.title', { name }) : t('chat.titleNoName')}</h1>
      {connectionNote}
      {closed ? null : (
        <SessionInvitation
          slug={portal.slug}
          requestId={session.requestId}
          token={session.token}
          customerName={draft.name.trim()}
          messages={transcript.messages}
        />
      )}
      <Conversation
        messages={transcript.messages}
        pending={transcript.pending}
        token={session.token}
        readSeq={view.technicianReadSeq}
        label={t('chat.log')}
      />
      <p className="typing" aria-live="polite" data-testid="typing">
        {view.typing && name ? t('chat.typing', { name }) : '\u00a0'}
      </p>
      {closed ? (
        <>
          <p className="closed-note" role="status">
            {t('chat.closed')}
          </p>
          <SatisfactionQuestion slug={portal.slug} requestId={session.requestId} token={session.token} />
          <p>
            <button type="button" className="link-button" onClick={onRestart}>
              {t('chat.newQuestion')}
            </button>
          </p>
        </>
      ) : (
        <ChatComposer
          portal={portal}
          requestId={session.requestId}
          token={session.token}
          onSend={sendMessage}
          onTyping={sendTyping}
        />
      )}
      {view.refusal ? (
        <p className="error" role="alert">
          {t('chat.refused')}
        </p>
      ) : null}
    </section>
  );
}
