// `npm run log:backup -- <destination> [--db <file>]`: online backup of the live log, then checks the copy.
import { LogError } from '../confirmation-log';
import { defaultLogPath } from '../default-path';
import { verifyChain } from '../hash-chain';
import { openLogDatabase } from '../open-database';
import { backupDatabase } from '../sqlite-confirmation-log';
import { parseArgs, UsageError } from './args';

async function main(argv: readonly string[]): Promise<number> {
  const { positionals, options } = parseArgs(argv, ['db']);
  const destination = positionals[0];
  if (!destination || positionals.length > 1) {
    throw new UsageError('usage: npm run log:backup -- <destination file> [--db <log file>]');
  }
  const source = openLogDatabase(options.get('db') ?? defaultLogPath(), { readonly: true });
  try {
    await backupDatabase(source, destination);
  } finally {
    source.close();
  }
  const copy = openLogDatabase(destination, { readonly: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    const chain = verifyChain(copy);
    if (integrity !== 'ok' || !chain.ok) {
      console.log(`backup written to ${destination} but it does NOT verify: ${String(integrity)}`);
      return 1;
    }
    console.log(`backup written to ${destination}: ${chain.rows} rows, chain intact, head ${chain.headHash}`);
    return 0;
  } finally {
    copy.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof UsageError || error instanceof LogError ? error.message : error);
    process.exitCode = 2;
  },
);
