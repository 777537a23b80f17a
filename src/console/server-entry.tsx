/**
 * The console's pages rendered by the server (built on its own: `TANDEM_APP=console-render vite
 * build`, loaded by src/server/modules/console-page). A signed-in page's document then arrives
 * with its content drawn and the answers it was drawn from; the browser shows it before any script
 * has run, then start.tsx hydrates it with those answers. Runs in Node, never in a browser.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { StrictMode } from 'react';
import { renderToPipeableStream, renderToString } from 'react-dom/server';
import {
  dehydrate,
  QueryCache,
  skipToken,
  type DehydratedState,
  type QueryClient,
  type QueryOptions,
} from '@tanstack/react-query';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultLanguage, languages, type Language } from '../shared/locales.js';
import { App, makeQueryClient } from './App.js';
import { DiscoveryPass } from './discovery-pass.js';
import { setApiTransport } from './api/client.js';
import { pageAt, prefetchShell } from './first-page.js';
import { i18nOptions, languageNames, setKnownBrowserLanguages } from './i18n.js';
import { setKnownBrowserTimeZone } from './lib/time.js';
import { preloadPage } from './page-components.js';
import { publicPages, shellPages } from './page-routes.js';
import { meQuery } from './session/api.js';
import { loadCatalogue } from './translations/index.js';

export interface PageRequest {
  /** the page's address: path and query */
  url: string;
  /** the browser's languages, from its Accept-Language, most preferred first */
  browserLanguages: string[];
  /** the browser's time zone as it last told the server (a cookie), if it did */
  timeZone: string | null;
  /** answers the console's API requests as the person whose page it is */
  fetch(url: string, init: RequestInit): Promise<Response>;
  /** told once the person's language is known and the page is about to be drawn */
  onLanguage?(language: Language): void;
}

export interface RenderedPage {
  /** the markup of the console's root element */
  html: string;
  /** the answers the page was drawn from, for the browser's query cache */
  state: DehydratedState;
  language: Language;
}

/** Find the queries a page asks for, fetch them, draw it (again while it asks for more): at most this many passes. */
const maxPasses = 4;

const pageRequests = new AsyncLocalStorage<PageRequest>();
setApiTransport((url, init) => {
  const request = pageRequests.getStore();
  if (!request) return Promise.reject(new Error(`${url}: no page is being rendered`));
  return request.fetch(url, init);
});

/**
 * Both languages' strings and every page's module, loaded once, before the first render: a page
 * whose module had to be fetched while rendering would be drawn as its loader.
 */
const ready = (async () => {
  await Promise.all([...publicPages, ...shellPages].map((page) => preloadPage(page.load)));
  const resources: Record<string, { translation: object }> = languageNames();
  for (const language of languages) resources[language] = { translation: await loadCatalogue(language) };
  await i18next.use(initReactI18next).init({ ...i18nOptions, resources, lng: defaultLanguage });
})();

/** A query cache that remembers which of its queries a render asked for and would have fetched. */
function renderQueryCache() {
  const cache = new QueryCache();
  const wanted = new Map<string, QueryOptions>();
  const build = cache.build.bind(cache);
  cache.build = ((client, options, state) => {
    const query = build(client, options, state);
    const observed = options as QueryOptions & { enabled?: boolean | ((q: typeof query) => boolean) };
    const enabled = typeof observed.enabled === 'function' ? observed.enabled(query) : observed.enabled;
    if (enabled !== false && options.queryFn && options.queryFn !== skipToken)
      wanted.set(query.queryHash, options as QueryOptions);
    return query;
  }) as QueryCache['build'];
  return { cache, wanted };
}

/** How React marks a part it could not draw on the server, left to the browser (drawn as a loader). */
const partLeftToBrowser = '<!--$!-->';

const pageTree = (request: PageRequest, queryClient: QueryClient, discovery = false) => (
  <StrictMode>
    <DiscoveryPass value={discovery}>
      <App i18n={i18next} queryClient={queryClient} location={request.url} />
    </DiscoveryPass>
  </StrictMode>
);

