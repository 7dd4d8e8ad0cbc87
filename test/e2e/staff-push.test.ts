// The desk hears at once: 目視確認 requests and desk notices pushed to /staff without reload; the held staff entrance on idle.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium } from '../support/requirements';
import { captureScreen, kioskWithStaff, presentCard, staffPin, type E2eKiosk } from './support/checkin-flow';
import { captureConsole, e2eTimeZone, kioskViewport, waitForScreen } from './support/kiosk-page';

/**
 * How long the console may take to show an event: a third of its fallback refresh (StaffApp's
 * STATUS_FALLBACK_MS, 30 s), so only a push can meet it. The latency itself (p95 ≤ 1 s) is measured by
 * test/bench/staff-push.bench.ts, not asserted here: a loaded CI machine must not fail on speed.
 */
const PUSH_LIMIT_MS = 10_000;
/** A handled request leaves the list without waiting for the fallback refresh either. */
const GONE_LIMIT_MS = PUSH_LIMIT_MS;
/** The hold the staff entrance needs (renderer/screens/idle/hold-to-open.ts), plus a margin for the page. */
const HOLD_MS = 2_000;
const PAST_HOLD_MS = HOLD_MS + 400;

/** The patient on the PIN pad asks for the staff check (暗証番号を忘れた方). */
async function askForVisual(e2e: E2eKiosk, page: Page): Promise<void> {
  await presentCard(e2e, 'p02');
  await waitForScreen(page, 'pin');
  await page.getByRole('button', { name: '暗証番号を忘れた方' }).click();
}

/**
 * A signed-in staff page whose WebSocket drops every staff.changed push: a console that missed the events
 * (the slow fallback re-read has not come yet), so its list still shows a request that is over.
 */
async function openDeafStaff(e2e: E2eKiosk): Promise<Page> {
  const page = await e2e.browser.newPage({
    viewport: kioskViewport,
    reducedMotion: 'reduce',
    timezoneId: e2eTimeZone,
  });
  captureConsole(page, e2e.kiosk);
  await page.routeWebSocket(/\/ipc\?/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { t: string; event?: string };
      if (frame.t === 'event' && frame.event === 'staff.changed') return;
      ws.send(message);
    });
  });
  const url = new URL(e2e.kiosk.url);
  url.pathname = '/staff';
  await page.goto(url.toString());
  await page.getByLabel('職員暗証番号').fill(staffPin);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await waitForScreen(page, 'staff-visual');
  return page;
}

describe.runIf(hasChromium())('staff console hears the kiosk at once', () => {
  const under = kioskWithStaff();

  it('a 目視確認 request shows on the console within 1 s, with an alert, and leaves at once when approved', async () => {
    const { e2e, page, staff } = under;
    await askForVisual(e2e, page);
    await staff.locator('.staff-card[data-reader]').waitFor({ timeout: PUSH_LIMIT_MS });
    await staff.locator('.staff-alert[data-alert="visual"]').waitFor({ timeout: PUSH_LIMIT_MS });
    expect(await staff.locator('.staff-badge').textContent()).toBe('1');
    await captureScreen(staff, 'staff-visual', 'staff-visual-pushed');
    await staff.getByRole('button', { name: '本人と確認しました' }).click();
    await staff.locator('.staff-card[data-reader]').waitFor({ state: 'detached', timeout: GONE_LIMIT_MS });
    await staff
      .locator('.staff-alert[data-alert="visual"]')
      .waitFor({ state: 'detached', timeout: GONE_LIMIT_MS });
    await waitForScreen(page, 'consent');
  });

  it('a request the patient cancels leaves the console without reload; a decline tells the desk', async () => {
    const { e2e, page, staff } = under;
    await askForVisual(e2e, page);
    await staff.locator('.staff-card[data-reader]').waitFor({ timeout: PUSH_LIMIT_MS });
    await page.getByRole('button', { name: 'やめる' }).click();
    await staff.locator('.staff-card[data-reader]').waitFor({ state: 'detached', timeout: PUSH_LIMIT_MS });

    await e2e.ipc.call('sim.remove', {});
    await waitForScreen(page, 'idle');
    await askForVisual(e2e, page);
    await staff.locator('.staff-card[data-reader]').waitFor({ timeout: PUSH_LIMIT_MS });
    await staff.getByRole('button', { name: '本人と確認できません' }).click();
    await staff.locator('.staff-card[data-reader]').waitFor({ state: 'detached', timeout: GONE_LIMIT_MS });
    // The patient is sent to the desk (an error ending): the desk hears it as it happens.
    await staff.locator('.staff-alert[data-alert="desk"]').waitFor({ timeout: PUSH_LIMIT_MS });
    await captureScreen(staff, 'staff-visual', 'staff-alert-desk');
    await staff
      .locator('.staff-alert[data-alert="desk"]')
      .getByRole('button', { name: '確認しました' })
      .click();
    expect(await staff.locator('.staff-alert[data-alert="desk"]').count()).toBe(0);
  });

  it('an alert sounds the chime, and not once 通知音 is turned off', async () => {
    const { e2e, page } = under;
    const listening = await e2e.browser.newPage({
      viewport: kioskViewport,
      reducedMotion: 'reduce',
      timezoneId: e2eTimeZone,
    });
    captureConsole(listening, e2e.kiosk);
    // Counts the notes the page schedules on Web Audio (two per chime).
    await listening.addInitScript(`(() => {
      window.__notes = 0;
      const Base = window.AudioContext;
      if (!Base) return;
      const create = Base.prototype.createOscillator;
      Base.prototype.createOscillator = function () {
        window.__notes += 1;
        return create.call(this);
      };
    })()`);
    const notes = (): Promise<number> => listening.evaluate<number>('window.__notes');
    const url = new URL(e2e.kiosk.url);
    url.pathname = '/staff';
    await listening.goto(url.toString());
    await listening.getByLabel('職員暗証番号').fill(staffPin);
    await listening.getByRole('button', { name: 'サインイン' }).click();
    await waitForScreen(listening, 'staff-visual');
    try {
      await askForVisual(e2e, page);
      await listening.locator('.staff-alert[data-alert="visual"]').waitFor({ timeout: PUSH_LIMIT_MS });
      await expect.poll(notes).toBe(2);
      await page.getByRole('button', { name: 'やめる' }).click();
      await e2e.ipc.call('sim.remove', {});
      await waitForScreen(page, 'idle');

      await listening.getByRole('button', { name: /通知音/ }).click();
      expect(await listening.getByRole('button', { name: /通知音/ }).getAttribute('aria-pressed')).toBe(
        'false',
      );
      await askForVisual(e2e, page);
      await listening.locator('.staff-alert[data-alert="visual"]').waitFor({ timeout: PUSH_LIMIT_MS });
      expect(await notes()).toBe(2);
    } finally {
      await listening.close();
    }
  });

  it('out of service shows as an alert within 1 s, and clears when the reader is back', async () => {
    const { e2e, page, staff } = under;
    await e2e.ipc.call('sim.faults', { readerDown: true });
    try {
      await staff.locator('.staff-alert[data-alert="service"]').waitFor({ timeout: PUSH_LIMIT_MS });
      await waitForScreen(page, 'out-of-service');
    } finally {
      await e2e.ipc.call('sim.faults', { readerDown: false });
    }
    await staff
      .locator('.staff-alert[data-alert="service"]')
      .waitFor({ state: 'detached', timeout: PUSH_LIMIT_MS });
    await waitForScreen(page, 'idle');
  });

  it('answering a request that is already over says so plainly, and drops it from the list', async () => {
    const { e2e, page, staff } = under;
    await askForVisual(e2e, page);
    await waitForScreen(page, 'visual-wait');
    // Signed in while the request waits: its list shows it, and no later push reaches it.
    const deaf = await openDeafStaff(e2e);
    try {
      await deaf.locator('.staff-card[data-reader]').waitFor();
      // A colleague answers first.
      await staff.getByRole('button', { name: '本人と確認しました' }).click();
      await waitForScreen(page, 'consent');
      await deaf.getByRole('button', { name: '本人と確認しました' }).click();
      await deaf.getByText('この目視確認はすでに終わっています').waitFor();
      expect(await deaf.locator('.staff-card[data-reader]').count()).toBe(0);
      expect(await deaf.getByText('visual.not-pending').count()).toBe(0);
    } finally {
      await deaf.close();
    }
  });
});

