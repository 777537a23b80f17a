import { useEffect, useRef } from 'react';
import type { ChatMessage } from '../../shared/contracts/support-requests.js';
import { attachmentHref } from '../api.js';
import type { PendingMessage } from '../../shared/chat-transcript.js';
import { useText } from '../context.js';

function time(iso: string, locale: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? ''
    : new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(date);
}

function AttachmentLink({ attachment, token }: { attachment: NonNullable<ChatMessage['attachment']>; token: string }) {
  const { t } = useText();
  return (
    <a className="attachment" href={attachmentHref(attachment.url, token)} download={attachment.name} rel="noopener">
      {t('chat.download', { name: attachment.name })}
    </a>
  );
}

export interface ConversationProps {
  messages: ChatMessage[];
  pending?: PendingMessage[];
  token: string;
  /** the technician side has read up to this seq: the customer's last message read shows "Read" */
  readSeq?: number;
  label: string;
}

/**
 * The messages, oldest first, as plain text (React escapes it). Customer messages not yet stored
 * show "Sending…"; the last stored one shows "Sent" or "Read". New messages are announced politely.
 */
export function Conversation({ messages, pending = [], token, readSeq = 0, label }: ConversationProps) {
  const { t, locale } = useText();
  const endRef = useRef<HTMLDivElement>(null);
  const lastCustomer = [...messages].reverse().find((m) => m.author.type === 'customer');
  useEffect(() => {
    endRef.current?.scrollIntoView?.({ block: 'end' });
  }, [messages.length, pending.length]);

  return (
    <div
      className="conversation"
      role="log"
      aria-live="polite"
      aria-label={label}
      // it scrolls: reachable by the keyboard to scroll it
      tabIndex={0}
      data-testid="conversation"
    >
      {messages.length === 0 && pending.length === 0 ? <p className="conversation-empty">{t('chat.empty')}</p> : null}
      <ol>
        {messages.map((m) => (
          <li key={m.seq} className={`message from-${m.author.type}`} data-seq={m.seq}>
            {m.author.type === 'system' ? (
              <p className="system-line">{m.body}</p>
            ) : (
              <>
                <p className="meta">
                  <span className="author">{m.author.type === 'customer' ? t('chat.you') : m.author.name}</span>{' '}
                  <time dateTime={m.createdAt}>{time(m.createdAt, locale)}</time>
                </p>
                {m.body ? <p className="body">{m.body}</p> : null}
                {m.attachment ? <AttachmentLink attachment={m.attachment} token={token} /> : null}
                {m === lastCustomer ? (
                  <p className="state">{readSeq >= m.seq ? t('chat.read') : t('chat.sent')}</p>
                ) : null}
              </>
            )}
          </li>
        ))}
        {pending.map((p) => (
          <li key={p.clientId} className="message from-customer pending" data-pending="true">
            <p className="meta">
              <span className="author">{t('chat.you')}</span>
            </p>
            {p.body ? <p className="body">{p.body}</p> : null}
            {p.attachment ? <p className="body">{p.attachment.name}</p> : null}
            <p className="state">{t('chat.sending')}</p>
          </li>
        ))}
      </ol>
      <div ref={endRef} />
    </div>
  );
}
