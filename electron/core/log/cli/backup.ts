// `npm run log:backup -- <destination> [--db <file>] [--key <key file>]`: online backup of the live log, then checks the copy.
import { readKeyFile } from '../chain-key';
import { LogError } from '../confirmation-log';
import { defaultLogPath } from '../default-path';
import { verifyChain } from '../chain-verify';
import { openLogDatabase } from '../open-database';
import { backupDatabase } from '../sqlite-confirmation-log';
import { parseArgs, UsageError } from './args';

async function main(argv: readonly string[]): Promise<number> {
  const { positionals, options } = parseArgs(argv, ['db', 'key']);
  const destination = positionals[0];
  if (!destination || positionals.length > 1) {
    throw new UsageError(
      'usage: npm run log:backup -- <destination file> [--db <log file>] [--key <key file>]',
    );
  }
  const keyFile = options.get('key');
  const key = keyFile ? readKeyFile(keyFile) : undefined;
  const source = openLogDatabase(options.get('db') ?? defaultLogPath(), { readonly: true });
  try {
    await backupDatabase(source, destination);
  } finally {
    source.close();
  }
  const copy = openLogDatabase(destination, { readonly: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    const chain = verifyChain(copy, key ? { key } : {});
    if (integrity === 'ok' && !chain.ok && chain.problem === 'key-needed') {
      // The copy's keyed rows can be checked only with the key; the SQLite check passed.
      console.log(
        `backup written to ${destination}: SQLite integrity ok; keyed chain not checked (no --key)`,
      );
      return 0;
    }
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