/**
 * One synchronous render: what it reads from outside React (the language, the browser's locale
 * and time zone, the account's company words) is set for it alone, so renders of several people's
 * pages interleaved between their awaits never see each other's. A part that failed is an error:
 * a page with a loader in it is not worth sending.
 */
function renderOnce(request: PageRequest, queryClient: QueryClient, language: Language, discovery: boolean): string {
  void i18next.changeLanguage(language);
  setKnownBrowserLanguages(request.browserLanguages);
  setKnownBrowserTimeZone(request.timeZone);
  try {
    return renderToString(pageTree(request, queryClient, discovery));
  } finally {
    setKnownBrowserLanguages(null);
    setKnownBrowserTimeZone(null);
  }
}

/**
 * Why a part of the page could not be drawn: the same page drawn again by React's streaming
 * renderer, which reports errors (the synchronous one keeps them to itself) and waits for what
 * suspended. Undefined: nothing failed, the part only waited for a module, loaded once this settles.
 */
function whyPartFailed(request: PageRequest, queryClient: QueryClient, discovery: boolean): Promise<unknown> {
  return new Promise((resolve) => {
    const stream = renderToPipeableStream(pageTree(request, queryClient, discovery), {
      onError: (error) => {
        resolve(error);
        stream.abort();
      },
      onAllReady: () => resolve(undefined),
    });
  });
}

/**
 * The signed-in page at `request.url`, drawn with its data; null when the server should send the
 * plain document instead (not a page of the signed-in console, no session, a second factor to set
 * up, an answer that failed).
 */
export async function renderConsolePage(request: PageRequest): Promise<RenderedPage | null> {
  const found = pageAt(new URL(request.url, 'http://console').pathname);
  if (!found?.inShell) return null;
  await ready;
  return pageRequests.run(request, async () => {
    const { cache, wanted } = renderQueryCache();
    const queryClient = makeQueryClient(cache);
    const defaults = queryClient.getDefaultOptions();
    // a failed answer is the browser's to retry, once it has the page
    queryClient.setDefaultOptions({ ...defaults, queries: { ...defaults.queries, retry: false } });
    await prefetchShell(queryClient);
    const me = queryClient.getQueryData(meQuery.queryKey);
    if (!me || me.mustEnrolTwoFactor) return null;
    const language = me.user.language;
    if (request.onLanguage) {
      request.onLanguage(language);
      // let the first part of the document leave before the drawing holds the thread
      await new Promise((resolve) => setImmediate(resolve));
    }
    const fetched = new Set<string>();
    let html: string | null = null;
    for (let pass = 1; html === null; pass++) {
      // the first pass only finds what the page asks for (discovery-pass.ts); the others draw it
      const discovery = pass === 1;
      const drawn = renderOnce(request, queryClient, language, discovery);
      if (drawn.includes(partLeftToBrowser)) {
        const error = await whyPartFailed(request, queryClient, discovery);
        if (error !== undefined || pass === maxPasses)
          throw new Error(`a part of ${request.url} could not be drawn on the server`, { cause: error });
        // it only waited for a module of its own (the dashboard's charts), which is here now
        continue;
      }
      const due = [...wanted].filter(([hash]) => !fetched.has(hash) && cache.get(hash)?.state.status === 'pending');
      if (due.length === 0 || pass === maxPasses) {
        if (!discovery) html = drawn;
        continue;
      }
      for (const [hash] of due) fetched.add(hash);
      await Promise.all(
        due.map(([hash, options]) =>
          cache
            .get(hash)
            ?.fetch(options)
            .catch(() => undefined),
        ),
      );
    }
    // a failed answer (a missing object, a refusal) is shown by the browser once it asked again: a
    // page drawn with the error would not be the page the browser draws while it asks
    if (cache.getAll().some((query) => query.state.status === 'error')) return null;
    return { html, state: dehydrate(queryClient), language };
  });
}
