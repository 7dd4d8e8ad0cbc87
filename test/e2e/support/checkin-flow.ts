// Steps shared by the end-to-end check-in tests: screen evidence (axe + screenshot), PIN entry, reset to idle.
import type { Browser, Page } from 'playwright-core';
import type { SimCardVariant } from '../../../electron/common/contract';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { hashStaffPin } from '../../../electron/core/staff/staff-pin';
import type { TimeSource } from '../../../electron/core/clock/clinic-clock';
import type { KioskConfigInput } from '../../../electron/core/config/config-schema';
import { seriousViolations } from './axe';
import { e2eCardPin } from './evidence-kiosk';
import { connectIpc, type IpcClient } from './ipc-client';
import {
  captureConsole,
  e2eTimeZone,
  kioskViewport,
  launchBrowser,
  openPage,
  screenshot,
  startKioskHost,
  waitForScreen,
  type KioskUnderTest,
} from './kiosk-page';

/** The staff PIN of every end-to-end kiosk; hashed cheaply so sign-in stays fast in tests. */
export const staffPin = '246810';
/** The PIN of the e2e kiosk's virtual cards (evidence-kiosk.ts); the pin-leak check searches for it. */
export const cardPin = e2eCardPin;

export interface E2eKiosk {
  browser: Browser;
  kiosk: KioskUnderTest;
  ipc: IpcClient;
  stop(): Promise<void>;
}

/** A browser, a kiosk host in simulation mode with a staff PIN, and an IPC client for the sim.* channels. */
export async function startE2eKiosk(
  config: KioskConfigInput = {},
  options: { timeSource?: TimeSource } = {},
): Promise<E2eKiosk> {
  const pinHash = await hashStaffPin(staffPin, { N: 1024, r: 8, p: 1 });
  const browser = await launchBrowser();
  const kiosk = await startKioskHost({ ...config, staff: { pinHash, ...config.staff } }, options);
  const ipc = await connectIpc(kiosk.url);
  return {
    browser,
    kiosk,
    ipc,
    async stop() {
      await ipc.close();
      await browser.close();
      await kiosk.stop();
    },
  };
}

/**
 * Evidence for one screen: waits for it, asserts no serious or critical axe violation, and saves a
 * screenshot as test/e2e/artifacts/<file>.png.
 */
export async function captureScreen(page: Page, screen: string, file: string): Promise<void> {
  await waitForScreen(page, screen);
  // Let web fonts and the layout settle, so the screenshot and the contrast checks see the final paint.
  await page.evaluate<boolean>('document.fonts.ready.then(() => true)');
  expect(await seriousViolations(page), `${file}: accessibility`).toEqual([]);
  await screenshot(page, file);
}

/**
 * How long each key is held while typing a PIN. Four keys take at least 400 ms: still well faster than
 * a person (a touchscreen tap takes about 250 ms), and always above PIN_SUBMIT_LIMITS.minIntervalMs
 * (electron/core/session/pin-rate-limit.ts), so the suite proves the limit never refuses human typing
 * without depending on how fast this machine drives the browser.
 */
export const KEY_PRESS_MS = 100;

/** Types a PIN: by tapping the on-screen keys, the keyboard's digit row, or a hardware number pad. */
export async function enterPin(
  page: Page,
  pin: string,
  how: 'tap' | 'keyboard' | 'numpad' = 'tap',
): Promise<void> {
  await waitForScreen(page, 'pin');
  const pad = page.locator('.pin-keys');
  for (const digit of pin) {
    if (how === 'tap')
      await pad.getByRole('button', { name: digit, exact: true }).click({ delay: KEY_PRESS_MS });
    else if (how === 'keyboard') await page.keyboard.press(digit, { delay: KEY_PRESS_MS });
    else await page.keyboard.press(`Numpad${digit}`, { delay: KEY_PRESS_MS });
  }
  await expect.poll(() => page.locator('.pin-dots').getAttribute('data-entered')).toBe(String(pin.length));
}

export async function submitPin(page: Page, how: 'tap' | 'keyboard' | 'numpad' = 'tap'): Promise<void> {
  if (how === 'tap') await page.locator('.pin-key-submit').click();
  else await page.keyboard.press(how === 'numpad' ? 'NumpadEnter' : 'Enter');
}

/**
 * Takes any card off the reader and ends whatever is left on screen (a result or an error stays readable
 * after the card is gone), then waits for the idle screen.
 */
export async function backToIdle(e2e: E2eKiosk, page: Page): Promise<void> {
  const state = await e2e.ipc.call('sim.state', {});
  if (state.readers.some((r) => r.card)) await e2e.ipc.call('sim.remove', {});
  const snapshot = await e2e.ipc.call('session.get', {});
  if (snapshot.screen.name !== 'idle' && snapshot.screen.name !== 'out-of-service') {
    await e2e.ipc.call('session.cancel', {});
  }
  await waitForScreen(page, 'idle');
}

