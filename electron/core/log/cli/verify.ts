// `npm run log:verify -- <file> [--key <key file>] [--retention-days N] [--utc-offset +09:00]`: integrity, chain, key, purges.
import { DEFAULT_CLINIC_UTC_OFFSET, parseUtcOffset } from '../../clock/clinic-clock';
import { readKeyFile } from '../chain-key';
import { LogError } from '../confirmation-log';
import { defaultLogPath } from '../default-path';
import { verifyChain, type ChainVerification } from '../chain-verify';
import { DEFAULT_RETENTION_DAYS } from '../maintenance';
import { openLogDatabase } from '../open-database';
import { parseArgs, UsageError } from './args';

const usage =
  'usage: npm run log:verify -- [<file>] [--key <key file>] [--retention-days N] [--utc-offset +09:00]';

/** The summary line of an intact log: rows, purges, where keyed chaining starts, and the head to note down. */
function intactSummary(file: string, result: Extract<ChainVerification, { ok: true }>): string[] {
  const lines = [
    `${file}: chain intact, ${result.rows} rows (ids ${result.anchorId + 1}–${result.headId}), ` +
      `${result.purges} purge records, head ${result.headHash}`,
  ];
  if (result.keyedFromId === undefined) {
    lines.push('not keyed: this log has never been opened with a key, so a full rewrite would also verify');
  } else {
    lines.push(`keyed (HMAC-SHA-256) from row ${result.keyedFromId}; key verified`);
    if (result.unkeyedRows > 0) {
      lines.push(
        `${result.unkeyedRows} rows before row ${result.keyedFromId} were chained before the key was installed ` +
          '(unkeyed prefix, anchored by the key start)',
      );
    }
  }
  return lines;
}

function main(argv: readonly string[]): number {
  const { positionals, options } = parseArgs(argv, ['key', 'retention-days', 'utc-offset']);
  if (positionals.length > 1) throw new UsageError(usage);
  const file = positionals[0] ?? defaultLogPath();
  const retentionText = options.get('retention-days') ?? String(DEFAULT_RETENTION_DAYS);
  const retentionDays = Number(retentionText);
  if (!/^\d+$/.test(retentionText) || retentionDays < 1) {
    throw new UsageError(`--retention-days must be a positive whole number\n${usage}`);
  }
  const utcOffsetMinutes = parseUtcOffset(options.get('utc-offset') ?? DEFAULT_CLINIC_UTC_OFFSET);
  if (utcOffsetMinutes === undefined) throw new UsageError(`--utc-offset must look like +09:00\n${usage}`);
  const keyFile = options.get('key');
  const key = keyFile ? readKeyFile(keyFile) : undefined;
  const db = openLogDatabase(file, { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') {
      console.log(`${file}: SQLite integrity check failed: ${String(integrity)}`);
      return 1;
    }
    const result = verifyChain(db, { ...(key ? { key } : {}), retentionDays, utcOffsetMinutes });
    if (!result.ok) {
      if (result.problem === 'key-needed') {
        console.error(`${file}: this log is keyed; run again with --key <key file>`);
        return 2;
      }
      const what =
        result.problem === 'wrong-key'
          ? 'WRONG KEY'
          : result.problem === 'retention'
            ? 'PURGED TOO EARLY'
            : 'chain BROKEN';
      console.log(`${file}: ${what} at ${result.table} id ${result.id}: ${result.reason}`);
      if (result.problem === 'broken') console.log(`(${result.rows} rows before it verified)`);
      return 1;
    }
    for (const line of intactSummary(file, result)) console.log(line);
    return 0;
  } finally {
    db.close();
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof UsageError || error instanceof LogError ? error.message : error);
  process.exitCode = 2;
}
