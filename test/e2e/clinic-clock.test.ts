// The clinic's day and time at the edges of the clock, with a browser that is not in Tokyo: the number a patient
// gets, what staff read as 本日の確認, and the CSV's default range all follow the clinic day (UTC+9).
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { hasChromium } from '../support/requirements';
import {
  backToIdle,
  checkInToResult,
  openKiosk,
  openStaff,
  startE2eKiosk,
  type E2eKiosk,
} from './support/checkin-flow';
import { e2eTimeZone, waitForScreen } from './support/kiosk-page';

/**
 * The instants the clinic clock is set to, and what a clinic in Japan reads at each: JST is UTC+9 all
 * year, so 14:59:58Z is 23:59:58 the same day and 15:00:01Z is 00:00:01 the next day.
 */
const matrix = [
  { at: '2026-12-31T23:59:58+09:00', day: '2026-12-31', heading: '2026年12月31日', time: '23:59:58' },
  { at: '2026-12-01T14:59:58Z', day: '2026-12-01', heading: '2026年12月1日', time: '23:59:58' },
  { at: '2026-12-01T15:00:01Z', day: '2026-12-02', heading: '2026年12月2日', time: '00:00:01' },
] as const;

/** A clock that stands still at the instant the test sets, so each step happens at a known time. */
function standingClock(iso: string): { source: () => number; set(iso: string): void } {
  let ms = Date.parse(iso);
  return {
    source: () => ms,
    set: (next) => {
      ms = Date.parse(next);
    },
  };
}

/** A card + PIN check-in of simulated person p03; answers the reception number shown. */
async function checkIn(e2e: E2eKiosk, page: Page): Promise<number> {
  await checkInToResult(e2e, page, 'p03');
  const shown = await page.locator('[data-reception-number]').getAttribute('data-reception-number');
  await backToIdle(e2e, page);
  return Number(shown);
}

async function todaysRows(staff: Page, heading: string): Promise<Array<{ time: string; number: string }>> {
  await staff.getByRole('button', { name: '本日の確認' }).click();
  await waitForScreen(staff, 'staff-confirmations');
  await staff.getByRole('heading', { name: `本日の確認（${heading}）` }).waitFor();
  const rows = staff.locator('.staff-table tbody tr');
  await expect.poll(() => rows.count()).toBeGreaterThan(0);
  return rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      time: tr.querySelector('td')?.textContent ?? '',
      number: tr.getAttribute('data-reception-number') ?? '',
    })),
  );
}

async function exportDefaultRange(staff: Page): Promise<string> {
  await staff.getByRole('button', { name: 'CSV出力' }).click();
  await waitForScreen(staff, 'staff-export');
  const [download] = await Promise.all([
    staff.waitForEvent('download'),
    staff.getByRole('button', { name: 'CSVを出力する' }).click(),
  ]);
  return readFile(await download.path(), 'utf8');
}

describe.runIf(hasChromium())(`the clinic clock, browser in ${e2eTimeZone}`, () => {
  let e2e: E2eKiosk | undefined;
  afterEach(async () => {
    await e2e?.stop();
    e2e = undefined;
  });

  for (const edge of matrix) {
    it(`at ${edge.at}: number 1 of ${edge.day}, listed and exported as that day at ${edge.time}`, async () => {
      const clock = standingClock(edge.at);
      e2e = await startE2eKiosk({}, { timeSource: clock.source });
      const kiosk = await openKiosk(e2e);
      expect(await checkIn(e2e, kiosk)).toBe(1);

      const staff = await openStaff(e2e);
      expect(await todaysRows(staff, edge.heading)).toEqual([{ time: edge.time, number: '1' }]);
      const csv = (await exportDefaultRange(staff)).split(/\r?\n/).filter(Boolean);
      expect(csv).toHaveLength(2);
      expect(csv[1]).toContain(`${edge.day} ${edge.time}`);
    });
  }

  it('crossing the clinic midnight starts the numbers again, and staff see the new day', async () => {
    const clock = standingClock('2026-12-01T14:59:58Z'); // 23:59:58 JST
    e2e = await startE2eKiosk({}, { timeSource: clock.source });
    const kiosk = await openKiosk(e2e);
    expect(await checkIn(e2e, kiosk)).toBe(1);
    expect(await checkIn(e2e, kiosk)).toBe(2);
    clock.set('2026-12-01T15:00:01Z'); // 00:00:01 JST on 12-02; still 12-01 in UTC and in Honolulu
    expect(await checkIn(e2e, kiosk)).toBe(1);

    const staff = await openStaff(e2e);
    expect(await todaysRows(staff, '2026年12月2日')).toEqual([{ time: '00:00:01', number: '1' }]);
    const csv = (await exportDefaultRange(staff)).split(/\r?\n/).filter(Boolean);
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain('2026-12-02 00:00:01');
  });
});
