/**
 * This tab's session on a portal, kept in sessionStorage so that a reload during a session comes
 * back to it ("Share my screen again"). The session's chat is a request whose visitor token the
 * portal already keeps under its own key (views/AskFlow.tsx): joining writes it there too, so the
 * chat resumes when the session is over.
 */
export interface StoredSession {
  sessionId: string;
  requestId: string;
  token: string;
  /** the name the customer gave, for their own messages in the chat */
  customerName: string;
  /** the screen was shared from this tab: after a reload, the page offers to share it again */
  shared?: boolean;
}

const sessionKey = (slug: string) => `tandem.portal.${slug}.session`;
const requestKey = (slug: string) => `tandem.portal.${slug}`;

export function loadSession(slug: string): StoredSession | null {
  try {
    const raw = window.sessionStorage.getItem(sessionKey(slug));
    const value = raw ? (JSON.parse(raw) as StoredSession) : null;
    return value && typeof value.sessionId === 'string' && typeof value.token === 'string' ? value : null;
  } catch {
    return null;
  }
}

export function forgetSession(slug: string): void {
  try {
    window.sessionStorage.removeItem(sessionKey(slug));
  } catch {
    // storage unavailable: nothing was kept
  }
}

/** Keeps the session, and its chat as the portal's request of this tab unless one is kept already. */
export function keepSession(slug: string, session: StoredSession): void {
  try {
    window.sessionStorage.setItem(sessionKey(slug), JSON.stringify(session));
    const kept = window.sessionStorage.getItem(requestKey(slug));
    const keptRequest = kept ? (JSON.parse(kept) as { session?: { requestId?: string } }).session?.requestId : null;
    if (keptRequest !== session.requestId) {
      window.sessionStorage.setItem(
        requestKey(slug),
        JSON.stringify({
          session: { requestId: session.requestId, number: 0, token: session.token },
          draft: { name: session.customerName, email: '', phone: '', question: '', custom: {} },
          offline: null,
        }),
      );
    }
  } catch {
    // storage unavailable: a reload starts over, nothing else is lost
  }
}
