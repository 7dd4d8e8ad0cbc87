// `npm run central:migrate -- --url ...`: creates or updates the central schema (run as its owner, not a terminal).
import { UsageError } from '../../log/cli/args';
import { CentralError } from '../central-error';
import { migrateCentral } from '../migrate';
import { connectFromArgs, connectUsage } from './connect-args';

const usage = `usage: npm run central:migrate -- ${connectUsage}`;

async function main(argv: readonly string[]): Promise<number> {
  const client = await connectFromArgs(argv, usage);
  try {
    const result = await migrateCentral(client);
    if (result.applied.length === 0) console.log(`central schema up to date (version ${result.to})`);
    else console.log(`central schema ${result.from} → ${result.to}: applied ${result.applied.join(', ')}`);
    return 0;
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
