// Time from a core session change to the new screen painted in Chromium (budget p95 ≤ 100 ms), against an IPC round trip.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { defaultRateLimit } from '../../electron/web-host/web-host';
import { connectIpc } from '../e2e/support/ipc-client';
import { launchBrowser, openPage, startKioskHost, waitForScreen } from '../e2e/support/kiosk-page';
import { chromiumPath } from '../support/requirements';
import { BenchTimeoutError, within } from './support/bounded';
import { failBench, skipBench } from './support/outcome';

const NAME = 'render-latency bench';
const root = path.resolve(import.meta.dirname, '../..');
if (!existsSync(chromiumPath)) {
  skipBench(
    NAME,
    `Chromium is not installed at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`,
  );
}
if (!existsSync(path.join(root, 'dist/renderer/index.html'))) {
  execSync('npm run --silent build:renderer', { cwd: root, stdio: 'ignore', timeout: 300_000 });
}

const rounds = Number(process.env.RENDER_BENCH_ROUNDS ?? 30);
const budgetMs = 100;
/** Longest a screen change may take to show before the change counts as not painted. */
const PAINT_LIMIT_MS = 5_000;
/** Longest any other step (an IPC call, a screen to appear, start and stop) may take. */
const STEP_MS = 15_000;
/** Changes not painted in time before the run stops: one is a finding, three mean the page is stuck. */
const MAX_UNPAINTED = 3;
/** Wall-clock milliseconds with sub-millisecond precision; comparable between Node and Chromium on one machine. */
const now = (): number => performance.timeOrigin + performance.now();

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const summary = (values: number[]): string =>
  `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms`;

/**
 * Arms an observer in the page that records when a screen other than `from` is first painted: the DOM
 * mutation, then the next animation frame (the frame that shows it). The probe gives up after
 * PAINT_LIMIT_MS, saying whether the DOM never changed or the frame never came.
 */
async function armPaintProbe(page: Page, from: string): Promise<void> {
  // Source text, not a function: this file is compiled for Node, and the page's CSP forbids eval.
  await page.evaluate(`(() => {
    const from = ${JSON.stringify(from)};
    const limit = ${PAINT_LIMIT_MS};
    const current = () => document.querySelector('[data-screen]')?.getAttribute('data-screen');
    window.__painted = new Promise((resolve, reject) => {
      let changedTo;
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(changedTo === undefined
          ? 'no screen other than "' + from + '" in the DOM within ' + limit + ' ms'
          : 'screen "' + changedTo + '" in the DOM but no animation frame within ' + limit + ' ms'));
      }, limit);
      const observer = new MutationObserver(() => {
        const screen = current();
        if (screen === from || changedTo !== undefined) return;
        changedTo = screen ?? '(none)';
        observer.disconnect();
        requestAnimationFrame(() => {
          clearTimeout(timer);
          resolve(performance.timeOrigin + performance.now());
        });
      });
      observer.observe(document.getElementById('root'), {
        subtree: true, childList: true, attributes: true, attributeFilter: ['data-screen'],
      });
    });
    // Read later by paintedAt; a rejection is handled there.
    window.__painted.catch(() => undefined);
  })()`);
}

/** The paint time the probe recorded; its own limit rejects first, this one only covers a page that stopped answering. */
const paintedAt = (page: Page, from: string): Promise<number> =>
  within(
    page.evaluate<number>('window.__painted'),
    PAINT_LIMIT_MS + STEP_MS,
    `the paint probe after "${from}"`,
  );

const kiosk = await within(startKioskHost(), STEP_MS, 'the browser host to start');
const browser = await within(launchBrowser(), STEP_MS * 2, 'Chromium to launch');
const ipc = await within(connectIpc(kiosk.url), STEP_MS, 'the IPC client to connect');
/**
 * The browser host closes a connection that sends more than its rate limit allows (a burst, then a
 * steady rate), and a closed connection answers nothing more: the bench's calls keep under the steady
 * rate, with a margin, however fast the kiosk answers.
 */
