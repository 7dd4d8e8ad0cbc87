// `npm run log:export -- --from yyyy-MM-dd --to yyyy-MM-dd [--encoding utf8|sjis] [--utc-offset +09:00] [--db <file>] [--out <file>]`.
import { writeFileSync } from 'node:fs';
import { LogError } from '../confirmation-log';
import { exportCsv, type CsvEncoding } from '../csv-export';
import { defaultLogPath } from '../default-path';
import { DEFAULT_CLINIC_UTC_OFFSET, parseUtcOffset } from '../../clock/clinic-clock';
import { openLogDatabase } from '../open-database';
import { parseArgs, UsageError } from './args';

const usage =
  'usage: npm run log:export -- --from yyyy-MM-dd --to yyyy-MM-dd [--encoding utf8|sjis] [--utc-offset +09:00] [--db <file>] [--out <file>]';

function main(argv: readonly string[]): void {
  const { positionals, options } = parseArgs(argv, ['from', 'to', 'encoding', 'utc-offset', 'db', 'out']);
  const from = options.get('from');
  const to = options.get('to');
  const encoding = options.get('encoding') ?? 'utf8';
  if (positionals.length || !from || !to) throw new UsageError(usage);
  if (encoding !== 'utf8' && encoding !== 'sjis')
    throw new UsageError(`--encoding must be utf8 or sjis\n${usage}`);
  // The clinic's offset (the kiosk's clinic.utcOffset): days and times as the clinic counts them.
  const offset = parseUtcOffset(options.get('utc-offset') ?? DEFAULT_CLINIC_UTC_OFFSET);
  if (offset === undefined) throw new UsageError(`--utc-offset must look like +09:00\n${usage}`);
  const db = openLogDatabase(options.get('db') ?? defaultLogPath(), { readonly: true });
  let csv: Buffer;
  try {
    csv = exportCsv(db, { from, to, encoding: encoding as CsvEncoding }, offset);
  } finally {
    db.close();
  }
  const out = options.get('out');
  if (out) {
    writeFileSync(out, csv, { mode: 0o600, flag: 'wx' });
    console.error(`wrote ${csv.length} bytes to ${out}`);
  } else {
    process.stdout.write(csv);
  }
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof UsageError || error instanceof LogError ? error.message : error);
  process.exitCode = 2;
}
