// Every patient screen and staff page fits every kiosk display: sizes × text size × language, axe-clean, with screenshots.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languages, SessionSnapshot, type Language, type Screen } from '../../electron/common/contract';
import { hasChromium } from '../support/requirements';
import { seriousViolations } from './support/axe';
import {
  openFakeKioskPage,
  setKeyedValidation,
  showSnapshot,
  type FakeCoreState,
} from './support/fake-kiosk-page';
import { fitProblems, textWidth, type FitRule } from './support/layout-check';
import {
  allScreenFixtures,
  clinicPage,
  clinicTerminals,
  confirmationRows,
  contractScreenNames,
  keyedOk,
  keyedProblems,
  keyedResult,
  screenFixtures,
  staffSettings,
  staffStatus,
  type ScreenFixture,
} from './support/layout-fixtures';
import { artifactsDir, launchBrowser, waitForScreen } from './support/kiosk-page';

/**
 * The displays a clinic kiosk runs on (issue 14): small 10" landscape, the common 1280 × 800 and
 * 1366 × 768 panels, full HD, and a portrait 800 × 1280 stand.
 */
const sizes = [
  { width: 1024, height: 600 },
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 800, height: 1280 },
] as const;
type Size = (typeof sizes)[number];
const sizeName = (size: Size): string => `${size.width}x${size.height}`;

const textSizes = ['normal', 'large'] as const;
type TextSize = (typeof textSizes)[number];

const layoutDir = path.join(artifactsDir, 'layout');

function snapshotOf(screen: Screen, language: Language, text: TextSize): SessionSnapshot {
  return SessionSnapshot.parse({
    seq: 0,
    screen,
    preferences: { language, largeText: text === 'large', voice: false },
    simulation: false,
    terminalName: '受付1',
    // Every language offered: the idle screen's longest language row.
    languages: [...languages],
  });
}

const fakeState: FakeCoreState = {
  snapshot: snapshotOf({ name: 'idle' }, 'ja', 'normal'),
  staff: {
    status: staffStatus,
    settings: staffSettings,
    validation: keyedProblems,
    keyedResult,
    rows: confirmationRows,
    clinic: { terminals: clinicTerminals, page: clinicPage },
  },
};

/**
 * Views a screen opens by itself, without a new snapshot: after showing the fixture, press the button and
 * check the view it opens as one more screen.
 */
const followUps: Readonly<Record<string, { press: string; screen: string; id: string }>> = {
  // On a phone, 暗証番号を忘れた方 opens a panel saying what the desk can do (the footer's last button).
  'pin-phone-wrong': {
    press: '.screen-footer button:last-child',
    screen: 'pin-phone-forgot',
    id: 'pin-phone-forgot',
  },
};

/** After a snapshot or a click: React has committed, effects have run and the fonts are in. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    'new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => document.fonts.ready.then(resolve), 0)))',
  );
}

/** Shows the fixture; false when the renderer draws no such screen (reported as a problem by the caller). */
async function show(
  page: Page,
  fixture: ScreenFixture,
  language: Language,
  text: TextSize,
): Promise<boolean> {
  await showSnapshot(page, snapshotOf(fixture.screen, language, text));
  try {
    await waitForScreen(page, fixture.screen.name, 3000);
  } catch {
    return false;
  }
  await page.waitForFunction(
    `document.documentElement.classList.contains('large-text') === ${String(text === 'large')}`,
  );
  await settle(page);
  return true;
}

/** Fit, accessibility and a screenshot for the page as it is; answers the problems as readable lines. */
async function examine(page: Page, rule: FitRule, file: string): Promise<string[]> {
  const problems = [...(await fitProblems(page, rule)), ...(await seriousViolations(page))];
  await page.screenshot({ path: path.join(layoutDir, `${file}.png`) });
  return problems.map((problem) => `${file}: ${problem}`);
}

