import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { initI18n } from './i18n.js';

const i18n = initI18n();
const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');

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
    <App i18n={i18n} />
  </StrictMode>,
);
