// Child process of the crash test: writes confirmations forever, printing each id once record() has returned.
import { existsSync } from 'node:fs';
import { createConfirmationLog } from '../../../../../electron/core/log/sqlite-confirmation-log';
import { sampleRecord } from '../../../../unit/electron/core/log/log-fixtures';

const file = process.argv[2];
if (!file) throw new Error('usage: crash-writer <log file>');
// The test creates the log before the first kill. Never create it here: a writer that outlived its test (whose
// folder is gone) would otherwise start a fresh log, and its ids would look like committed rows were lost.
if (!existsSync(file)) throw new Error(`${file} does not exist`);
const log = createConfirmationLog({ path: file, busyTimeoutMs: 10_000 });
const parent = process.ppid;
process.stdout.write('ready\n');
for (let i = 0; ; i += 1) {
  // The loop never yields, so a closed pipe would go unnoticed: stop once the test process is gone.
  if (process.ppid !== parent) process.exit(3);
  const stored = log.record(sampleRecord({ name: `患者 ${i}`, receptionNumber: (i % 999) + 1 }));
  // A pipe write is synchronous on Linux: once this returns, the parent will see the id even if we die now.
  process.stdout.write(`${stored.id}\n`);
}
