import type { CustomerSession } from '../../shared/contracts/sessions.js';
import { useText } from '../context.js';
import type { ShareProblem, ShareState } from '../session/useScreenShare.js';
import { Notice } from './Layout.js';

/** Before anything is shared: who asks, for which company, and whether the session is recorded. */
export function SessionConsent({
  session,
  busy,
  onAnswer,
}: {
  session: CustomerSession;
  busy: boolean;
  onAnswer: (allow: boolean) => void;
}) {
  const { t } = useText();
  return (
    <section className="card session-consent" aria-labelledby="consent-title" data-testid="session-consent">
      <h1 id="consent-title">{t('session.consentTitle')}</h1>
      <p className="consent-who" data-testid="consent-who">
        {t('session.consentText', { technician: session.technicianName, company: session.companyName })}
      </p>
      <p className={session.recorded ? 'consent-recorded' : 'hint'} data-testid="consent-recording">
        {session.recorded ? t('session.consentRecorded') : t('session.consentNotRecorded')}
      </p>
      <p className="hint">{t('session.consentHow')}</p>
      <div className="actions session-actions">
        <button type="button" className="primary" disabled={busy} onClick={() => onAnswer(true)}>
          {t('session.allow')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => onAnswer(false)}>
          {t('session.decline')}
        </button>
      </div>
    </section>
  );
}

/** After consent: share, stop at any time, end the session. */
export function SessionSharing({
  session,
  state,
  problem,
  again,
  busy,
  onShare,
  onStop,
  onEnd,
}: {
  session: CustomerSession;
  state: ShareState;
  problem: ShareProblem;
  /** the page was reloaded after sharing: offer to share again */
  again: boolean;
  busy: boolean;
  onShare: () => void;
  onStop: () => void;
  onEnd: () => void;
}) {
  const { t } = useText();
  const sharing = state === 'sharing';
  return (
    <section className="card session-share" aria-labelledby="share-title" data-testid="session-share">
      <h1 id="share-title">{t('session.shareTitle')}</h1>
      <p className={sharing ? 'share-state sharing' : 'share-state'} role="status" data-testid="share-state">
        {sharing ? t('session.sharingNow') : again ? t('session.resumeNote') : t('session.notSharing')}
      </p>
      {!sharing && !again ? (
        <p className="hint">{t('session.shareIntro', { technician: session.technicianName })}</p>
      ) : null}
      {problem ? (
        <p className="error" role="alert">
          {problem === 'cancelled' ? t('session.shareCancelled') : t('session.shareFailed')}
        </p>
      ) : null}
      <div className="actions session-actions">
        {sharing ? (
          <button type="button" className="primary" onClick={onStop}>
            {t('session.stop')}
          </button>
        ) : (
          <button type="button" className="primary" disabled={state === 'starting'} onClick={onShare}>
            {again ? t('session.shareAgain') : t('session.share')}
          </button>
        )}
        <button type="button" className="secondary" disabled={busy} onClick={onEnd}>
          {t('session.end')}
        </button>
      </div>
    </section>
  );
}

/** The session ended, or the customer declined it: back to the chat. */
export function SessionOver({ declined, onDone }: { declined: boolean; onDone: () => void }) {
  const { t } = useText();
  return (
    <section className="card session-over" data-testid="session-over">
      <p role="status">{declined ? t('session.declined') : t('session.endedChat')}</p>
      <button type="button" className="link-button" onClick={onDone}>
        {t('session.backToChat')}
      </button>
    </section>
  );
}

/** This browser cannot share a screen (a phone, mostly): said plainly; the chat goes on beside it. */
export function SessionUnsupported({
  session,
  busy,
  onEnd,
}: {
  session: CustomerSession;
  busy: boolean;
  onEnd: () => void;
}) {
  const { t } = useText();
  return (
    <section className="card session-unsupported" aria-labelledby="unsupported-title" data-testid="session-unsupported">
      <h1 id="unsupported-title">{t('session.consentTitle')}</h1>
      <p>{t('session.consentText', { technician: session.technicianName, company: session.companyName })}</p>
      <p className="notice-line" role="status">
        {t('session.unsupported')}
      </p>
      <button type="button" className="secondary" onClick={onEnd} disabled={busy}>
        {t('session.end')}
      </button>
    </section>
  );
}

/** The server no longer knows the session, or this tab's token no longer opens it. */
export function SessionGone({ onDone }: { onDone: () => void }) {
  const { t } = useText();
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
