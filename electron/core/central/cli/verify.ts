// `npm run central:verify -- --url ...`: checks every terminal's chain in the central record (console role suffices).
import { UsageError } from '../../log/cli/args';
import { CentralError } from '../central-error';
import { verifyCentral, type TerminalVerification } from '../central-verify';
import { connectFromArgs, connectUsage } from './connect-args';

const usage = `usage: npm run central:verify -- ${connectUsage}`;

/** One line per terminal, as printed. */
export function verificationLine(result: TerminalVerification): string {
  if (!result.ok)
    return `${result.terminalId}: chain BROKEN at ${result.table} id ${result.localId}: ${result.reason}`;
  const parts = [
    `${result.terminalId}: chain intact, ${result.rows} rows (head ${result.headId}), ${result.purges} purge records`,
    `${result.recomputed} hashes recomputed`,
  ];
  if (result.keyedLinksOnly > 0) {
    parts.push(
      `${result.keyedLinksOnly} keyed rows checked for continuity only (their MAC needs the terminal's key)`,
    );
  }
  if (result.purgedBeforeShipping > 0)
    parts.push(`${result.purgedBeforeShipping} rows purged before they were shipped`);
  return parts.join('; ');
}

async function main(argv: readonly string[]): Promise<number> {
  const client = await connectFromArgs(argv, usage);
  try {
    const results = await verifyCentral(client);
    if (results.length === 0) console.log('no terminals registered');
    for (const result of results) console.log(verificationLine(result));
    return results.every((r) => r.ok) ? 0 : 1;
  } finally {
    await client.end();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof UsageError || error instanceof CentralError ? error.message : error);
    process.exitCode = 2;
  },
);
