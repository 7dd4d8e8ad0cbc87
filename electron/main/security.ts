// Electron lockdown: the kiosk window's preferences, CSP, permissions, downloads, navigation and new-window rules.
import { contentSecurityPolicy } from '../core/host-policy';
import type { BrowserWindowLike, ElectronPort, SessionLike, WebContentsLike } from './electron-port';

/**
 * Creates the one kiosk window. The options are written out literally at the constructor call so that a
 * reader, and Electronegativity's static checks, see every security preference in one place.
 */
export function createKioskWindow(
  BrowserWindow: ElectronPort['BrowserWindow'],
  opts: { preloadPath: string; kiosk: boolean },
): BrowserWindowLike {
  return new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    kiosk: opts.kiosk,
    fullscreen: opts.kiosk,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // A middle click must not even raise an event that could lead to a new window.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
      // alert()/confirm() would freeze an unattended kiosk behind a modal.
      disableDialogs: true,
    },
  });
}

/** Deny every permission (camera, microphone, geolocation, notifications, HID, serial, USB…) and downloads. */
export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] },
    });
  });
}

/**
 * No new windows (window.open, target=_blank, middle or shift click all reach the window-open handler),
 * no navigation of any frame away from our own origin, no webviews.
 */
export function hardenWebContents(contents: WebContentsLike, allowedOrigin: string): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const blockForeign = (event: { preventDefault(): void }, url: string): void => {
    if (!isOwnUrl(url, allowedOrigin)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  // Sub-frames too (an injected iframe must not be steered elsewhere); the details object carries the URL.
  contents.on('will-frame-navigate', (details) => {
    if (!isOwnUrl(details.url, allowedOrigin)) details.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function isOwnUrl(url: string, allowedOrigin: string): boolean {
  // Compare scheme and host: URL.origin is "null" for custom schemes such as app://.
  try {
    const target = new URL(url);
    const own = new URL(allowedOrigin);
    return target.protocol === own.protocol && target.host === own.host;
  } catch {
    return false;
  }
}
