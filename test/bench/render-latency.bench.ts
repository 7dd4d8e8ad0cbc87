// Time from a core session change to the new screen painted in Chromium (budget p95 ≤ 100 ms), against an IPC round trip.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { connectIpc } from '../e2e/support/ipc-client';
import { launchBrowser, openPage, startKioskHost, waitForScreen } from '../e2e/support/kiosk-page';

const root = path.resolve(import.meta.dirname, '../..');
if (!existsSync(path.join(root, 'dist/renderer/index.html'))) {
  execSync('npm run --silent build:renderer', { cwd: root, stdio: 'ignore' });
}

const rounds = Number(process.env.RENDER_BENCH_ROUNDS ?? 30);
const budgetMs = 100;
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
 * mutation, then the next animation frame (the frame that shows it).
 */
async function armPaintProbe(page: Page, from: string): Promise<void> {
  // Source text, not a function: this file is compiled for Node, and the page's CSP forbids eval.
  await page.evaluate(`(() => {
    const from = ${JSON.stringify(from)};
    const current = () => document.querySelector('[data-screen]')?.getAttribute('data-screen');
    window.__painted = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (current() === from) return;
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
      });
      observer.observe(document.getElementById('root'), {
        subtree: true, childList: true, attributes: true, attributeFilter: ['data-screen'],
      });
    });
  })()`);
}

const paintedAt = (page: Page): Promise<number> => page.evaluate<number>('window.__painted');

const kiosk = await startKioskHost();
const browser = await launchBrowser();
const ipc = await connectIpc(kiosk.url);
try {
  const page = await openPage(browser, kiosk, '/');
  await waitForScreen(page, 'idle');
  const holder = (await ipc.call('sim.state', {})).holders[0]?.id ?? 'p01';

  // The core's own change time: the first snapshot whose screen differs from the one shown.
  let changedAt: number | undefined;
  let watchFrom: string | undefined;
  kiosk.kiosk.core.subscribe((snapshot) => {
    if (watchFrom !== undefined && changedAt === undefined && snapshot.screen.name !== watchFrom)
      changedAt = now();
  });
  const measure = async (from: string, change: () => Promise<unknown>): Promise<number> => {
    await armPaintProbe(page, from);
    changedAt = undefined;
    watchFrom = from;
    await change();
    const painted = await paintedAt(page);
    watchFrom = undefined;
    if (changedAt === undefined) throw new Error('the core did not change screen');
    return painted - changedAt;
  };

  const present: number[] = [];
  const remove: number[] = [];
  const roundTrip: number[] = [];
  for (let i = 0; i < rounds + 3; i += 1) {
    const a = await measure('idle', () => ipc.call('sim.present', { holderId: holder, variant: 'physical' }));
    await waitForScreen(page, 'pin');
    const b = await measure('pin', () => ipc.call('sim.remove', {}));
    await waitForScreen(page, 'idle');
    const t0 = now();
    await ipc.call('session.get', {});
    const c = now() - t0;
    if (i < 3) continue; // warm-up: first paints compile styles and JIT the renderer
    present.push(a);
    remove.push(b);
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
  await page.close();
} finally {
  await ipc.close();
  await browser.close();
  await kiosk.stop();
}
