// The staff console and the simulator panel in Chromium: sign-in, keyed entry, the log, health, settings, CSV.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../support/requirements';
import {
  backToIdle,
  captureScreen,
  checkInToResult,
  openKiosk,
  staffPin,
  startE2eKiosk,
  type E2eKiosk,
} from './support/checkin-flow';
import { openPage, waitForScreen } from './support/kiosk-page';
import { isoBirthDate, printedExpiryAhead, simulatedPersonAt } from '../support/simulated-people';

/**
 * The 資格確認書 of simulated person p04 (共済, 70–74 with a 2割 高齢受給者証; see the simulator gateway's
 * people), as printed on the day the test runs (the simulated population moves with the fiscal year).
 */
const keyedPerson = {
  insurerNumber: '33120015',
  symbol: '共見',
  number: '8802',
  birthDate: isoBirthDate(simulatedPersonAt('p04').birthdate),
};

describe.runIf(hasChromium())('staff console', () => {
  let e2e: E2eKiosk;
  let staff: Page;

  beforeAll(async () => {
    e2e = await startE2eKiosk();
  });
  afterAll(async () => e2e?.stop());

  it('refuses a wrong staff PIN with a plain message, then signs in', async () => {
    const page = await openPage(e2e.browser, e2e.kiosk, '/staff');
    await captureScreen(page, 'staff-signin', 'staff-signin');
    await page.getByLabel('職員暗証番号').fill('999999');
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.getByText('暗証番号が違います。').waitFor();
    await page.getByLabel('職員暗証番号').fill(staffPin);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await waitForScreen(page, 'staff-visual');
    staff = page;
  });

  it('validates keyed entry live and confirms a 資格確認書', async () => {
    await staff.getByRole('button', { name: '資格確認書 入力' }).click();
    await waitForScreen(staff, 'staff-keyed');
    const form = staff.locator('.keyed-form');
    // A wrong check digit and an impossible date are reported while typing.
    await form.getByLabel(/保険者番号/).fill('01130013');
    await form.getByLabel(/生年月日/).fill('2023-02-30');
    await form.locator('[data-field="insurerNumber"] .field-error').waitFor();
    await form.locator('[data-field="birthDate"] .field-error').waitFor();
    await captureScreen(staff, 'staff-keyed', 'staff-keyed-errors');

    const people = await e2e.ipc.call('sim.state', {});
    expect(people.holders.length).toBeGreaterThan(0);
    await form.getByLabel(/保険者番号/).fill(keyedPerson.insurerNumber);
    await form.getByLabel(/^記号/).fill(keyedPerson.symbol);
    await form.getByLabel(/^番号/).fill(keyedPerson.number);
    await form.getByLabel(/枝番/).fill('00');
    await form.getByLabel(/生年月日/).fill(keyedPerson.birthDate);
    // Required on a 資格確認書 (§4.1).
    await form.getByLabel(/有効期限/).fill(printedExpiryAhead());
    await staff.locator('.validation-state[data-valid="true"]').waitFor();
    // The clinic does not ask about 限度額 by default (§3): no oral-consent tick is offered.
    expect(await form.getByLabel(/口頭で同意/).count()).toBe(0);
    await form.getByRole('button', { name: '資格を確認する' }).click();
    await staff.locator('.staff-result').waitFor();
    expect(await staff.locator('.staff-result').getAttribute('data-outcome')).toBe('confirmed');
    expect(await staff.locator('.staff-result [data-person-name]').textContent()).toContain('架空');
    // p04 is 70–74 with a 2割 高齢受給者証 and 限度額 B04 (一般, §6): both reach staff, with the copay's source.
    const shown = (await staff.locator('.staff-result').textContent()) ?? '';
    expect(shown).toContain('2割（高齢受給者証情報による）');
    expect(shown).toContain('一般');
    await captureScreen(staff, 'staff-keyed', 'staff-keyed-result');
  });

  it('lists today’s confirmations with search and filter', async () => {
    // One card check-in so the list has a card row beside the keyed one.
    const page = await openKiosk(e2e);
    await checkInToResult(e2e, page, 'p03');
    await backToIdle(e2e, page);
    await page.close();

    await staff.getByRole('button', { name: '本日の確認' }).click();
    await waitForScreen(staff, 'staff-confirmations');
    const table = staff.locator('.staff-table');
    await expect.poll(async () => Number(await table.getAttribute('data-rows'))).toBeGreaterThanOrEqual(2);
    await captureScreen(staff, 'staff-confirmations', 'staff-confirmations');
    await staff.getByLabel('方法').selectOption('keyed');
    await expect.poll(() => staff.locator('tbody tr[data-route="card-pin"]').count()).toBe(0);
    expect(await staff.locator('tbody tr[data-route="keyed"]').count()).toBeGreaterThanOrEqual(1);
    await staff.getByLabel('方法').selectOption('');
    await staff.getByRole('searchbox').fill('no-such-patient');
    await expect.poll(() => table.getAttribute('data-rows')).toBe('0');
    await staff.getByRole('searchbox').fill('');
  });

  it('shows reader and gateway health', async () => {
    await staff.getByRole('button', { name: '機器の状態' }).click();
    await staff.locator('[data-health="gateway"]').waitFor();
    await captureScreen(staff, 'staff-health', 'staff-health');
    expect(await staff.locator('[data-health="reader"]').getAttribute('data-ok')).toBe('true');
  });

  it('shows and saves settings', async () => {
    await staff.getByRole('button', { name: '設定' }).click();
    await staff.locator('.staff-settings').waitFor();
    await captureScreen(staff, 'staff-settings', 'staff-settings');
    await staff.getByLabel('端末名').fill('受付2');
    await staff.getByRole('button', { name: '保存する' }).click();
    await staff.getByText(/保存しました/).waitFor();
  });

  it('exports a date range as a CSV download', async () => {
    await staff.getByRole('button', { name: 'CSV出力' }).click();
    await waitForScreen(staff, 'staff-export');
    await captureScreen(staff, 'staff-export', 'staff-export');
    const [download] = await Promise.all([
      staff.waitForEvent('download'),
      staff.getByRole('button', { name: 'CSVを出力する' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const path = await download.path();
    const csv = await readFile(path, 'utf8');
    expect(csv.split(/\r?\n/).filter(Boolean).length).toBeGreaterThanOrEqual(2);
  });

  it('the simulator panel presents and removes a virtual card', async () => {
    const kiosk = await openKiosk(e2e);
    // The staff tests are done: this tab becomes the simulator panel.
    const panel = staff;
    const url = new URL(e2e.kiosk.url);
    url.pathname = '/simulator';
    await panel.goto(url.toString());
    await waitForScreen(panel, 'simulator');
    await panel.locator('[data-sim-pin]').waitFor();
    await captureScreen(panel, 'simulator', 'simulator-panel');
    await panel.getByLabel('被保険者').selectOption('p05');
    await panel.getByRole('button', { name: 'カードを置く' }).first().click();
    await waitForScreen(kiosk, 'pin');
    await panel.locator('[data-card="present"]').waitFor();
    await panel.getByRole('button', { name: 'カードを取る' }).first().click();
    // Lifted at the PIN pad: the kiosk waits for the same card to come back.
    await waitForScreen(kiosk, 'card-lifted');
    await kiosk.close();
  });
});
