import { useMemo, useState } from 'react';
import type { PublicPortal } from '../../shared/contracts/portals.js';
import { useText } from '../context.js';
import { sessionApi, type JoinedSession } from '../session/api.js';
import { SessionNavigationContext, type SessionNavigation } from '../session/navigation.js';
import { forgetSession, keepSession, loadSession, type StoredSession } from '../session/storage.js';
import { AskFlow } from './AskFlow.js';
import { CodeEntry } from './CodeEntry.js';
import { SessionView } from './SessionView.js';

/** The join link's `?code=` has been used: a reload should not show the form again. */
function dropCodeFromAddress() {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('code')) return;
  url.searchParams.delete('code');
  window.history.replaceState(window.history.state, '', url);
}

/**
 * A company's portal: the question and its chat (AskFlow), the session code form ("I have a code",
 * or the technician's join link), and the session this tab is in (kept across reloads).
 */
export function SessionFlow({ portal, code }: { portal: PublicPortal; code?: string }) {
  const { t } = useText();
  const [session, setSession] = useState<StoredSession | null>(() => loadSession(portal.slug));
  const [enteringCode, setEnteringCode] = useState(code !== undefined);
  // the chat starts again from what is kept for this tab once the session view closes
  const [chatKey, setChatKey] = useState(0);

  const navigation = useMemo<SessionNavigation>(
    () => ({
      enterCode: () => setEnteringCode(true),
      openSession: (next) => {
        keepSession(portal.slug, next);
        setSession(next);
      },
    }),
    [portal.slug],
  );

  const joined = (answer: JoinedSession, name: string) => {
    dropCodeFromAddress();
    setEnteringCode(false);
    navigation.openSession({
      sessionId: answer.sessionId,
      requestId: answer.requestId,
      token: answer.visitorToken,
      customerName: name,
    });
  };

  let content;
  if (session) {
    content = (
      <SessionView
        key={session.sessionId}
        portal={portal}
        stored={session}
        onDone={() => {
          forgetSession(portal.slug);
          setSession(null);
          setChatKey((k) => k + 1);
        }}
      />
    );
  } else if (enteringCode) {
    content = (
      <CodeEntry
        initialCode={code}
        intro={t('code.intro')}
        join={(body) => sessionApi.join(portal.slug, body)}
        onJoined={joined}
        onBack={() => {
          dropCodeFromAddress();
          setEnteringCode(false);
        }}
      />
    );
  } else {
    content = <AskFlow key={chatKey} portal={portal} />;
  }
  return <SessionNavigationContext.Provider value={navigation}>{content}</SessionNavigationContext.Provider>;
}
