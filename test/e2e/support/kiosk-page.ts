// Starts the browser host in-process on the built renderer and opens it in headless Chromium.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startKiosk, type RunningKiosk } from '../../../electron/core/app';
import type { KioskConfigInput } from '../../../electron/core/config/config-schema';
import { parseConfig } from '../../../electron/core/config/load-config';
import { createWebHost, type WebHost } from '../../../electron/web-host/web-host';
import { chromiumPath } from '../../support/requirements';

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
  stop(): Promise<void>;
}

export async function startKioskHost(config: KioskConfigInput = {}): Promise<KioskUnderTest> {
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error('dist/renderer is missing: run `npm run build:renderer` (npm test does it first)');
  }
  const host = createWebHost({ staticDir: rendererDir, port: 0 });
  const kiosk = startKiosk(host, parseConfig(config));
  const url = await host.listen();
  return { host, kiosk, url, stop: () => kiosk.stop() };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Viewport of a typical reception kiosk screen (landscape 1280 × 1024). */
export const kioskViewport = { width: 1280, height: 1024 } as const;

/** Opens one of the kiosk's pages ('/', '/staff', '/simulator') with the host's token. */
export async function openPage(browser: Browser, kiosk: KioskUnderTest, pathname = '/'): Promise<Page> {
  const page = await browser.newPage({ viewport: kioskViewport, reducedMotion: 'reduce' });
  const url = new URL(kiosk.url);
  url.pathname = pathname;
  await page.goto(url.toString());
  return page;
}

/** Waits until the page shows the named screen (`data-screen`), never a fixed sleep. */
export async function waitForScreen(page: Page, name: string, timeout = 10_000): Promise<void> {
  await page.locator(`[data-screen="${name}"]`).waitFor({ state: 'visible', timeout });
}
