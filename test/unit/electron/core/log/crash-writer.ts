// Child process of the crash test: writes confirmations forever, printing each id once record() has returned.
import { createConfirmationLog } from '../../../../../electron/core/log/sqlite-confirmation-log';
import { sampleRecord } from './log-fixtures';

const file = process.argv[2];
if (!file) throw new Error('usage: crash-writer.ts <log file>');
const log = createConfirmationLog({ path: file, terminal: '受付1', busyTimeoutMs: 10_000 });
process.stdout.write('ready\n');
for (let i = 0; ; i += 1) {
  const stored = log.record(sampleRecord({ name: `患者 ${i}`, receptionNumber: (i % 999) + 1 }));
  // A pipe write is synchronous on Linux: once this returns, the parent will see the id even if we die now.
  process.stdout.write(`${stored.id}\n`);
}
