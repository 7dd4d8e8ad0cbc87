// Electron lockdown: window preferences, CSP, permissions, navigation and new-window rules.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { SessionLike, WebContentsLike } from './electron-port';

/** Strict policy: our own bundle only; no inline script, no remote anything. */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function windowOptions(opts: {
  preloadPath: string;
  kiosk: boolean;
}): BrowserWindowConstructorOptions {
  return {
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
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
    },
  };
}

/** Deny every permission (camera, microphone, geolocation, notifications, HID, serial, USB…). */
export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] },
    });
  });
}

/** No new windows, no navigation away from our own origin, no webviews. */
export function hardenWebContents(contents: WebContentsLike, allowedOrigin: string): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const blockForeign = (event: { preventDefault(): void }, url: string): void => {
    if (!isOwnUrl(url, allowedOrigin)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
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
