// Starts the browser host in-process on the built renderer and opens it in headless Chromium.
import { appendFileSync, existsSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startKiosk, type RunningKiosk } from '../../../electron/core/app';
import type { TimeSource } from '../../../electron/core/clock/clinic-clock';
import type { KioskConfigInput } from '../../../electron/core/config/config-schema';
import { parseConfig } from '../../../electron/core/config/load-config';
import { createWebHost, type WebHost } from '../../../electron/web-host/web-host';
import { chromiumPath } from '../../support/requirements';
import {
  buildEvidenceParts,
  createEvidence,
  e2eCardPin,
  e2eWrongPin,
  teeConsole,
  type KioskEvidence,
} from './evidence-kiosk';
import { findPinLeaks } from './pin-leak';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const artifactsDir = path.join(repoRoot, 'test/e2e/artifacts');
const rendererDir = path.join(repoRoot, 'dist/renderer');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

export interface KioskUnderTest {
  host: WebHost;
  kiosk: RunningKiosk;
  url: string;
  /** This run's SQLite log, APDU trace, server log and Chromium console, in a temp folder. */
  evidence: KioskEvidence;
  /** Stops the kiosk, then fails if a card PIN shows up in any evidence file (the folder stays for a look). */
  stop(): Promise<void>;
}

/**
 * The browser's time zone in e2e runs: the run's TZ, or Honolulu (UTC−10) when none is set, so the
 * browser's own calendar never quietly agrees with the clinic's (UTC+9).
 */
export const e2eTimeZone = process.env.TZ || 'Pacific/Honolulu';

export async function startKioskHost(
  config: KioskConfigInput = {},
  options: { timeSource?: TimeSource } = {},
): Promise<KioskUnderTest> {
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build:renderer` (npm test does it first)');
  }
  const host = createWebHost({ staticDir: rendererDir, port: 0 });
  const evidence = createEvidence();
  const parsed = parseConfig(config);
  const built = await buildEvidenceParts(parsed, evidence, options.timeSource);
  const restoreConsole = teeConsole(evidence.serverLog);
  const kiosk = await startKiosk(host, parsed, built.parts);
  const url = await host.listen();
  return {
    host,
    kiosk,
    url,
    evidence,
    async stop() {
      try {
        await kiosk.stop();
        await built.close();
      } finally {
        restoreConsole();
      }
      const leaks = findPinLeaks(evidence.dir, [e2eCardPin, e2eWrongPin]);
      if (leaks.length > 0) throw new Error(`card PIN found in ${evidence.dir}: ${leaks.join(', ')}`);
      rmSync(evidence.dir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Viewport of a typical reception kiosk screen (landscape 1280 × 1024). */
export const kioskViewport = { width: 1280, height: 1024 } as const;

/** Appends the page's console messages and uncaught errors to the kiosk's Chromium console file. */
export function captureConsole(page: Page, kiosk: KioskUnderTest): void {
  const capture = (line: string): void => appendFileSync(kiosk.evidence.chromiumConsole, `${line}\n`);
  page.on('console', (message) => capture(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => capture(`[pageerror] ${error.message}`));
}

/** Opens one of the kiosk's pages ('/', '/staff', '/simulator') with the host's token. */
export async function openPage(browser: Browser, kiosk: KioskUnderTest, pathname = '/'): Promise<Page> {
  const page = await browser.newPage({
    viewport: kioskViewport,
    reducedMotion: 'reduce',
    timezoneId: e2eTimeZone,
  });
  captureConsole(page, kiosk);
  const url = new URL(kiosk.url);
  url.pathname = pathname;
  await page.goto(url.toString());
  return page;
}

/** Waits until the page shows the named screen (`data-screen`), never a fixed sleep. */
export async function waitForScreen(page: Page, name: string, timeout = 10_000): Promise<void> {
  await page.locator(`[data-screen="${name}"]`).waitFor({ state: 'visible', timeout });
}
