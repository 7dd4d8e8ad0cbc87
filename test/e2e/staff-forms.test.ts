// Staff forms in Chromium: the keyed answer in view beside the kept form, errors beside their fields in the error colour.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../support/requirements';
import { isoBirthDate, printedExpiryAhead, simulatedPersonAt } from '../support/simulated-people';
import { captureScreen, openStaff, startE2eKiosk, type E2eKiosk } from './support/checkin-flow';
import { waitForScreen } from './support/kiosk-page';

/** The error colour of the kiosk's style sheet (--danger, #a30000) as the browser computes it. */
const ERROR_COLOUR = 'rgb(163, 0, 0)';

/** Whether the element is inside the visible part of the page. */
async function inView(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  const viewport = page.viewportSize();
  return !!box && !!viewport && box.y >= 0 && box.y < viewport.height;
}

const colourOf = (page: Page, selector: string): Promise<string> =>
  page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).color`);

describe.runIf(hasChromium())('staff forms', () => {
  let e2e: E2eKiosk;
  let staff: Page;

  beforeAll(async () => {
    e2e = await startE2eKiosk();
    staff = await openStaff(e2e);
  });
  afterAll(async () => e2e?.stop());

  it('keyed entry: the summary is in the error colour; limits come from the contract', async () => {
    await staff.getByRole('button', { name: '資格確認書 入力' }).click();
    await waitForScreen(staff, 'staff-keyed');
    const form = staff.locator('.keyed-form');
    await form.getByRole('button', { name: '資格を確認する' }).click();
    await staff.getByText('入力内容を確認してください。').waitFor();
    expect(await colourOf(staff, '.validation-state')).toBe(ERROR_COLOUR);
    // KeyedEntry in the contract: insurerNumber max 32, branch max 8.
    expect(await form.getByLabel(/保険者番号/).getAttribute('maxlength')).toBe('32');
    expect(await form.getByLabel(/枝番/).getAttribute('maxlength')).toBe('8');
  });

  it('keyed entry: the answer comes into view, the form keeps what was typed until 新しい入力', async () => {
    const form = staff.locator('.keyed-form');
    // p04's 資格確認書 (共済), as in staff-console.test.ts.
    await form.getByLabel(/保険者番号/).fill('33120015');
    await form.getByLabel(/^記号/).fill('共見');
    await form.getByLabel(/^番号/).fill('8802');
    await form.getByLabel(/枝番/).fill('00');
    await form.getByLabel(/生年月日/).fill(isoBirthDate(simulatedPersonAt('p04').birthdate));
    await form.getByLabel(/有効期限/).fill(printedExpiryAhead());
    await staff.locator('.validation-state[data-valid="true"]').waitFor();
    await form.getByRole('button', { name: '資格を確認する' }).click();
    await staff.locator('.staff-result').waitFor();
    expect(await inView(staff, '.staff-result h2')).toBe(true);
    expect(await form.getByLabel(/保険者番号/).inputValue()).toBe('33120015');
    await captureScreen(staff, 'staff-keyed', 'staff-keyed-result-kept');

    await staff.getByRole('button', { name: '新しい入力' }).click();
    expect(await staff.locator('.staff-result').count()).toBe(0);
    expect(await form.getByLabel(/保険者番号/).inputValue()).toBe('');
  });

  it('settings: a bad value is named beside its field, marked, brought into view and never in raw words', async () => {
    await staff.getByRole('button', { name: '設定' }).click();
    await staff.locator('.staff-settings').waitFor();
    // TimeoutSettings in the contract: pin 10–600 seconds; the box carries the same bounds.
    const pin = staff.locator('input[name="timeout-pin"]');
    expect(await pin.getAttribute('min')).toBe('10');
    expect(await pin.getAttribute('max')).toBe('600');
    expect(await staff.locator('input[name="terminalName"]').getAttribute('maxlength')).toBe('64');
    await pin.fill('3');
    await staff.evaluate('window.scrollTo(0, 0)');
    await staff.getByRole('button', { name: '保存する' }).click();

    const error = staff.locator('[data-field="timeout-pin"] .field-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('10から600までの整数（秒）で入力してください。');
    expect(await pin.getAttribute('aria-invalid')).toBe('true');
    expect(await staff.evaluate('document.activeElement?.getAttribute("name")')).toBe('timeout-pin');
    expect(await inView(staff, 'input[name="timeout-pin"]')).toBe(true);
    expect(await colourOf(staff, '.staff-error-summary')).toBe(ERROR_COLOUR);
    expect((await staff.locator('.staff-settings').textContent()) ?? '').not.toMatch(/Too small|expected/);
    await captureScreen(staff, 'staff-settings', 'staff-settings-field-error');

    await pin.fill('60');
    await staff.getByRole('button', { name: '保存する' }).click();
    await staff.getByText(/保存しました/).waitFor();
    expect(await pin.getAttribute('aria-invalid')).toBeNull();
  });
});
