// A fake `electron` module recording what the main process asks of it, for the settings tests.
import { EventEmitter } from 'node:events';
import type { ElectronPort } from '../../electron/main/electron-port';

type Handler = (...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler?: (details: { url: string }) => { action: string };
  sent: { channel: string; payload: unknown }[] = [];
  mainFrame = { url: 'app://kiosk/' };
  reloads = 0;
  crashesForced = 0;
  reload(): void {
    this.reloads += 1;
  }
  forcefullyCrashRenderer(): void {
    this.crashesForced += 1;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  /** Fire an event the way Electron does and report whether a listener prevented it. */
  fire(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
  /** Fire an event whose only argument is a details object that is also the event (`will-frame-navigate`). */
  fireDetails(event: string, details: Record<string, unknown>): boolean {
    let prevented = false;
    this.emit(event, { ...details, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  loadedUrl?: string;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  /** Every URL loaded, in order. */
  loads: string[] = [];
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.loads.push(url);
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
  show(): void {}
}

export interface FakeElectron {
  port: ElectronPort;
  app: EventEmitter & { quitCalled: boolean; lockGranted: boolean; sandboxEnabled: boolean };
  /** What `Menu.setApplicationMenu` was last given; `set` stays false until it is called. */
  applicationMenu: { value: unknown; set: boolean };
  /** Event emitter standing for `session.defaultSession` (e.g. 'will-download'). */
  sessionEvents: EventEmitter;
  handlers: Map<string, Handler>;
  privilegedSchemes: unknown[];
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  session: {
    permissionRequest?: Handler;
    permissionCheck?: Handler;
    devicePermission?: Handler;
    headersReceived?: Handler;
  };
  ready(): Promise<void>;
}

export function createFakeElectron(options: { lockGranted?: boolean } = {}): FakeElectron {
  FakeBrowserWindow.created = [];
  let resolveReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((r) => (resolveReady = r));
  const app = Object.assign(new EventEmitter(), {
    quitCalled: false,
    sandboxEnabled: false,
    lockGranted: options.lockGranted ?? true,
    enableSandbox() {
      this.sandboxEnabled = true;
    },
    requestSingleInstanceLock() {
      return this.lockGranted;
    },
    quit() {
      this.quitCalled = true;
    },
    whenReady: () => readyPromise,
  });
  const handlers = new Map<string, Handler>();
  const privilegedSchemes: unknown[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const session: FakeElectron['session'] = {};
  const sessionEvents = new EventEmitter();
  const applicationMenu: FakeElectron['applicationMenu'] = { value: undefined, set: false };
  const port = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu: {
      setApplicationMenu: (menu: unknown) => {
        applicationMenu.value = menu;
        applicationMenu.set = true;
      },
    },
    ipcMain: {
      handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
      removeHandler: (channel: string) => handlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        protocolHandlers.set(scheme, handler),
    },
    // Stands in for safeStorage: reversible, and visibly not the plain text.
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (text: string) => Buffer.from(`sealed:${text}`, 'utf8').reverse(),
      decryptString: (data: Buffer) =>
        Buffer.from(data)
          .reverse()
          .toString('utf8')
          .replace(/^sealed:/, ''),
    },
    session: {
      defaultSession: {
        on: (event: string, listener: Handler) => sessionEvents.on(event, listener),
        setPermissionRequestHandler: (h: Handler) => (session.permissionRequest = h),
        setPermissionCheckHandler: (h: Handler) => (session.permissionCheck = h),
        setDevicePermissionHandler: (h: Handler) => (session.devicePermission = h),
        webRequest: { onHeadersReceived: (h: Handler) => (session.headersReceived = h) },
      },
    },
  } as unknown as ElectronPort;
  return {
    port,
    app,
    applicationMenu,
    sessionEvents,
    handlers,
    privilegedSchemes,
    protocolHandlers,
    session,
    async ready() {
      resolveReady();
      // let runMain's whenReady chain finish
      for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
    },
  };
}
