import { useText } from '../context.js';
import { sessionApi, type JoinedSession } from '../session/api.js';
import { keepSession } from '../session/storage.js';
import { CodeEntry } from './CodeEntry.js';

/**
 * The account's join page (`/join`): the same code form for every company of the account; the
 * code says which company, and the customer continues on that company's portal, in the session.
 */
export function JoinPage({ code }: { code?: string }) {
  const { t } = useText();
  const joined = (session: JoinedSession, name: string) => {
    keepSession(session.slug, {
      sessionId: session.sessionId,
      requestId: session.requestId,
      token: session.visitorToken,
      customerName: name,
    });
    window.location.assign(`/portal/${encodeURIComponent(session.slug)}`);
  };
  return <CodeEntry initialCode={code} intro={t('code.joinIntro')} join={sessionApi.joinAccount} onJoined={joined} />;
}
