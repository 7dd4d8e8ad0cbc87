// Patient event → staff console has it (budget p95 ≤ 1 s): the console's own WebSocket client, push then status re-read.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocketNode from 'ws';
import type { KioskApi, SessionSnapshot, StaffStatus } from '../../electron/common/contract';
import { tokenParam } from '../../electron/common/wire';
import { hashStaffPin } from '../../electron/core/staff/staff-pin';
import { defaultRateLimit } from '../../electron/web-host/web-host';
import { connectIpc } from '../e2e/support/ipc-client';
import { startKioskHost } from '../e2e/support/kiosk-page';
import { BenchTimeoutError, until, within } from './support/bounded';
import { failBench, skipBench } from './support/outcome';

const NAME = 'staff-push bench';
const root = path.resolve(import.meta.dirname, '../..');
if (!existsSync(path.join(root, 'dist/renderer/index.html'))) {
  skipBench(NAME, 'dist/renderer is missing: run `npm run build:renderer` first (the host serves it)');
}

const rounds = Number(process.env.STAFF_PUSH_ROUNDS ?? 60);
const WARM_UP = 3;
const budgetMs = 1_000;
/** Longest one step may take (a call answered, a screen reached, the console seeing a change). */
const STEP_MS = 15_000;
/** A simulated person whose physical card asks for a PIN, so the patient can choose 目視 from the PIN pad. */
const HOLDER = 'p02';
const STAFF_PIN = '246810';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
const summary = (values: number[]): string =>
  `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms`;

const pinHash = await hashStaffPin(STAFF_PIN, { N: 1024, r: 8, p: 1 });
const kiosk = await within(startKioskHost({ staff: { pinHash } }), STEP_MS, 'the browser host to start');
const page = new URL(kiosk.url);

// The staff console's client (renderer/bridge/ws-kiosk-api.ts) runs here on Node's `ws`, which, like a
// page of the kiosk, names the kiosk's own origin (the host refuses any other).
class OriginWebSocket extends WebSocketNode {
  constructor(url: string) {
    super(url, { origin: page.origin });
  }
}
(globalThis as { WebSocket?: unknown }).WebSocket = OriginWebSocket;
/** The parts of `location` the console's client reads. */
interface PageLocation {
  protocol: string;
  host: string;
  search: string;
}
// Loaded by path at run time: it is renderer code (DOM types), outside this Node project's type check.
const bridgeModule = path.join(root, 'renderer/bridge/ws-kiosk-api.ts');
const { createWsKioskApi } = (await import(bridgeModule)) as {
  createWsKioskApi: (location: PageLocation) => KioskApi;
};
const staffConsole = createWsKioskApi({
  protocol: page.protocol,
  host: page.host,
  search: `?${tokenParam}=${encodeURIComponent(page.searchParams.get(tokenParam) ?? '')}`,
});
const patient = await within(connectIpc(kiosk.url), STEP_MS, 'the patient-side client to connect');

/** The patient side keeps under the host's steady rate (it closes a connection that floods it). */
const callGapMs = (1000 / defaultRateLimit.refillPerSecond) * 1.5;
let lastCallAt = 0;
const paced = async <T>(what: string, request: () => Promise<T>): Promise<T> => {
  const wait = lastCallAt + callGapMs - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  lastCallAt = performance.now();
  return within(request(), STEP_MS, what);
};