describe.runIf(hasChromium())('staff entrance on the patient screen', () => {
  const under = kioskWithStaff();

  it('a tap does nothing; a held press opens staff sign-in, and a card placed brings the kiosk back', async () => {
    const { e2e, page } = under;
    const entrance = page.locator('.staff-entry');
    await entrance.click();
    await page.waitForTimeout(PAST_HOLD_MS);
    await waitForScreen(page, 'idle');

    const box = await entrance.boundingBox();
    if (!box) throw new Error('the staff entrance is not on screen');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await expect
      .poll(async () => Number(await page.locator('.staff-entry-progress').getAttribute('data-progress')))
      .toBeGreaterThan(0);
    await waitForScreen(page, 'staff-signin', PAST_HOLD_MS + 2_000);
    await page.mouse.up();
    expect(new URL(page.url()).searchParams.get('from')).toBe('kiosk');

    // A patient puts a card down while the sign-in page is up: the patient screen comes back.
    await presentCard(e2e, 'p03');
    await waitForScreen(page, 'pin', PUSH_LIMIT_MS * 3);
    expect(new URL(page.url()).searchParams.get('from')).toBeNull();
  });

  it('a quiet minute on the staff page opened from the kiosk brings the patient screen back', async () => {
    // The quiet minute the staff console allows on the kiosk (KIOSK_STAFF_IDLE_MS, renderer/staff/kiosk-return.ts).
    const quietMinute = 60_000;
    const { page } = under;
    // The page's clock runs on as usual; fastForward jumps it past the quiet minute without waiting it out.
    await page.clock.install();
    await page.reload();
    await waitForScreen(page, 'idle');
    await page.locator('.staff-entry').focus();
    await page.keyboard.down('Enter');
    await waitForScreen(page, 'staff-signin', PAST_HOLD_MS + 2_000);
    await page.keyboard.up('Enter');
    await page.clock.fastForward(quietMinute - 5_000);
    await waitForScreen(page, 'staff-signin');
    await page.clock.fastForward(10_000);
    await waitForScreen(page, 'idle', PUSH_LIMIT_MS);
    expect(new URL(page.url()).searchParams.get('from')).toBeNull();
  });

  it('holding Enter on the focused entrance opens it from the keyboard', async () => {
    const { page } = under;
    await page.locator('.staff-entry').focus();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(PAST_HOLD_MS);
    await waitForScreen(page, 'idle');
    await page.keyboard.down('Enter');
    await waitForScreen(page, 'staff-signin', PAST_HOLD_MS + 2_000);
    await page.keyboard.up('Enter');
    await page.goBack();
    await waitForScreen(page, 'idle');
  });
});
