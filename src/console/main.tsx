// first: before the contracts' schemas are made
import './zod-jitless.js';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { i18n as I18n } from 'i18next';
import { App, makeQueryClient } from './App.js';
import { preloadFirstPage } from './first-page.js';
import { initI18n } from './i18n.js';

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');

// the page's chunk, the session check and the language's strings are all asked for at once
const queryClient = makeQueryClient();
preloadFirstPage(window.location.pathname, queryClient);
// not a top-level await: the language's chunk imports from this one, which must finish first
void initI18n().then((i18n) => render(container, i18n));

function render(container: HTMLElement, i18n: I18n) {
  createRoot(container, {
    // an error React recovered from by rendering again (nothing reached the screen): written to the
    // console with its cause and where it happened, instead of being raised as an uncaught error
    onRecoverableError: (error, info) => {
      // eslint-disable-next-line no-console
      console.warn(
        'The console recovered from a rendering error:',
        error instanceof Error && error.cause ? error.cause : error,
        info.componentStack ?? '',
      );
    },
  }).render(
    <StrictMode>
      <App i18n={i18n} queryClient={queryClient} />
    </StrictMode>,
  );
}
