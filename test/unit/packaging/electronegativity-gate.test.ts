// The Electronegativity gate: blocks medium-or-higher findings unless a reviewed exception with a reason covers them.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  formatTable,
  parseExceptions,
  scan,
  toFinding,
  type Finding,
} from '../../../scripts/electronegativity-gate.mjs';

const root = path.resolve(import.meta.dirname, '../../..');

const finding = (overrides: Partial<Finding>): Finding => ({
  check: 'SANDBOX_JS_CHECK',
  severity: 'MEDIUM',
  confidence: 'FIRM',
  file: 'electron/main/security.ts',
  line: 10,
  column: 2,
  description: 'Use sandbox for untrusted origins',
  manualReview: false,
  ...overrides,
});

const reason = 'Reviewed: the value is a literal true at the only constructor call in the app.';

describe('exceptions file', () => {
  it('the repository list is valid, short, and every entry names its proof', async () => {
    const data: unknown = JSON.parse(
      await readFile(path.join(root, 'scripts/electronegativity-exceptions.json'), 'utf8'),
    );
    const exceptions = parseExceptions(data);
    expect(exceptions.length).toBeLessThanOrEqual(5);
    for (const e of exceptions) expect(e.proof, `${e.check} names no proof`).toMatch(/test\//);
  });

  it('refuses entries without a real reason, unknown keys, or a malformed check id', () => {
    expect(() => parseExceptions({})).toThrow('"exceptions" array');
    expect(() => parseExceptions({ exceptions: [{ check: 'X_CHECK', file: 'a.ts' }] })).toThrow('"reason"');
    expect(() => parseExceptions({ exceptions: [{ check: 'X_CHECK', file: 'a.ts', reason: 'ok' }] })).toThrow(
      'explain',
    );
    expect(() =>
      parseExceptions({ exceptions: [{ check: 'X_CHECK', file: 'a.ts', reason, line: 3 }] }),
    ).toThrow('unknown key "line"');
    expect(() => parseExceptions({ exceptions: [{ check: 'sandbox', file: 'a.ts', reason }] })).toThrow(
      'check id',
    );
  });
});

describe('gate decision', () => {
  it('blocks MEDIUM, HIGH and unknown severities, and lets LOW and INFORMATIONAL through', () => {
    const findings = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'SEVERE'].map((severity) =>
      finding({ severity }),
    );
    const { rows, blocked } = evaluate(findings, []);
    expect(rows.map((r) => r.status)).toEqual(['info', 'info', 'blocked', 'blocked', 'blocked']);
    expect(blocked).toHaveLength(3);
  });

  it('blocks nodeIntegration set to anything but false, which Electronegativity rates INFORMATIONAL', () => {
    const { rows } = evaluate(
      [finding({ check: 'NODE_INTEGRATION_JS_CHECK', severity: 'INFORMATIONAL' })],
      [],
    );
    expect(rows.map((r) => r.status)).toEqual(['blocked']);
  });

  it('an exception covers its check in its file only, and one that matches nothing is reported', () => {
    const exceptions = parseExceptions({
      exceptions: [
        { check: 'SANDBOX_JS_CHECK', file: 'electron/main/security.ts', reason },
        { check: 'PRELOAD_JS_CHECK', file: 'electron/main/gone.ts', reason },
      ],
    });
    const { rows, blocked, unusedExceptions } = evaluate(
      [finding({}), finding({ file: 'electron/main/other.ts' }), finding({ check: 'AUXCLICK_JS_CHECK' })],
      exceptions,
    );
    expect(rows.map((r) => r.status)).toEqual(['excepted', 'blocked', 'blocked']);
    expect(rows[0]?.reason).toBe(reason);
    expect(blocked).toHaveLength(2);
    expect(unusedExceptions.map((e) => e.file)).toEqual(['electron/main/gone.ts']);
  });

  it('prints one table row per finding', () => {
    const { rows } = evaluate(
      [finding({}), finding({ severity: 'LOW', check: 'CSP_GLOBAL_CHECK', line: 0 })],
      [],
    );
    const lines = formatTable(rows).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^FAIL\s+MEDIUM\s+SANDBOX_JS_CHECK\s+electron\/main\/security\.ts:10$/);
    expect(lines[3]).toMatch(/^info\s+LOW\s+CSP_GLOBAL_CHECK\s+electron\/main\/security\.ts$/);
  });

  it('maps Electronegativity issues to repository-relative findings', () => {
    const stage = path.join(tmpdir(), 'stage');
    expect(
      toFinding(
        {
          id: 'SANDBOX_JS_CHECK',
          severity: { name: 'MEDIUM' },
          confidence: { name: 'FIRM' },
          file: path.join(stage, 'electron', 'main', 'x.ts'),
          location: { line: 3, column: 4 },
          description: 'd',
          manualReview: true,
        },
        stage,
      ),
    ).toEqual({
      ...finding({}),
      file: 'electron/main/x.ts',
      line: 3,
      column: 4,
      description: 'd',
      manualReview: true,
    });
  });
});

describe('Electronegativity scan', () => {
  it('finds an unsafe window in real source, offline', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-eneg-'));
    await writeFile(
      path.join(dir, 'unsafe-window.ts'),
      [
        "import { BrowserWindow } from 'electron';",
        'export const win = new BrowserWindow({',
        '  webPreferences: { nodeIntegration: true, contextIsolation: false },',
        '});',
      ].join('\n'),
    );
    const report = await scan([dir]);
    expect(report.parseErrors).toEqual([]);
    const { blocked } = evaluate(report.findings, []);
    const checks = new Set(blocked.map((r) => r.finding.check));
    const expected = [
      'NODE_INTEGRATION_JS_CHECK',
      'CONTEXT_ISOLATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'AUXCLICK_JS_CHECK',
    ];
    for (const check of expected) {
      expect(checks, check).toContain(check);
    }
    // The app-wide checks see no CSP, navigation limit or permission handler in this source either.
    expect(checks).toContain('LIMIT_NAVIGATION_GLOBAL_CHECK');
    expect(
      blocked.every((r) => r.finding.file.endsWith('unsafe-window.ts') || r.finding.file === 'N/A'),
    ).toBe(true);
  }, 60_000);
});
