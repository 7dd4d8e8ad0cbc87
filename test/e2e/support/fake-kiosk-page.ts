// Opens the built renderer in Chromium with a stand-in core (window.kiosk) that answers fixed snapshots: no host, no reader.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type {
  ClinicPage,
  ClinicTerminal,
  ConfirmationRow,
  KeyedValidation,
  SessionSnapshot,
  StaffConfirmationResult,
  StaffSettings,
  StaffStatus,
} from '../../../electron/common/contract';
import { mimeTypes } from '../../../electron/core/host-policy';
import { e2eTimeZone, repoRoot } from './kiosk-page';

/** An origin nothing listens on: Playwright answers every request from dist/renderer. */
const origin = 'http://kiosk-layout.test';
const rendererDir = path.join(repoRoot, 'dist/renderer');

/** What the stand-in core answers on the staff channels. */
export interface FakeStaffAnswers {
  status: StaffStatus;
  settings: StaffSettings;
  validation: KeyedValidation;
  keyedResult: StaffConfirmationResult;
  rows: ConfirmationRow[];
  /** The clinic view's answers; without them its channels are refused. */
  clinic?: { terminals: ClinicTerminal[]; page: ClinicPage };
}

export interface FakeCoreState {
  snapshot: SessionSnapshot;
  staff: FakeStaffAnswers;
}

/**
 * The stand-in core, as page-side source text (this file compiles for Node, without the DOM library).
 * It implements the KioskApi shape the preload exposes: the renderer takes window.kiosk as it would in
 * Electron. `window.__layoutFit.show(snapshot)` pushes a new snapshot as a session.changed event.
 */
function fakeCoreSource(state: FakeCoreState): string {
  return `(() => {
  const state = ${JSON.stringify(state)};
  let seq = state.snapshot.seq;
  const listeners = new Map();
  const ok = (value) => ({ ok: true, value });
  const session = { token: 'layout-fit-staff-token-0001', staffName: '受付', role: 'admin', expiresAt: state.staff.status.clinic.now };
  const answer = (channel) => {
    switch (channel) {
      case 'session.activity':
      case 'session.cancel':
      case 'staff.logout':
        return ok(null);
      case 'staff.login': return ok(session);
      case 'staff.accounts.names': return ok([session.staffName]);
      case 'staff.accounts.list': return ok([{ name: session.staffName, role: 'admin' }]);
      case 'staff.status': return ok(state.staff.status);
      case 'staff.settings.get': return ok(state.staff.settings);
      case 'staff.keyed.validate': return ok(state.staff.validation);
      case 'staff.keyed.confirm': return ok(state.staff.keyedResult);
      case 'staff.confirmations.list': return ok(state.staff.rows);
      case 'staff.clinic.terminals': if (state.staff.clinic) return ok(state.staff.clinic.terminals);
      // falls through: no clinic view
      case 'staff.clinic.list': if (state.staff.clinic) return ok(state.staff.clinic.page);
      // falls through: no clinic view
      default:
        if (channel.startsWith('staff.') || channel.startsWith('sim.')) {
          return { ok: false, error: { code: 'ipc.forbidden', message: 'not in the layout stand-in' } };
        }
        return ok(state.snapshot);
    }
  };
  window.kiosk = {
    invoke: async (channel) => answer(channel),
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  window.__layoutFit = {
    show(snapshot) {
      seq += 1;
      state.snapshot = { ...snapshot, seq };
      for (const listener of listeners.get('session.changed') ?? []) listener(state.snapshot);
    },
    setValidation(validation) {
      state.staff.validation = validation;
    },
  };
})();`;
}

/**
 * One page on the production renderer bundle with the stand-in core. `pathname` is '/' (patient kiosk)
 * or '/staff'. Reduced motion keeps the illustrations still, so screenshots are stable.
 */
export async function openFakeKioskPage(
  browser: Browser,
  state: FakeCoreState,
  pathname: '/' | '/staff',
  viewport: { width: number; height: number },
): Promise<Page> {
  const page = await browser.newPage({ viewport, reducedMotion: 'reduce', timezoneId: e2eTimeZone });
  await page.route(`${origin}/**`, async (route) => {
    const url = new URL(route.request().url());
    // Every page path is the same index.html (renderer/app/route.ts picks the page from the path).
    const file = url.pathname.startsWith('/assets/') ? url.pathname : '/index.html';
    const resolved = path.join(rendererDir, path.normalize(file));
    if (!resolved.startsWith(rendererDir)) return route.fulfill({ status: 404 });
    try {
      const body = await readFile(resolved);
      await route.fulfill({
        status: 200,
        body,
        contentType: mimeTypes[path.extname(resolved)] ?? 'application/octet-stream',
      });
    } catch {
      await route.fulfill({ status: 404 });
    }
  });
  await page.addInitScript(fakeCoreSource(state));
  await page.goto(`${origin}${pathname}`);
  return page;
}

/** Pushes a snapshot to the page as the core would (a session.changed event). */
export async function showSnapshot(page: Page, snapshot: SessionSnapshot): Promise<void> {
  await page.evaluate(`window.__layoutFit.show(${JSON.stringify(snapshot)})`);
}

/** Changes what staff.keyed.validate answers from now on. */
export async function setKeyedValidation(page: Page, validation: KeyedValidation): Promise<void> {
  await page.evaluate(`window.__layoutFit.setValidation(${JSON.stringify(validation)})`);
}