export async function presentCard(
  e2e: E2eKiosk,
  holderId: string,
  variant: SimCardVariant = 'physical',
): Promise<void> {
  await e2e.ipc.call('sim.present', { holderId, variant });
}

/**
 * Card + PIN from a presented card to the result screen, agreeing to everything on the way (the kiosk's
 * default settings: no 限度額 screen).
 */
export async function checkInToResult(e2e: E2eKiosk, page: Page, holderId: string): Promise<void> {
  await presentCard(e2e, holderId);
  await enterPin(page, cardPin);
  await submitPin(page);
  await waitForScreen(page, 'consent');
  await page.getByRole('button', { name: 'まとめて同意する' }).click();
  await waitForScreen(page, 'result');
}

/** Opens the patient page and waits for idle. */
export async function openKiosk(e2e: E2eKiosk): Promise<Page> {
  const page = await openPage(e2e.browser, e2e.kiosk, '/');
  await waitForScreen(page, 'idle');
  return page;
}

/** Opens /staff and signs in with the staff PIN. */
export async function openStaff(e2e: E2eKiosk): Promise<Page> {
  const page = await openPage(e2e.browser, e2e.kiosk, '/staff');
  await waitForScreen(page, 'staff-signin');
  await page.getByLabel('職員暗証番号').fill(staffPin);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await waitForScreen(page, 'staff-visual');
  return page;
}

/**
 * Opens the patient page with its WebSocket routed through the test, so a passing screen can be held on
 * the page long enough to inspect: once a snapshot showing `hold` arrives, later snapshots wait until
 * `release()`. The core runs on unchanged; only what this page is told is paused.
 */
export async function openKioskHolding(
  e2e: E2eKiosk,
  hold: string,
): Promise<{ page: Page; release(): void }> {
  const page = await e2e.browser.newPage({
    viewport: kioskViewport,
    reducedMotion: 'reduce',
    timezoneId: e2eTimeZone,
  });
  captureConsole(page, e2e.kiosk);
  let holding = false;
  const held: (string | Buffer)[] = [];
  let toPage: ((message: string | Buffer) => void) | undefined;
  await page.routeWebSocket(/\/ipc\?/, (ws) => {
    const server = ws.connectToServer();
    toPage = (message) => ws.send(message);
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      const frame = JSON.parse(String(message)) as {
        t: string;
        event?: string;
        payload?: { screen?: { name?: string } };
      };
      const isSnapshot = frame.t === 'event' && frame.event === 'session.changed';
      if (holding && isSnapshot) {
        held.push(message);
        return;
      }
      ws.send(message);
      if (isSnapshot && frame.payload?.screen?.name === hold) holding = true;
    });
  });
  const url = new URL(e2e.kiosk.url);
  await page.goto(url.toString());
  await waitForScreen(page, 'idle');
  return {
    page,
    release() {
      holding = false;
      for (const message of held.splice(0)) toPage?.(message);
    },
  };
}

/** A kiosk page on one e2e kiosk, for a describe block; faults cleared and back to idle after each test. */
export interface KioskFixture {
  e2e: E2eKiosk;
  page: Page;
}

/** Starts the kiosk (with `config`) before the block's tests and stops it after; the fields fill in beforeAll. */
export function kioskPage(config: KioskConfigInput = {}): KioskFixture {
  const under = {} as KioskFixture;
  beforeAll(async () => {
    under.e2e = await startE2eKiosk(config);
    under.page = await openKiosk(under.e2e);
  });
  afterEach(async () => {
    await under.e2e.ipc.call('sim.faults', { readerDown: false, gateway: 'none', logDown: false });
    await backToIdle(under.e2e, under.page);
  });
  afterAll(async () => under.e2e?.stop());
  return under;
}

/** The same with a signed-in staff page beside the kiosk page. */
export interface KioskWithStaff extends KioskFixture {
  staff: Page;
}

export function kioskWithStaff(config: KioskConfigInput = {}): KioskWithStaff {
  const under = kioskPage(config) as KioskWithStaff;
  beforeAll(async () => {
    under.staff = await openStaff(under.e2e);
  });
  return under;
}

/** Any PIN but the virtual cards' own. */
export const wrongPin = '9876';

/**
 * Locks `holderId`'s PIN with wrong entries as a patient would: two wrong tries, the last-try choice, the
 * PIN once more; ends on the pin-locked screen.
 */
export async function lockPin(e2e: E2eKiosk, page: Page, holderId: string): Promise<void> {
  await presentCard(e2e, holderId);
  for (let i = 0; i < 2; i += 1) {
    await enterPin(page, wrongPin);
    await submitPin(page);
    await page.locator('[data-pin-warning], [data-reason="last-try"]').first().waitFor();
  }
  await waitForScreen(page, 'choose-auth');
  await page.getByRole('button', { name: /暗証番号を入力する/ }).click();
  await enterPin(page, wrongPin);
  await submitPin(page);
  await page.locator('[data-reason="pin-locked"]').waitFor();
}
