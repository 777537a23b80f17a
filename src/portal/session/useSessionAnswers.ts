import { useState } from 'react';
import type { CustomerSession } from '../../shared/contracts/sessions.js';
import { sessionApi } from './api.js';
import { forgetSession, type StoredSession } from './storage.js';
import type { SessionLive } from './useSessionLive.js';

/**
 * The customer's answers to the server: allow or decline the consent step, end the session. Each
 * call is busy while it runs and says when it failed; a declined or ended session is forgotten by this tab.
 */
export function useSessionAnswers(slug: string, stored: StoredSession, live: SessionLive, close: () => void) {
  const [busy, setBusy] = useState(false);
  const [declined, setDeclined] = useState(false);
  const [failed, setFailed] = useState(false);
  const { sessionId, token } = stored;

  const act = async (call: () => Promise<CustomerSession | undefined>) => {
    setBusy(true);
    setFailed(false);
    try {
      const next = await call();
      if (next) live.setSession(next);
      return true;
    } catch {
      setFailed(true);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const consent = async (allow: boolean) => {
    const done = await act(() => sessionApi.consent(slug, sessionId, token, allow));
    if (done && !allow) {
      setDeclined(true);
      forgetSession(slug);
    }
  };
  const end = async () => {
    close();
    if (await act(() => sessionApi.leave(slug, sessionId, token))) forgetSession(slug);
  };

  return { busy, declined, failed, consent, end };
}
