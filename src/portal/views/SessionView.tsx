import { useEffect } from 'react';
import type { PublicPortal } from '../../shared/contracts/portals.js';
import type { CustomerSession } from '../../shared/contracts/sessions.js';
import { useText } from '../context.js';
import { forgetSession, type StoredSession } from '../session/storage.js';
import { useScreenShare } from '../session/useScreenShare.js';
import { useSessionAnswers } from '../session/useSessionAnswers.js';
import { useSessionLive } from '../session/useSessionLive.js';
import { useShareAgain } from '../session/useShareAgain.js';
import { watcherNames } from '../session/viewers.js';
import { SessionBanners } from './SessionBanners.js';
import { SessionChat } from './SessionChat.js';
import { SessionConsent, SessionGone, SessionOver, SessionSharing, SessionUnsupported } from './SessionSteps.js';

const isOver = (session: CustomerSession | null) => session?.status === 'ended' || session?.status === 'expired';

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
  const { t } = useText();
  const live = useSessionLive(portal.slug, stored);
  const share = useScreenShare(portal.slug, stored, live);
  const answers = useSessionAnswers(portal.slug, stored, live, share.close);
  const { again, sharingFromHere } = useShareAgain(portal.slug, stored, share.state);
  const { session, viewers } = live;
  const over = isOver(session);
  const { close } = share;

  useEffect(() => {
    if (over) close();
  }, [over, close]);
  useEffect(() => {
    if (live.gone) forgetSession(portal.slug);
  }, [live.gone, portal.slug]);

  if (live.gone) return <SessionGone onDone={onDone} />;
  if (!session) {
    return (
      <p className="loading" role="status">
        {t('loading')}
      </p>
    );
  }

  const watchers = share.state === 'sharing' ? watcherNames(viewers) : [];
  const recording = session.recorded && session.consented && session.status === 'active';
  return (
    <div className="session-page" data-testid="session-view">
      <SessionBanners watchers={watchers} recording={recording} />
      {live.connection === 'reconnecting' && !over ? (
        <p className="connection-note" role="status">
          {t('session.reconnecting')}
        </p>
      ) : null}
      {answers.failed ? (
        <p className="error" role="alert">
          {t('session.failed')}
        </p>
      ) : null}
      <div className="session-layout">
        <div className="session-main">
          <SessionStep
            session={session}
            over={over}
            share={share}
            answers={answers}
            again={again}
            onShare={() => {
              sharingFromHere();
              void share.start();
            }}
            onDone={onDone}
          />
        </div>
        <div className="session-side">
          <SessionChat portal={portal} stored={stored} />
        </div>
      </div>
    </div>
  );
}

/** The step the session is at: over, not possible in this browser, consent, or sharing. */
function SessionStep({
  session,
  over,
  share,
  answers,
  again,
  onShare,
  onDone,
}: {
  session: CustomerSession;
  over: boolean;
  share: ReturnType<typeof useScreenShare>;
  answers: ReturnType<typeof useSessionAnswers>;
  /** the page was reloaded after sharing: offer to share again */
  again: boolean;
  onShare: () => void;
  onDone: () => void;
}) {
  const { busy, consent, end } = answers;
  if (answers.declined || over) return <SessionOver declined={answers.declined} onDone={onDone} />;
  if (!share.supported) return <SessionUnsupported session={session} busy={busy} onEnd={() => void end()} />;
  if (!session.consented)
    return <SessionConsent session={session} busy={busy} onAnswer={(allow) => void consent(allow)} />;
  return (
    <SessionSharing
      session={session}
      state={share.state}
      problem={share.problem}
      again={again}
      busy={busy}
      onShare={onShare}
      onStop={() => void share.stop()}
      onEnd={() => void end()}
    />
  );
}
