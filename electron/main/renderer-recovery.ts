// Renderer recovery: a crashed or hung kiosk renderer is reloaded at idle; repeated crashes show the out-of-service page.
import type { BrowserWindowLike } from './electron-port';

/** Crashes within `windowMs` that make the kiosk stop reloading and show the out-of-service page. */
export const CRASH_LIMIT = { crashes: 3, windowMs: 60_000 } as const;

/** The parts of a window the recovery uses (the real BrowserWindow, or the tests' fake). */
export type RecoverableWindow = Pick<BrowserWindowLike, 'isDestroyed' | 'loadURL'> & {
  webContents: Pick<BrowserWindowLike['webContents'], 'on' | 'reload' | 'forcefullyCrashRenderer'>;
};

export interface RendererRecoveryOptions {
  /** Ends the patient's check-in session and returns the core to idle (the host's `session.cancel`). */
  resetSession: () => Promise<void>;
  /** The app:// page shown once the crash limit is reached. */
  outOfServiceUrl: string;
  limit?: { crashes: number; windowMs: number };
  now?: () => number;
  /** One line per event: reasons and counts only, never what was on the screen. */
  log?: (line: string) => void;
}

export interface RendererRecovery {
  /** True once the crash limit was reached: the out-of-service page stays until the app restarts. */
  readonly outOfService: boolean;
}

/**
 * Watches the kiosk window. On `render-process-gone` the core's session is reset (its row is written as
 * cancelled, so nothing half-done waits for a screen that no longer exists) and the page is reloaded in a
 * new renderer, which asks the core for the idle snapshot. On `unresponsive` the hung renderer is ended
 * with `forcefullyCrashRenderer()`, which raises `render-process-gone` and so takes the same path.
 * The `limit.crashes`-th crash within `limit.windowMs` loads the out-of-service page instead, and after
 * that nothing reloads again: a renderer that keeps crashing never turns into a reload loop.
 */
export function watchRenderer(win: RecoverableWindow, options: RendererRecoveryOptions): RendererRecovery {
  const limit = options.limit ?? CRASH_LIMIT;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.error(line));
  const crashes: number[] = [];
  let outOfService = false;

  const reset = (): void => {
    options.resetSession().catch((error: unknown) => {
      log(`[renderer] session reset failed: ${error instanceof Error ? error.name : 'error'}`);
    });
  };

  win.webContents.on('render-process-gone', (_event, details) => {
    // A clean exit is the window closing (quit): nothing to recover.
    if (details.reason === 'clean-exit' || win.isDestroyed()) return;
    const at = now();
    crashes.push(at);
    while (crashes.length > 0 && (crashes[0] ?? at) <= at - limit.windowMs) crashes.shift();
    const what = `[renderer] gone: ${details.reason}, exit code ${details.exitCode}`;
    if (outOfService) {
      log(`${what}; out of service, not reloading`);
      return;
    }
    reset();
    if (crashes.length >= limit.crashes) {
      outOfService = true;
      log(
        `${what}; ${crashes.length} crashes within ${limit.windowMs / 1000} s: showing the out-of-service page`,
      );
      win.loadURL(options.outOfServiceUrl).catch(() => log('[renderer] out-of-service page failed to load'));
      return;
    }
    log(`${what}; session reset, reloading (${crashes.length} of ${limit.crashes})`);
    win.webContents.reload();
  });

  win.webContents.on('unresponsive', () => {
    if (win.isDestroyed()) return;
    log('[renderer] unresponsive: ending the renderer to reload it');
    win.webContents.forcefullyCrashRenderer();
  });

  return {
    get outOfService() {
      return outOfService;
    },
  };
}
