// Picks the transport: window.kiosk from the Electron preload, or the browser host's WebSocket.
import type { KioskApi } from '../../electron/common/contract';
import { createWsKioskApi } from './ws-kiosk-api';

declare global {
  interface Window {
    kiosk?: KioskApi;
  }
}

export interface KioskBridge {
  api: KioskApi;
  /** Reports connection changes (browser host only; Electron IPC is always connected). */
  onConnection(listener: (connected: boolean) => void): () => void;
}

export function connectBridge(win: Window): KioskBridge {
  if (win.kiosk) {
    const api = win.kiosk;
    return {
      api,
      onConnection(listener) {
        listener(true);
        return () => undefined;
      },
    };
  }
  const api = createWsKioskApi(win.location);
  return { api, onConnection: (listener) => api.onConnection(listener) };
}
