// The replicator's high-water marks, in a small owner-only file beside the log (never inside the log itself).
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const ReplicationMarks = z
  .object({
    /** The last confirmation row id the server has committed. */
    shippedId: z.number().int().min(0),
    /** The last purge record id the server has committed. */
    shippedPurgeId: z.number().int().min(0),
  })
  .strict();
export type ReplicationMarks = z.infer<typeof ReplicationMarks>;

export interface ReplicationStateStore {
  read(): ReplicationMarks;
  /** Durable before it returns: written to a temporary file, flushed, then renamed over the old one. */
  write(marks: ReplicationMarks): void;
}

/** `<log file>.central.json`: travels with the log's folder, so a restored log restarts its marks with it. */
export function replicationStatePath(logPath: string): string {
  return `${logPath}.central.json`;
}

/**
 * A mark that is lost or behind only costs a resend: the server skips rows it already holds after checking
 * they are identical. A mark ahead of the server is never written, because it is saved after the commit.
 */
export function fileReplicationState(file: string): ReplicationStateStore {
  return {
    read() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { shippedId: 0, shippedPurgeId: 0 };
        throw error;
      }
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        data = undefined;
      }
      const parsed = ReplicationMarks.safeParse(data);
      // An unreadable mark is treated as none: everything is offered again and deduplicated centrally.
      return parsed.success ? parsed.data : { shippedId: 0, shippedPurgeId: 0 };
    },
    write(marks) {
      const temporary = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
      const fd = openSync(temporary, 'w', 0o600);
      try {
        writeSync(fd, `${JSON.stringify(ReplicationMarks.parse(marks))}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, file);
    },
  };
}
