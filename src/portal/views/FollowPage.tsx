import { useCallback, useEffect, useRef, useState } from 'react';
import type { PublicPortal } from '../../shared/contracts/portals.js';
import type { ChatMessage, VisitorRequest } from '../../shared/contracts/support-requests.js';
import { newClientId, portalApi, PortalApiError } from '../api.js';
import { receive, type Transcript } from '../../shared/chat-transcript.js';
import { useText } from '../context.js';
import { Composer } from './Composer.js';
import { Conversation } from './Conversation.js';
import { Notice } from './Layout.js';

const refreshEveryMs = 15_000;

/**
 * The private link e-mailed to the customer: their question, the technician's answers and their
 * own replies, newest last; a reply box while the question is open. New answers appear without
 * a reload.
 */
export function FollowPage({
  portal,
  requestId,
  token,
}: {
  portal: PublicPortal;
  requestId: string;
  token: string | null;
}) {
  const { t, locale } = useText();
  const [request, setRequest] = useState<VisitorRequest | null>(null);
  const [transcript, setTranscript] = useState<Transcript>({ messages: [], pending: [] });
  const [invalid, setInvalid] = useState(token === null);
  const [replyState, setReplyState] = useState<'idle' | 'sent' | 'failed'>('idle');
  const lastSeq = useRef(0);

  const refresh = useCallback(async () => {
    if (!token) return;
    try {
      const [current, page] = await Promise.all([
        portalApi.request(portal.slug, requestId, token),
        portalApi.messages(portal.slug, requestId, token, lastSeq.current),
      ]);
      setRequest(current);
      setTranscript((tr) => {
        const next = receive(tr, page.items);
        lastSeq.current = next.messages.at(-1)?.seq ?? lastSeq.current;
        return next;
      });
    } catch (error) {
      if (error instanceof PortalApiError && (error.status === 401 || error.status === 403 || error.status === 404))
        setInvalid(true);
    }
  }, [portal.slug, requestId, token]);

  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => document.visibilityState === 'visible' && void refresh(), refreshEveryMs);
    return () => window.clearInterval(timer);
  }, [refresh]);

  const reply = async (body: string) => {
    if (!token) return;
    const clientId = newClientId();
    const pending = { clientId, body, attachment: null, createdAt: new Date().toISOString() };
    setTranscript((tr) => ({ ...tr, pending: [...tr.pending, pending] }));
    // resent with the same client id until stored: never twice
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        const stored: ChatMessage = await portalApi.reply(portal.slug, requestId, token, { clientId, body });
        setTranscript((tr) => receive(tr, [stored]));
        setReplyState('sent');
        void refresh();
        return;
      } catch (error) {
        if (error instanceof PortalApiError && error.status > 0 && error.status < 500) break;
        await new Promise((r) => window.setTimeout(r, 1000 * (attempt + 1)));
      }
    }
    setTranscript((tr) => ({ ...tr, pending: tr.pending.filter((p) => p.clientId !== clientId) }));
    setReplyState('failed');
  };

  if (invalid) return <Notice title={t('notFound.title')} text={t('follow.invalid')} />;
  if (!request) {
    return (
      <p className="loading" role="status">
        {t('loading')}
      </p>
    );
  }
  const asked = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(
    new Date(request.createdAt),
  );
  const closed = request.status === 'closed';
  const hasAnswer = transcript.messages.some((m) => m.author.type === 'technician');
  return (
    <section className="card follow" aria-labelledby="follow-title" data-testid="follow-page">
      <h1 id="follow-title">{t('follow.title', { number: request.number })}</h1>
      <p className="status-line">
        <span className={`badge status-${request.status}`} data-testid="follow-status">
          {t(`follow.status.${request.status}`)}
        </span>{' '}
        <span className="hint">{t('follow.asked', { date: asked })}</span>
      </p>
      <p className="hint" data-testid="follow-email">
        {t(
          request.emailConfirmed
            ? 'follow.confirmed'
            : request.followLinkEmailed
              ? 'follow.confirmHint'
              : 'follow.keepPage',
          { email: request.email },
        )}
      </p>
      <blockquote className="kept">{request.question}</blockquote>
      <h2>{t('follow.conversation')}</h2>
      {!hasAnswer && !closed ? <p className="hint">{t('follow.noAnswer')}</p> : null}
      <Conversation
        messages={transcript.messages.filter(
          (m) => !(m.seq === 1 && m.author.type === 'customer' && m.body === request.question),
        )}
        pending={transcript.pending}
        token={token!}
        label={t('follow.conversation')}
      />
      {closed ? (
        <>
          <p className="closed-note">{t('follow.closedNote')}</p>
          <p>
            <a href={`/portal/${encodeURIComponent(portal.slug)}`}>{t('follow.newQuestion')}</a>
          </p>
        </>
      ) : (
        <>
          <Composer label={t('follow.reply')} submitLabel={t('follow.sendReply')} onSend={(body) => void reply(body)} />
          <p role="status" className={replyState === 'failed' ? 'error' : 'hint'}>
            {replyState === 'sent' ? t('follow.replySent') : replyState === 'failed' ? t('form.errors.server') : ''}
          </p>
        </>
      )}
    </section>
  );
}
