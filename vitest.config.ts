// Test layers (DESIGN.md): unit in Node; integration against real pcscd + vpcd; system runs processes; e2e in Chromium.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Vitest keeps one core for itself by default: one worker on a two-core machine. Its main process is mostly
    // idle during a run, so every core gets a worker.
    maxWorkers: '100%',
    projects: [
      {
        // Renderer tests render React components to HTML under Node.
        esbuild: { jsx: 'automatic' },
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/setup/pcscd-global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Tests that start processes or a browser of their own (CLIs, crash kills, a fresh install): kept out
        // of the unit layer so that stays fast; one file at a time so they do not starve each other.
        test: {
          name: 'system',
          include: ['test/system/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
