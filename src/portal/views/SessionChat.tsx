import type { PublicPortal } from '../../shared/contracts/portals.js';
import { useChat } from '../chat/useChat.js';
import { useText } from '../context.js';
import type { StoredSession } from '../session/storage.js';
import { ChatComposer } from './ChatComposer.js';
import { Conversation } from './Conversation.js';

/** The session's chat beside the screen: the request's conversation, with the portal's own chat parts. */
export function SessionChat({ portal, stored }: { portal: PublicPortal; stored: StoredSession }) {
  const { t } = useText();
  const { view, sendMessage, sendTyping } = useChat(portal.slug, stored.requestId, stored.token, stored.customerName);
  const name = view.technicianName;
  const closed = view.status === 'closed';
  return (
    <section className="card chat session-chat" aria-labelledby="session-chat-title" data-testid="session-chat">
      <h2 id="session-chat-title">{name ? t('chat.title', { name }) : t('session.chatTitle')}</h2>
      {view.connection === 'reconnecting' ? (
        <p className="connection-note" role="status">
          {t('chat.reconnecting')}
        </p>
      ) : null}
      <Conversation
        messages={view.transcript.messages}
        pending={view.transcript.pending}
        token={stored.token}
        label={t('chat.log')}
      />
      <p className="typing" aria-live="polite">
        {view.typing && name ? t('chat.typing', { name }) : '\u00a0'}
      </p>
      {closed ? (
        <p className="closed-note" role="status">
          {t('chat.closed')}
        </p>
      ) : (
        <ChatComposer
          portal={portal}
          requestId={stored.requestId}
          token={stored.token}
          onSend={sendMessage}
          onTyping={sendTyping}
        />
      )}
    </section>
  );
}
