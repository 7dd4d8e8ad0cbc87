// Security gate: runs Electronegativity over the app sources and fails on any medium-or-higher finding not in the reviewed exceptions.
//
// Usage: node scripts/electronegativity-gate.mjs [--exceptions <file>] [<input dir or file>...]
// Defaults: inputs electron/, renderer/ and package.json; exceptions scripts/electronegativity-exceptions.json.
// Exit 0: clean. Exit 1: a blocking finding, an exception that no longer matches anything, a source file
// Electronegativity could not parse, or an invalid exceptions file.
//
// Electronegativity is called through its programmatic API rather than its CLI: the CLI writes the CSV header
// and the rows with two unsynchronised asynchronous writes, so the header can overwrite the first row. The API
// hands back the findings themselves, and the parse errors, which the CLI only prints.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Electronegativity's severity names, lowest first. */
export const severities = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
/** Findings at or above this severity block unless an exception covers them. */
export const blockingSeverity = 'MEDIUM';
/**
 * Checks that block at any severity. NODE_INTEGRATION_JS_CHECK reports an explicit `nodeIntegration: true`
 * (or a value it cannot read) as INFORMATIONAL, and a safe `false` not at all.
 */
export const alwaysBlockingChecks = ['NODE_INTEGRATION_JS_CHECK'];
/** A reason must say something a reviewer can check, not just "ok". */
export const minimumReasonLength = 40;

/**
 * Validates the exceptions file's parsed JSON.
 * @param {unknown} data
 * @returns {{ check: string, file: string, reason: string, proof?: string }[]}
 */
export function parseExceptions(data) {
  if (typeof data !== 'object' || data === null || !Array.isArray(data.exceptions)) {
    throw new Error('exceptions file: expected an object with an "exceptions" array');
  }
  return data.exceptions.map((entry, index) => {
    const where = `exceptions[${index}]`;
    if (typeof entry !== 'object' || entry === null) throw new Error(`${where}: expected an object`);
    const allowed = new Set(['check', 'file', 'reason', 'proof']);
    for (const key of Object.keys(entry)) {
      if (!allowed.has(key)) throw new Error(`${where}: unknown key "${key}"`);
    }
    for (const key of ['check', 'file', 'reason']) {
      if (typeof entry[key] !== 'string' || entry[key].trim() === '') {
        throw new Error(`${where}: "${key}" must be a non-empty string`);
      }
    }
    if (!/^[A-Z0-9_]+$/.test(entry.check))
      throw new Error(`${where}: "check" must be a check id such as PRELOAD_JS_CHECK`);
    if (entry.reason.trim().length < minimumReasonLength) {
      throw new Error(
        `${where}: "reason" must explain the exception (at least ${minimumReasonLength} characters)`,
      );
    }
    if (entry.proof !== undefined && (typeof entry.proof !== 'string' || entry.proof.trim() === '')) {
      throw new Error(`${where}: "proof" must be a non-empty string when given`);
    }
    return { check: entry.check, file: entry.file, reason: entry.reason.trim(), proof: entry.proof };
  });
}

/**
 * Turns one Electronegativity issue into a plain finding with a repository-relative path.
 * @param {{ id: string, severity: { name: string }, confidence: { name: string }, file: string,
 *   location?: { line?: number, column?: number }, description?: string, manualReview?: boolean }} issue
 * @param {string} stageDir the folder Electronegativity scanned
 */
export function toFinding(issue, stageDir) {
  const file = issue.file === 'N/A' ? 'N/A' : path.relative(stageDir, issue.file).split(path.sep).join('/');
  return {
    check: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    file,
    line: issue.location?.line ?? 0,
    column: issue.location?.column ?? 0,
    description: typeof issue.description === 'string' ? issue.description : '',
    manualReview: issue.manualReview === true,
  };
}

/**
 * Sorts findings into blocking, excepted and informational, and finds exceptions that matched nothing.
 * An exception covers a check in one file (not a line: lines move when the file is edited).
 * @param {ReturnType<typeof toFinding>[]} findings
 * @param {ReturnType<typeof parseExceptions>} exceptions
 */
