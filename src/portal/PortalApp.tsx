import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PublicPortal } from '../shared/contracts/portals.js';
import type { Language } from '../shared/locales.js';
import { portalApi, PortalApiError } from './api.js';
import { applyBrand } from './brand.js';
import { portalText, TextContext } from './context.js';
import { isLanguage } from './i18n.js';
import type { PortalRoute } from './location.js';
import { AskForm } from './views/AskForm.js';
import { emptyDraft } from './views/fields.js';
import { FollowPage } from './views/FollowPage.js';
import { JoinPage } from './views/JoinPage.js';
import { Layout, Notice } from './views/Layout.js';
import { SessionFlow } from './views/SessionFlow.js';

type Loaded =
  { state: 'loading' } | { state: 'ready'; portal: PublicPortal } | { state: 'missing' } | { state: 'failed' };

/** Before the portal is known, its strings follow the browser's language. */
function browserLanguage(): Language {
  const base = (navigator.language ?? 'en').toLowerCase().split('-')[0];
  return isLanguage(base) ? base : 'en';
}

function usePortal(slug: string | null) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  // the state starts as loading; a retry says loading again before asking
  const fetchPortal = useCallback(() => {
    if (!slug) return;
    portalApi
      .portal(slug)
      .then((portal) => setLoaded({ state: 'ready', portal }))
      .catch((error) =>
        setLoaded(error instanceof PortalApiError && error.status === 404 ? { state: 'missing' } : { state: 'failed' }),
      );
  }, [slug]);
  useEffect(fetchPortal, [fetchPortal]);
  const retry = () => {
    if (slug) setLoaded({ state: 'loading' });
    fetchPortal();
  };
  return { loaded, retry };
}

/**
 * The console's live preview: the page in a frame of the console, drawn from the draft it posts
 * (same origin only). Nothing can be sent from it.
 */
function usePreviewDraft(enabled: boolean): PublicPortal | null {
  const [draft, setDraft] = useState<PublicPortal | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== window.location.origin || event.source !== window.parent) return;
      const data = event.data as { type?: string; portal?: PublicPortal } | null;
      if (data?.type === 'tandem.portal.preview' && data.portal) setDraft(data.portal);
    };
    window.addEventListener('message', onMessage);
    window.parent.postMessage({ type: 'tandem.portal.preview.ready' }, window.location.origin);
    return () => window.removeEventListener('message', onMessage);
  }, [enabled]);
  return draft;
}

export function PortalApp({ route }: { route: PortalRoute }) {
  const slug = route.kind === 'ask' || route.kind === 'follow' ? route.slug : null;
  const { loaded, retry } = usePortal(slug);
  const preview = usePreviewDraft(route.kind === 'preview');
  const portal = route.kind === 'preview' ? preview : loaded.state === 'ready' ? loaded.portal : null;
  const language: Language = portal?.language ?? browserLanguage();
  const text = useMemo(() => portalText(language), [language]);
  const { t } = text;

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = portal
      ? t('documentTitle', { title: portal.title })
      : route.kind === 'join'
        ? t('join.documentTitle')
        : t('form.title');
    applyBrand(portal?.color);
  }, [language, portal, t, route.kind]);

  let content;
  if (route.kind === 'join') {
    content = <JoinPage code={route.code} />;
  } else if (route.kind === 'unknown' || (route.kind !== 'preview' && loaded.state === 'missing')) {
    content = <Notice title={t('notFound.title')} text={t('notFound.text')} />;
  } else if (route.kind !== 'preview' && loaded.state === 'failed') {
    content = (
      <Notice
        title={t('loadFailed.title')}
        text={t('loadFailed.text')}
        action={
          <button type="button" className="primary" onClick={retry}>
            {t('loadFailed.retry')}
          </button>
        }
      />
    );
  } else if (!portal) {
    content = (
      <p className="loading" role="status">
        {t('loading')}
      </p>
    );
  } else if (route.kind === 'preview') {
    content = (
      <AskForm
        portal={portal}
        draft={emptyDraft}
        onChange={() => {}}
        onSubmit={() => {}}
        busy={false}
        serverProblems={{}}
        failure={null}
        preview
      />
    );
  } else if (route.kind === 'follow') {
    content = <FollowPage portal={portal} requestId={route.requestId} token={route.token} />;
  } else {
    content = <SessionFlow portal={portal} code={route.code} />;
  }

  return (
    <TextContext.Provider value={text}>
      <Layout
        face={
          portal
            ? { title: portal.title, companyName: portal.companyName, logoUrl: portal.logoUrl }
            : route.kind === 'join'
              ? { title: t('join.title'), companyName: '', logoUrl: null }
              : null
        }
      >
        {content}
      </Layout>
    </TextContext.Provider>
  );
}
