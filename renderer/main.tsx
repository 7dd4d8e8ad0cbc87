// Renderer entry: mounts the app shell on the bridge to the kiosk core.
import { createRoot } from 'react-dom/client';
import { StrictMode } from 'react';
import { App } from './app/App';
import { connectBridge } from './bridge/kiosk-bridge';
import './styles/global.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App bridge={connectBridge(window)} pathname={window.location.pathname} />
    </StrictMode>,
  );
}
