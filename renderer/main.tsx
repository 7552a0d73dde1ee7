import '@fontsource/sarabun/300.css';
import '@fontsource/sarabun/400.css';
import '@fontsource/sarabun/500.css';
import '@fontsource/sarabun/600.css';
import '@fontsource/sarabun/700.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { registerOfflineServiceWorker } from './app/serviceWorker';
import { logUncaughtErrors } from './app/errorLog';
import { getPlatform } from './platform';

logUncaughtErrors(window, (entry) => getPlatform().reportError(entry));

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

registerOfflineServiceWorker();
