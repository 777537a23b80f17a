import { useText } from '../context.js';

/** Above the session: who watches the shared screen (each name once) and whether it is being recorded. */
export function SessionBanners({ watchers, recording }: { watchers: readonly string[]; recording: boolean }) {
  const { t, locale } = useText();
  if (watchers.length === 0 && !recording) return null;
  return (
    <div className="session-banners" role="status" aria-live="polite">
      {watchers.length > 0 ? (
        <p className="banner banner-watching" data-testid="watching-banner">
          {t(watchers.length > 1 ? 'session.watchingMany' : 'session.watching', {
            names: new Intl.ListFormat(locale, { type: 'conjunction' }).format(watchers),
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
  );
}
