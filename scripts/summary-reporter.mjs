// Vitest reporter that ends the run with one plain line per project and "N passed, N failed, N skipped".
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** An error's message and the first frames of its stack, on one line. */
function firstLines(error) {
  const text = error?.stack ?? error?.message ?? String(error);
  return text
    .split('\n')
    .slice(0, 4)
    .map((line) => line.trim())
    .join(' | ');
}

export default class SummaryReporter {
  onTestRunEnd(testModules, unhandledErrors = []) {
    const totals = { passed: 0, failed: 0, skipped: 0 };
    const perProject = new Map();
    for (const module of testModules) {
      const project = module.project.name || 'default';
      const counts = perProject.get(project) ?? { passed: 0, failed: 0, skipped: 0 };
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        const key = state === 'passed' ? 'passed' : state === 'failed' ? 'failed' : 'skipped';
        counts[key] += 1;
        totals[key] += 1;
      }
      perProject.set(project, counts);
    }
    // Errors outside any test (an unhandled rejection, a file that failed to load, a hook) fail the run
    // with every test green; they are named here so the end of a long log says what failed.
    const outside = [
      ...unhandledErrors.map((error) => `unhandled: ${firstLines(error)}`),
      ...testModules.flatMap((module) =>
        module.errors().map((error) => `${module.moduleId}: ${firstLines(error)}`),
      ),
    ];
    for (const line of outside) console.log(`error outside a test — ${line}`);
    for (const [project, c] of perProject) {
      console.log(`${project}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
    }
    console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
    // scripts/test-all.mjs runs each layer as its own vitest run and adds the counts up from these files.
    const file = process.env.KIOSK_TEST_SUMMARY;
    if (file) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify({ totals, projects: Object.fromEntries(perProject), outside }));
    }
  }
}
