// The slice of Electron's API the main process uses, as a port so tests can pass a fake `electron` module.
import type * as Electron from 'electron';

export type ElectronPort = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'ipcMain' | 'Menu' | 'protocol' | 'safeStorage' | 'session'
>;
export type BrowserWindowLike = Electron.BrowserWindow;
export type WebContentsLike = Electron.WebContents;
export type SessionLike = Electron.Session;
