// Electron adapter of IpcHost: ipcMain.handle per contract channel, only for our own window's main frame.
import { invokeChannelNames, type EventChannel, type EventPayload } from '../common/contract';
import { fail } from '../common/result';
import { checkEvent, type Dispatcher } from '../core/ipc/dispatcher';
import { EventGate, type IpcHost } from '../core/ipc/ipc-host';
import type { BrowserWindowLike, ElectronPort } from './electron-port';
import { isOwnUrl } from './security';

export interface IpcMainHostOptions {
  ipcMain: ElectronPort['ipcMain'];
  /** The kiosk window, once created. Calls from any other sender are refused. */
  window: () => BrowserWindowLike | undefined;
  allowedOrigin: string;
}

export function createIpcMainHost({ ipcMain, window, allowedOrigin }: IpcMainHostOptions): IpcHost & {
  attach(win: BrowserWindowLike): void;
  /** Returns the core to idle the way the patient's cancel does (renderer recovery, renderer-recovery.ts). */
  resetSession(): Promise<void>;
} {
  let served: Dispatcher | undefined;
  const gate = new EventGate((event, payload) => {
    const win = window();
    if (win && !win.isDestroyed()) win.webContents.send(event, payload);
  });

  const fromOurWindow = (event: Electron.IpcMainInvokeEvent): boolean => {
    const win = window();
    if (!win || win.isDestroyed()) return false;
    const frame = event.senderFrame;
    return (
      event.sender === win.webContents &&
      frame !== null &&
      frame === win.webContents.mainFrame &&
      isOwnUrl(frame.url, allowedOrigin)
    );
  };

  return {
    serve(dispatcher: Dispatcher) {
      served = dispatcher;
      for (const channel of invokeChannelNames) {
        ipcMain.handle(channel, async (event, request: unknown) => {
          if (!fromOurWindow(event)) return fail('ipc.forbidden', 'Caller is not the kiosk window');
          const result = await dispatcher.dispatch(channel, request);
          if (channel === 'renderer.ready' && result.ok) gate.open();
          return result;
        });
      }
    },
    attach(win) {
      // A reload starts a new renderer: hold events until it says ready again.
      win.webContents.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) gate.reset();
      });
      // The renderer is gone: events wait for the reloaded one (renderer-recovery.ts reloads it).
      win.webContents.on('render-process-gone', () => gate.reset());
    },
    async resetSession() {
      // The main process's own call, not a renderer's: it needs no sender check.
      await served?.dispatch('session.cancel', {});
    },
    emit<E extends EventChannel>(event: E, payload: EventPayload<E>) {
      gate.emit(event, checkEvent(event, payload));
    },
    async close() {
      for (const channel of invokeChannelNames) ipcMain.removeHandler(channel);
    },
  };
}
