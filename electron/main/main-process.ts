// The Electron main process: single instance, one locked-down window, the core served over ipcMain.
import path from 'node:path';
import { startKiosk, type RunningKiosk } from '../core/app';
import type { KioskConfig } from '../core/config/config-schema';
import { appOrigin, handleAppProtocol, outOfServiceUrl, registerAppScheme } from './app-protocol';
import type { BrowserWindowLike, ElectronPort } from './electron-port';
import { createIpcMainHost } from './ipc-main-host';
import { electronLogKeyStore } from './log-key-store';
import { watchRenderer } from './renderer-recovery';
import { createKioskWindow, hardenSession, hardenWebContents } from './security';

export interface MainOptions {
  /** Folder with the built renderer. */
  rendererDir: string;
  /** Path of the bundled preload script. */
  preloadPath: string;
  /** The settings file; staff changes from the console are saved back to it. */
  configPath: string;
  loadConfig: (path: string) => Promise<KioskConfig>;
  onFatal: (error: unknown) => void;
}

/**
 * Runs the main process. The promise settles once the kiosk window has loaded, or the start failed and
 * `onFatal` was told; the core's parts (the simulated reader among them) load asynchronously.
 */
export function runMain(electron: ElectronPort, options: MainOptions): Promise<void> {
  const { app, BrowserWindow } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve();
  }
  // Every renderer sandboxed, whatever its own preferences say.
  app.enableSandbox();
  registerAppScheme(electron);

  let win: BrowserWindowLike | undefined;
  let kiosk: RunningKiosk | undefined;
  const host = createIpcMainHost({ ipcMain: electron.ipcMain, window: () => win, allowedOrigin: appOrigin });

  app.on('second-instance', () => {
    if (win && !win.isDestroyed()) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  // Any webContents created later (none are expected) gets the same rules.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appOrigin));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    void kiosk?.stop();
  });

  return app
    .whenReady()
    .then(async () => {
      const config = await options.loadConfig(options.configPath);
      hardenSession(electron.session.defaultSession);
      // No application menu: its default accelerators (reload, close window, quit, zoom) are not for patients.
      electron.Menu.setApplicationMenu(null);
      handleAppProtocol(electron, options.rendererDir);
      kiosk = await startKiosk(host, config, undefined, {
        configPath: options.configPath,
        logKeyStore: electronLogKeyStore(electron.safeStorage),
      });
      win = createKioskWindow(BrowserWindow, {
        preloadPath: options.preloadPath,
        kiosk: config.window.kiosk,
      });
      hardenWebContents(win.webContents, appOrigin);
      host.attach(win);
      watchRenderer(win, { resetSession: () => host.resetSession(), outOfServiceUrl });
      win.once('ready-to-show', () => win?.show());
      await win.loadURL(`${appOrigin}${windowPath(config.mode)}`);
    })
    .catch(options.onFatal);
}

/**
 * The page the window opens: the patient screen on a kiosk; the staff console on a staff terminal, whose card
 * reader sits on the reception desk and whose check-ins staff run (the patient sees the screen only when staff
 * turn it to them for the PIN or consent).
 */
export function windowPath(mode: KioskConfig['mode']): string {
  return mode === 'staff' ? '/staff' : '/';
}

export const defaultPaths = (distDir: string): { rendererDir: string; preloadPath: string } => ({
  rendererDir: path.join(distDir, 'renderer'),
  preloadPath: path.join(distDir, 'electron', 'preload.cjs'),
});
