import { useEffect, useState } from 'react';
import type { ChatMessage } from '../../shared/contracts/support-requests.js';
import { useText } from '../context.js';
import { sessionApi } from '../session/api.js';
import { useSessionNavigation } from '../session/navigation.js';

interface Invitation {
  sessionId: string;
  technicianName: string | null;
}

/**
 * In a live chat: the technician asked to see the customer's screen. Whether a session waits for
 * this chat is asked when the chat opens and at each new system line of the chat (the server writes
 * one when a technician asks); asking changes nothing: the customer joins when they allow on the consent step.
 */
export function SessionInvitation({
  slug,
  requestId,
  token,
  customerName,
  messages,
}: {
  slug: string;
  requestId: string;
  token: string;
  customerName: string;
  messages: readonly ChatMessage[];
}) {
  const { t } = useText();
  const navigation = useSessionNavigation();
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [busy, setBusy] = useState(false);
  const systemLines = messages.filter((m) => m.author.type === 'system').length;

  useEffect(() => {
    if (!navigation) return;
    let cancelled = false;
    sessionApi
      .forRequest(slug, requestId, token)
      .then(async (found) => {
        const sessionId = found.sessionId;
        const session = sessionId ? await sessionApi.get(slug, sessionId, token).catch(() => null) : null;
        if (cancelled) return;
        if (!sessionId || !session || session.status === 'ended' || session.status === 'expired')
          return setInvitation(null);
        setInvitation({ sessionId, technicianName: session.technicianName });
      })
      .catch(() => !cancelled && setInvitation(null));
    return () => {
      cancelled = true;
    };
  }, [navigation, slug, requestId, token, systemLines]);

  if (!invitation || !navigation) return null;
  const decline = async () => {
    setBusy(true);
    try {
      await sessionApi.consent(slug, invitation.sessionId, token, false);
      setInvitation(null);
    } catch {
      // still shown: the customer can answer again
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="invitation" role="alert" data-testid="session-invitation">
      <p>
        {invitation.technicianName
          ? t('session.invitation', { name: invitation.technicianName })
          : t('session.invitationNoName')}
      </p>
      <div className="actions session-actions">
        <button
          type="button"
          className="primary"
          onClick={() => navigation.openSession({ sessionId: invitation.sessionId, requestId, token, customerName })}
        >
          {t('session.view')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void decline()}>
          {t('session.decline')}
        </button>
      </div>
    </div>
  );
}