export function evaluate(findings, exceptions) {
  const threshold = severities.indexOf(blockingSeverity);
  const used = new Set();
  const rows = findings.map((finding) => {
    const rank = severities.indexOf(finding.severity);
    // An unknown severity name is treated as blocking: a new Electronegativity must not slip through.
    const escalated = alwaysBlockingChecks.includes(finding.check);
    if (rank !== -1 && rank < threshold && !escalated) return { finding, status: 'info' };
    const index = exceptions.findIndex((e) => e.check === finding.check && e.file === finding.file);
    if (index === -1) return { finding, status: 'blocked' };
    used.add(index);
    return { finding, status: 'excepted', reason: exceptions[index]?.reason };
  });
  return {
    rows,
    blocked: rows.filter((r) => r.status === 'blocked'),
    unusedExceptions: exceptions.filter((_e, index) => !used.has(index)),
  };
}

/** A short fixed-width table of the findings, for the CI log. */
export function formatTable(rows) {
  const lines = rows.map((r) => [
    r.status === 'blocked' ? 'FAIL' : r.status === 'excepted' ? 'excepted' : 'info',
    r.finding.severity,
    r.finding.check,
    `${r.finding.file}${r.finding.line ? `:${r.finding.line}` : ''}`,
  ]);
  const header = ['status', 'severity', 'check', 'where'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...lines.map(format)].join('\n');
}

/**
 * Runs Electronegativity once over a staged copy of the inputs, so that its app-wide checks (CSP, navigation
 * limits, permission handler) see the main process, preload and renderer together, and nothing else.
 * @param {string[]} inputs paths relative to the repository root
 */
export async function scan(inputs) {
  const run = require('@doyensec/electronegativity');
  const electronVersion = require('electron/package.json').version;
  const stageDir = await mkdtemp(path.join(tmpdir(), 'electronegativity-'));
  const log = console.log;
  const network = [];
  try {
    for (const input of inputs) {
      await cp(path.resolve(root, input), path.join(stageDir, input), { recursive: true });
    }
    // Offline: the translation download fails fast and the bundled en-US texts are used.
    process.env.LANG = 'en-US';
    console.log = (...args) => network.push(args.join(' '));
    const result = await run(
      {
        input: stageDir,
        electronVersionOverride: electronVersion,
        // It needs the network to list Electron releases; Electron upgrades are tracked with npm instead.
        excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      },
      false,
    );
    return {
      electronVersion,
      checks: result.globalChecks + result.atomicChecks,
      findings: result.issues.map((issue) => toFinding(issue, stageDir)),
      parseErrors: result.errors
        .filter((e) => !e.tolerable)
        .map((e) => ({ file: path.relative(stageDir, e.file), message: e.message })),
      notes: network,
    };
  } finally {
    console.log = log;
    await rm(stageDir, { recursive: true, force: true });
  }
}

async function main(argv) {
  let exceptionsPath = path.join(root, 'scripts', 'electronegativity-exceptions.json');
  const inputs = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--exceptions') exceptionsPath = path.resolve(argv[++i] ?? '');
    else inputs.push(argv[i]);
  }
  if (inputs.length === 0) inputs.push('electron', 'renderer', 'package.json');

  const exceptions = parseExceptions(JSON.parse(await readFile(exceptionsPath, 'utf8')));
  const report = await scan(inputs);
  const { rows, blocked, unusedExceptions } = evaluate(report.findings, exceptions);

  process.stdout.write(
    `Electronegativity: ${report.checks} checks over ${inputs.join(', ')} (Electron ${report.electronVersion})\n`,
  );
  if (rows.length > 0) process.stdout.write(`${formatTable(rows)}\n`);
  for (const row of rows.filter((r) => r.status === 'excepted')) {
    process.stdout.write(`  excepted ${row.finding.check} in ${row.finding.file}: ${row.reason}\n`);
  }
  let failed = false;
  for (const row of blocked) {
    failed = true;
    console.error(
      `FAIL ${row.finding.severity} ${row.finding.check} at ${row.finding.file}:${row.finding.line}: ${row.finding.description}`,
    );
  }
  for (const e of unusedExceptions) {
    failed = true;
    console.error(`FAIL stale exception: ${e.check} in ${e.file} no longer matches a finding; remove it`);
  }
  for (const e of report.parseErrors) {
    failed = true;
    console.error(`FAIL could not parse ${e.file}: ${e.message}`);
  }
  process.stdout.write(
    failed
      ? `Electronegativity gate: FAILED (${blocked.length} blocking finding(s))\n`
      : `Electronegativity gate: ok (${rows.length} finding(s), none blocking)\n`,
  );
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(
        `Electronegativity gate: could not run: ${error instanceof Error ? error.message : error}`,
      );
      process.exit(1);
    },
  );
}