describe.skipIf(!hasChromium())('layout fit', () => {
  let browser: Browser;
  let patient: Page;
  /** The non-Japanese language whose patient text is widest, measured on this build (see beforeAll). */
  let longest: Language;
  const fixtures = allScreenFixtures();

  beforeAll(async () => {
    await mkdir(layoutDir, { recursive: true });
    browser = await launchBrowser();
    patient = await openFakeKioskPage(browser, fakeState, '/', sizes[1]);
    await waitForScreen(patient, 'idle');
    // The longest other language is measured, not assumed: every fixture's text summed per language.
    const widths = new Map<Language, number>();
    for (const language of languages.filter((l) => l !== 'ja')) {
      let total = 0;
      for (const fixture of fixtures) {
        if (await show(patient, fixture, language, 'normal')) total += await textWidth(patient);
      }
      widths.set(language, total);
    }
    const [widest] = [...widths].sort((a, b) => b[1] - a[1]);
    if (!widest) throw new Error('no language measured');
    longest = widest[0];
    console.info(
      `layout-fit: longest other language ${longest} (${[...widths].map(([l, w]) => `${l} ${Math.round(w)} px`).join(', ')})`,
    );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('has a fixture for every screen of the contract', () => {
    const covered = Object.entries(screenFixtures)
      .filter(([, list]) => list.length > 0)
      .map(([name]) => name);
    expect(covered.sort()).toEqual(contractScreenNames().sort());
  });

  it.each(sizes)(
    'patient screens fit $width×$height',
    async (size) => {
      await patient.setViewportSize(size);
      const problems: string[] = [];
      for (const language of ['ja', longest] as const) {
        for (const text of textSizes) {
          for (const fixture of fixtures) {
            const file = `${fixture.id}-${sizeName(size)}-${text}-${language}`;
            if (await show(patient, fixture, language, text)) {
              problems.push(...(await examine(patient, 'patient', file)));
              const next = followUps[fixture.id];
              if (next) {
                await patient.locator(next.press).click();
                await waitForScreen(patient, next.screen);
                await settle(patient);
                const nextFile = `${next.id}-${sizeName(size)}-${text}-${language}`;
                problems.push(...(await examine(patient, 'patient', nextFile)));
              }
            } else {
              problems.push(`${file}: the renderer draws no "${fixture.screen.name}" screen`);
            }
          }
        }
      }
      expect(problems).toEqual([]);
    },
    300_000,
  );

  it.each(sizes)(
    'staff pages keep navigation and primary actions in view at $width×$height',
    async (size) => {
      const page = await openFakeKioskPage(browser, fakeState, '/staff', size);
      const problems: string[] = [];
      const check = async (screen: string, file: string): Promise<void> => {
        await waitForScreen(page, screen);
        await settle(page);
        problems.push(...(await examine(page, 'staff', `staff-${file}-${sizeName(size)}`)));
      };
      const open = async (label: string, screen: string, ready: string): Promise<void> => {
        await page.locator('.staff-nav button', { hasText: label }).click();
        await page.locator(ready).first().waitFor();
        await check(screen, screen.replace(/^staff-/, ''));
      };
      try {
        await check('staff-signin', 'signin');
        await page.locator('input[name="staff-pin"]').fill('246810');
        await page.locator('button[type="submit"]').click();
        await page.locator('[data-visual-pending="3"]').waitFor();
        await check('staff-visual', 'visual');

        // Keyed entry: every field in error after 確認, then the answer below the form.
        await open('資格確認書', 'staff-keyed', 'input[name="insurerNumber"]');
        await page.locator('button[type="submit"]').click();
        await page.locator('[data-field="insurerNumber"] .field-error').waitFor();
        await check('staff-keyed', 'keyed-errors');
        await setKeyedValidation(page, keyedOk);
        await page.locator('input[name="number"]').fill('00001');
        await page.locator('[data-valid="true"]').waitFor();
        await page.locator('button[type="submit"]').click();
        await page.locator('.staff-result').waitFor();
        await check('staff-keyed', 'keyed-result');

        await open('本日の確認', 'staff-confirmations', `[data-rows="${confirmationRows.length}"]`);
        await open('院内の状況', 'staff-clinic', `[data-rows="${clinicPage.rows.length}"]`);
        await open('機器の状態', 'staff-health', '[data-health="log"]');
        await open('設定', 'staff-settings', 'input[name="terminalName"]');
        await open('CSV出力', 'staff-export', 'input[name="from"]');

        // A staff terminal's desk check-in: the staff view, then the PIN screen turned to the patient, which
        // keeps the patient rules (no scrolling, large targets) under its bar.
        const deskPin: Screen = {
          name: 'pin',
          tokenKind: 'card',
          triesLeft: 3,
          lastTry: false,
          wrong: false,
        };
        await showSnapshot(page, { ...snapshotOf(deskPin, 'ja', 'normal'), mode: 'staff' });
        await open('窓口で確認', 'staff-desk', '[data-desk-step="identity"]');
        await page.getByRole('button', { name: '患者さんに画面を向ける（暗証番号）' }).click();
        await waitForScreen(page, 'pin');
        await settle(page);
        problems.push(...(await examine(page, 'patient', `staff-desk-turned-pin-${sizeName(size)}`)));
      } finally {
        await page.close();
      }
      expect(problems).toEqual([]);
    },
    120_000,
  );
});
