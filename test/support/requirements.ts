// Decides whether a test layer that needs a system tool may run: skip loudly on a developer machine, never under CI.
import { existsSync } from 'node:fs';

export const isCI = process.env.CI === 'true';

/**
 * Returns true when the tool is present. When it is missing: under CI=true this throws (a skip would hide
 * a broken CI); elsewhere it prints a loud warning and returns false so the suite can skip.
 */
export function requireTool(name: string, present: boolean, howToInstall: string): boolean {
  if (present) return true;
  const message = `${name} is not available: ${howToInstall}`;
  if (isCI) throw new Error(`CI=true and ${message}`);
  console.warn(
    `\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n!! SKIPPING: ${message}\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n`,
  );
  return false;
}

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function hasChromium(): boolean {
  return requireTool('Chromium', existsSync(chromiumPath), 'apt-get install chromium (or set CHROMIUM_PATH)');
}
