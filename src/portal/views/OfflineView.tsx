import { useText } from '../context.js';
import type { OfflineReason } from '../chat/useChat.js';
import type { Draft } from './fields.js';

/**
 * No live chat: the portal's offline message in its language, why, the promise of an e-mail with
 * the private link (or, when the address had enough of them today, that none was sent), what the
 * customer wrote, kept, and a way to follow it here.
 */
export function OfflineView({
  message,
  reason,
  draft,
  emailed = true,
  onFollow,
}: {
  message: string;
  reason: OfflineReason | null;
  draft: Draft;
  emailed?: boolean;
  onFollow?: () => void;
}) {
  const { t } = useText();
  return (
    <section className="card offline" aria-labelledby="offline-title" data-testid="offline-view">
      <h1 id="offline-title" tabIndex={-1}>
        {t('offline.title')}
      </h1>
      {reason && reason !== 'portal_closed' ? <p className="reason">{t(`offline.reasons.${reason}`)}</p> : null}
      <p className="offline-message" data-testid="offline-message">
        {message}
      </p>
      <p data-testid="offline-email">
        {t(emailed ? 'offline.emailSent' : 'offline.emailNotSent', { email: draft.email.trim() })}
      </p>
      <h2>{t('offline.yourQuestion')}</h2>
      <blockquote className="kept" data-testid="kept-question">
        {draft.question}
      </blockquote>
      {onFollow ? (
        <p>
          <button type="button" className="link-button" onClick={onFollow}>
            {t('follow.conversation')}
          </button>
        </p>
      ) : null}
    </section>
  );
}
