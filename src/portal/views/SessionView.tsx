import { useEffect, useState } from 'react';
import type { PublicPortal } from '../../shared/contracts/portals.js';
import type { CustomerSession } from '../../shared/contracts/sessions.js';
import { useText } from '../context.js';
import { sessionApi } from '../session/api.js';
import { forgetSession, keepSession, type StoredSession } from '../session/storage.js';
import { useScreenShare } from '../session/useScreenShare.js';
import { useSessionLive } from '../session/useSessionLive.js';
import { watcherNames } from '../session/viewers.js';
import { Notice } from './Layout.js';
import { SessionChat } from './SessionChat.js';
import { SessionConsent, SessionSharing } from './SessionSteps.js';

/**
 * A remote-support session on the customer's side: the consent step (who, for which company,
 * recorded or not), then sharing the screen, with banners while someone watches and while it
 * records; the chat beside it all along. Where the browser cannot share a screen, it says so and
 * the chat goes on.
 */
export function SessionView({
  portal,
  stored,
  onDone,
}: {
  portal: PublicPortal;
  stored: StoredSession;
  /** back to the portal's chat (the session is over or gone) */
  onDone: () => void;
}) {
  const { t, locale } = useText();
  const live = useSessionLive(portal.slug, stored);
  const share = useScreenShare(portal.slug, stored, live);
  const { session, viewers } = live;
  const [busy, setBusy] = useState(false);
  const [declined, setDeclined] = useState(false);
  const [failed, setFailed] = useState(false);
  const over = session?.status === 'ended' || session?.status === 'expired';
  const { close } = share;

  useEffect(() => {
    if (over) close();
  }, [over, close]);
  useEffect(() => {
    if (live.gone) forgetSession(portal.slug);
  }, [live.gone, portal.slug]);
  // shared before a reload: offer to share again, until the customer shares from this page
  const [resumed, setResumed] = useState(stored.shared === true);
  useEffect(() => {
    if (share.state === 'sharing' && !stored.shared) keepSession(portal.slug, { ...stored, shared: true });
  }, [share.state, stored, portal.slug]);

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
    const done = await act(() => sessionApi.consent(portal.slug, stored.sessionId, stored.token, allow));
    if (done && !allow) {
      setDeclined(true);
      forgetSession(portal.slug);
    }
  };
  const end = async () => {
    close();
    if (await act(() => sessionApi.leave(portal.slug, stored.sessionId, stored.token))) forgetSession(portal.slug);
  };

  if (live.gone) {
    return (
      <Notice
        title={t('session.consentTitle')}
        text={t('session.expired')}
        action={
          <button type="button" className="primary" onClick={onDone}>
            {t('session.backToChat')}
          </button>
        }
      />
    );
  }
  if (!session) {
    return (
      <p className="loading" role="status">
        {t('loading')}
      </p>
    );
  }

  const names = viewers.length > 0 ? watcherNames(viewers) : [];
  const watching = share.state === 'sharing' && names.length > 0;
  const recording = session.recorded && session.consented && session.status === 'active';
  let step;
  if (declined || over) {
    step = (
      <section className="card session-over" data-testid="session-over">
        <p role="status">{declined ? t('session.declined') : t('session.endedChat')}</p>
        <button type="button" className="link-button" onClick={onDone}>
          {t('session.backToChat')}
        </button>
      </section>
    );
  } else if (!share.supported) {
    step = (
      <section className="card session-unsupported" data-testid="session-unsupported">
        <h1>{t('session.consentTitle')}</h1>
        <p>{t('session.consentText', { technician: session.technicianName, company: session.companyName })}</p>
        <p className="notice-line" role="status">
          {t('session.unsupported')}
        </p>
        <button type="button" className="secondary" onClick={() => void end()} disabled={busy}>
          {t('session.end')}
        </button>
      </section>
    );
  } else if (!session.consented) {
    step = <SessionConsent session={session} busy={busy} onAnswer={(allow) => void consent(allow)} />;
  } else {
    step = (
      <SessionSharing
        session={session}
        state={share.state}
        problem={share.problem}
        again={resumed}
        busy={busy}
        onShare={() => {
          setResumed(false);
          void share.start();
        }}
        onStop={() => void share.stop()}
        onEnd={() => void end()}
      />
    );
  }

  return (
    <div className="session-page" data-testid="session-view">
      {watching || recording ? (
        <div className="session-banners" role="status" aria-live="polite">
          {watching ? (
            <p className="banner banner-watching" data-testid="watching-banner">
              {t(names.length > 1 ? 'session.watchingMany' : 'session.watching', {
                names: new Intl.ListFormat(locale, { type: 'conjunction' }).format(names),
              })}
            </p>
          ) : null}
          {recording ? (
            <p className="banner banner-recording" data-testid="recording-banner">
              <span className="rec-dot" aria-hidden="true" />
              {t('session.recorded')}
            </p>
          ) : null}
        </div>
      ) : null}
      {live.connection === 'reconnecting' && !over ? (
        <p className="connection-note" role="status">
          {t('session.reconnecting')}
        </p>
      ) : null}
      {failed ? (
        <p className="error" role="alert">
          {t('session.failed')}
        </p>
      ) : null}
      <div className="session-layout">
        <div className="session-main">{step}</div>
        <div className="session-side">
          <SessionChat portal={portal} stored={stored} />
        </div>
      </div>
    </div>
  );
}
