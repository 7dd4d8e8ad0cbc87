// `npm run log:verify -- <file>`: checks the file's integrity and hash chain; exit 0 intact, 1 broken, 2 error.
import { LogError } from '../confirmation-log';
import { defaultLogPath } from '../default-path';
import { verifyChain } from '../hash-chain';
import { openLogDatabase } from '../open-database';
import { parseArgs, UsageError } from './args';

function main(argv: readonly string[]): number {
  const { positionals } = parseArgs(argv, []);
  if (positionals.length > 1) throw new UsageError('usage: npm run log:verify -- [<file>]');
  const file = positionals[0] ?? defaultLogPath();
  const db = openLogDatabase(file, { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') {
      console.log(`${file}: SQLite integrity check failed: ${String(integrity)}`);
      return 1;
    }
    const result = verifyChain(db);
    if (!result.ok) {
      console.log(`${file}: chain BROKEN at ${result.table} id ${result.id}: ${result.reason}`);
      console.log(`(${result.rows} rows before it verified)`);
      return 1;
    }
    console.log(
      `${file}: chain intact, ${result.rows} rows (ids ${result.anchorId + 1}–${result.headId}), ` +
        `${result.purges} purge records, head ${result.headHash}`,
    );
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
