// A replicator on its own, as a separate process the crash test can SIGKILL: `<log file> <central settings JSON>`.
import { CentralConfigSchema } from '../../../electron/core/central/central-config';
import { openLocalLogSource } from '../../../electron/core/central/local-source';
import { fileReplicationState, replicationStatePath } from '../../../electron/core/central/replication-state';
import { createReplicator } from '../../../electron/core/central/replicator';
import { connectCentral } from '../../../electron/core/central/start-central';

const [logPath, settings] = process.argv.slice(2);
if (!logPath || !settings) {
  console.error('usage: replicator-process.ts <log file> <central settings JSON>');
  process.exit(2);
}
const central = CentralConfigSchema.parse(JSON.parse(settings));
const state = fileReplicationState(replicationStatePath(logPath));
const replicator = createReplicator({
  source: openLocalLogSource(logPath),
  state: {
    read: () => state.read(),
    write(marks) {
      state.write(marks);
      // One line per committed batch: the parent kills this process between two of them, or inside one.
      console.log(`shipped ${marks.shippedId}`);
    },
  },
  connect: (signal) => connectCentral(central, { connectTimeoutMs: 2_000 }, signal),
  nowMs: () => Date.now(),
  batchSize: central.batchSize,
  pollMs: 50,
  backoff: { initialMs: 50, maxMs: 400 },
});
const controller = new AbortController();
// Orphaned (the test process gone): stop rather than upload forever.
process.on('disconnect', () => controller.abort());
setInterval(() => {
  if (process.ppid === 1) controller.abort();
}, 500).unref();
void replicator.run(controller.signal);