const callGapMs = (1000 / defaultRateLimit.refillPerSecond) * 1.5;
let lastCallAt = 0;
const call = async <T>(what: string, request: () => Promise<T>): Promise<T> => {
  const wait = lastCallAt + callGapMs - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  lastCallAt = performance.now();
  return within(request(), STEP_MS, what);
};
try {
  const page = await within(openPage(browser, kiosk, '/'), STEP_MS * 2, 'the kiosk page to open');
  await waitForScreen(page, 'idle', STEP_MS);
  const holder = (await call('sim.state', () => ipc.call('sim.state', {}))).holders[0]?.id ?? 'p01';

  // The core's own change time: the first snapshot whose screen differs from the one shown.
  let changedAt: number | undefined;
  let watchFrom: string | undefined;
  kiosk.kiosk.core.subscribe((snapshot) => {
    if (watchFrom !== undefined && changedAt === undefined && snapshot.screen.name !== watchFrom)
      changedAt = now();
  });
  const unpainted: string[] = [];
  /** The change's paint latency, or undefined when it was not painted in time (counted in `unpainted`). */
  const measure = async (from: string, change: () => Promise<unknown>): Promise<number | undefined> => {
    await within(armPaintProbe(page, from), STEP_MS, `the paint probe to arm on "${from}"`);
    changedAt = undefined;
    watchFrom = from;
    await change();
    try {
      const painted = await paintedAt(page, from);
      if (changedAt === undefined) throw new Error(`the core did not change screen from "${from}"`);
      return painted - changedAt;
    } catch (error) {
      const what = error instanceof Error ? error.message.replace(/^.*Error: /s, '') : String(error);
      if (!(error instanceof BenchTimeoutError) && !/within \d+ ms/.test(what)) throw error;
      unpainted.push(`"${from}": ${what}`);
      console.log(`not painted: leaving "${from}": ${what}`);
      if (unpainted.length >= MAX_UNPAINTED)
        throw new Error(`${MAX_UNPAINTED} changes not painted; run stopped`);
      return undefined;
    } finally {
      watchFrom = undefined;
    }
  };

  const present: number[] = [];
  const remove: number[] = [];
  const roundTrip: number[] = [];
  for (let i = 0; i < rounds + 3; i += 1) {
    const a = await measure('idle', () =>
      call(`sim.present (round ${i + 1})`, () =>
        ipc.call('sim.present', { holderId: holder, variant: 'physical' }),
      ),
    );
    await waitForScreen(page, 'pin', STEP_MS);
    const b = await measure('pin', () =>
      call(`sim.remove (round ${i + 1})`, () => ipc.call('sim.remove', {})),
    );
    await waitForScreen(page, 'idle', STEP_MS);
    let t0 = 0;
    await call('session.get', () => {
      t0 = now();
      return ipc.call('session.get', {});
    });
    const c = now() - t0;
    if (i < 3) continue; // warm-up: first paints compile styles and JIT the renderer
    if (a !== undefined) present.push(a);
    if (b !== undefined) remove.push(b);
    roundTrip.push(c);
  }
  const all = [...present, ...remove];
  console.log(`core change → screen painted, ${all.length} changes (card presented / removed):`);
  console.log(`  card presented → first new screen: ${summary(present)}`);
  console.log(`  card removed → idle:                ${summary(remove)}`);
  console.log(`  all:                                ${summary(all)}`);
  console.log(`baseline, no-op IPC round trip (session.get): ${summary(roundTrip)}`);
  const p95 = percentile(all, 95);
  console.log(`budget p95 ≤ ${budgetMs} ms: ${p95 <= budgetMs ? 'within' : 'OVER'} (${p95.toFixed(1)} ms)`);
  if (unpainted.length > 0) {
    failBench(`${unpainted.length} screen changes not painted within ${PAINT_LIMIT_MS} ms`);
  }
  await within(page.close(), STEP_MS, 'the page to close');
} finally {
  await within(ipc.close(), STEP_MS, 'the IPC client to close').catch((e: unknown) => console.error(e));
  await within(browser.close(), STEP_MS, 'Chromium to close').catch((e: unknown) => console.error(e));
  await within(kiosk.stop(), STEP_MS, 'the browser host to stop').catch((e: unknown) => console.error(e));
}
// Everything above is closed; a handle left behind must not turn a finished run into a hang.
process.exit(process.exitCode ?? 0);
