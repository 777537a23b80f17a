/**
 * The console itself, started by main.tsx: the cache filled with the answers of a page the server
 * drew (then hydrated as drawn), else the session and the first page asked for, then rendered.
 */
// first: before the contracts' schemas are made
import './zod-jitless.js';
import { StrictMode, type ErrorInfo } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import type { i18n as I18n } from 'i18next';
import { App, makeQueryClient } from './App.js';
import { setCsrfToken } from './api/client.js';
import { preloadFirstPage } from './first-page.js';
import { initI18n } from './i18n.js';
import { rememberBrowser, serverRenderedPage } from './server-rendered.js';
import { meQuery } from './session/api.js';

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');

// a page the server drew comes with the answers it was drawn from: they fill the cache first
const queryClient = makeQueryClient();
const rendered = serverRenderedPage(queryClient);
if (rendered) setCsrfToken(queryClient.getQueryData(meQuery.queryKey)?.csrfToken);
rememberBrowser();
// the page's chunk, the session check and the language's strings are all asked for at once
const pageReady = preloadFirstPage(window.location.pathname, queryClient, { shellKnown: Boolean(rendered) });
// not a top-level await: the language's chunk imports from this one, which must finish first
void initI18n(rendered?.language).then(async (i18n) => {
  if (!rendered) return render(container, i18n);
  // the drawn page is taken over as it is: its chunk must be there, so that nothing suspends
  await pageReady;
  hydrate(container, i18n);
});

// an error React recovered from by rendering again (nothing reached the screen): written to the
// console with its cause and where it happened, instead of being raised as an uncaught error
function onRecoverableError(error: unknown, info: ErrorInfo) {
  // eslint-disable-next-line no-console
  console.warn(
    'The console recovered from a rendering error:',
    error instanceof Error && error.cause ? error.cause : error,
    info.componentStack ?? '',
  );
}

const app = (i18n: I18n, onHydrated?: () => void) => (
  <StrictMode>
    <App i18n={i18n} queryClient={queryClient} {...(onHydrated ? { onHydrated } : {})} />
  </StrictMode>
);

function render(container: HTMLElement, i18n: I18n) {
  createRoot(container, { onRecoverableError }).render(app(i18n));
}

// a drawn page is inert until it is taken over (document.ts): a click before then would do nothing
function hydrate(container: HTMLElement, i18n: I18n) {
  hydrateRoot(
    container,
    app(i18n, () => container.removeAttribute('inert')),
    { onRecoverableError },
  );
}
