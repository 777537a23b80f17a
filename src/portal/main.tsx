import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { parseLocation } from './location.js';
import { PortalApp } from './PortalApp.js';

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');

createRoot(container).render(
  <StrictMode>
    <PortalApp route={parseLocation(window.location.pathname, window.location.hash, window.location.search)} />
  </StrictMode>,
);