try {
  // The console as StaffApp runs it: ready on the connection (events flow), signed in, and on every
  // staff.changed push a staff.status re-read; the list it would draw is `pending`.
  const ready = await within(staffConsole.invoke('renderer.ready', {}), STEP_MS, 'the console to say ready');
  if (!ready.ok) throw new Error(`renderer.ready: ${ready.error.code}`);
  const login = await within(
    staffConsole.invoke('staff.login', { pin: STAFF_PIN }),
    STEP_MS,
    'staff sign-in',
  );
  if (!login.ok) throw new Error(`staff.login: ${login.error.code}`);
  const token = login.value.token;
  let pending: StaffStatus['visualPending'] = [];
  /** When the list last changed length: the moment the console would draw the change. */
  let changedAt = 0;
  staffConsole.on('staff.changed', () => {
    void staffConsole.invoke('staff.status', { token }).then((r) => {
      if (!r.ok) return;
      if (r.value.visualPending.length !== pending.length) changedAt = performance.now();
      pending = r.value.visualPending;
    });
  });

  // The patient's screen, from the core's pushes.
  let screen: SessionSnapshot['screen'] = { name: 'idle' };
  patient.on('session.changed', (snapshot) => {
    screen = snapshot.screen;
  });
  await paced('patient renderer.ready', () => patient.call('renderer.ready', {}));

  const appear: number[] = [];
  const leave: number[] = [];
  const roundTrip: number[] = [];
  for (let i = 0; i < rounds + WARM_UP; i += 1) {
    await paced(`sim.present (round ${i + 1})`, () =>
      patient.call('sim.present', { holderId: HOLDER, variant: 'physical' }),
    );
    // 目視 is offered on the PIN pad once the card's kind is read.
    await until(
      () => screen.name === 'pin' && screen.tokenKind !== null,
      STEP_MS,
      `the PIN pad (round ${i + 1})`,
    );

    // Each event's clock starts as the patient's intent is sent, after any pacing wait.
    let chose = 0;
    await paced(`auth.choose visual (round ${i + 1})`, () => {
      chose = performance.now();
      return patient.call('auth.choose', { method: 'visual' });
    });
    await until(() => pending.length === 1, STEP_MS, `the console to list the request (round ${i + 1})`);
    const a = changedAt - chose;

    let cancelled = 0;
    await paced(`session.cancel (round ${i + 1})`, () => {
      cancelled = performance.now();
      return patient.call('session.cancel', {});
    });
    await until(() => pending.length === 0, STEP_MS, `the console to drop the request (round ${i + 1})`);
    const b = changedAt - cancelled;

    await paced(`sim.remove (round ${i + 1})`, () => patient.call('sim.remove', {}));
    await until(() => screen.name === 'idle', STEP_MS, `idle again (round ${i + 1})`);

    // Baseline: one bare round trip on the console's own connection.
    const t0 = performance.now();
    await within(staffConsole.invoke('session.get', {}), STEP_MS, 'session.get');
    const c = performance.now() - t0;
    if (i < WARM_UP) continue;
    appear.push(a);
    leave.push(b);
    roundTrip.push(c);
  }
  const all = [...appear, ...leave];
  console.log(
    `patient event → staff console's list updated (push + staff.status re-read), ${all.length} events:`,
  );
  console.log(`  patient chooses 目視 → request listed:  ${summary(appear)}`);
  console.log(`  patient cancels 目視 → request gone:    ${summary(leave)}`);
  console.log(`  all:                                     ${summary(all)}`);
  console.log(`baseline, bare round trip on the console's WebSocket (session.get): ${summary(roundTrip)}`);
  const p95 = percentile(all, 95);
  console.log(`budget p95 ≤ ${budgetMs} ms: ${p95 <= budgetMs ? 'within' : 'OVER'} (${p95.toFixed(1)} ms)`);
  if (p95 > budgetMs) failBench(`p95 ${p95.toFixed(1)} ms is over the ${budgetMs} ms budget`);
} catch (error) {
  if (error instanceof BenchTimeoutError) failBench(error.message);
  else throw error;
} finally {
  await within(patient.close(), STEP_MS, 'the patient client to close').catch((e: unknown) =>
    console.error(e),
  );
  await within(kiosk.stop(), STEP_MS, 'the browser host to stop').catch((e: unknown) => console.error(e));
}
// The console client reconnects by design; nothing else is left to wait for.
process.exit(process.exitCode ?? 0);
