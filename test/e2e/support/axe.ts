// Runs axe-core in the page and fails on any serious or critical accessibility violation.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: string | undefined;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** The serious and critical violations on the page, as readable lines (empty when there are none). */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Page-side code is passed as source text: this file is compiled for Node, without the DOM library.
  const loaded = await page.evaluate<boolean>("typeof window.axe === 'object'");
  // The kiosk's Content-Security-Policy (script-src 'self') refuses an injected <script> tag, and should:
  // evaluating the source through the DevTools protocol loads axe without weakening the page's policy.
  if (!loaded) await page.evaluate((axeSource ??= readFileSync(axePath, 'utf8')));
  const violations = await page.evaluate<unknown[]>(
    "window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)",
  );
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} at ${v.nodes
          .slice(0, 3)
          .map((n) => JSON.stringify(n.target))
          .join(', ')}`,
    );
}
