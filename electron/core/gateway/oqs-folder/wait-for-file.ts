// Waits for a result file to appear in a folder and be complete: fs.watch for speed, polling as the fallback.
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export type FileCheck<T> = { done: true; value: T } | { done: false; error: unknown };

export interface WaitForFileOptions<T> {
  dir: string;
  name: string;
  deadline: number;
  pollMs: number;
  /** A file that fails `accept` and has not changed for this long is given up on. */
  settleMs: number;
  now: () => number;
  signal?: AbortSignal;
  /** Decide whether the bytes are a complete answer (e.g. parse them). */
  accept: (bytes: Buffer) => FileCheck<T>;
}

export type WaitOutcome<T> =
  | { kind: 'accepted'; value: T }
  | { kind: 'timeout' }
  /** The file stayed unacceptable (malformed, or never completed): the last check's error. */
  | { kind: 'rejected'; error: unknown; settled: boolean }
  | { kind: 'aborted' };

/** Never throws; always ends by the deadline. Reads the file only — never moves, changes or deletes it. */
export async function waitForFile<T>(options: WaitForFileOptions<T>): Promise<WaitOutcome<T>> {
  const { dir, name, signal } = options;
  // A change seen while we were reading is remembered, so the next wait returns at once.
  let changed = false;
  let resolveWait: (() => void) | undefined;
  const wake = () => {
    changed = true;
    resolveWait?.();
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { persistent: false }, (_event, filename) => {
      if (!filename || filename.toString() === name) wake();
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    watcher = undefined; // Some network shares cannot be watched: polling alone still works.
  }
  const onAbort = () => wake();
  signal?.addEventListener('abort', onAbort);
  let lastBytes: Buffer | undefined;
  let lastChange = 0;
  let lastError: unknown;
  try {
    for (;;) {
      if (signal?.aborted) return { kind: 'aborted' };
      let bytes: Buffer | undefined;
      try {
        bytes = await readFile(path.join(dir, name));
      } catch {
        bytes = undefined; // Not there yet (or briefly locked by the writer).
      }
      const now = options.now();
      if (bytes) {
        const check = options.accept(bytes);
        if (check.done) return { kind: 'accepted', value: check.value };
        lastError = check.error;
        if (!lastBytes || !lastBytes.equals(bytes)) {
          lastBytes = bytes;
          lastChange = now;
        } else if (now - lastChange >= options.settleMs) {
          return { kind: 'rejected', error: lastError, settled: true };
        }
      }
      const remaining = options.deadline - now;
      if (remaining <= 0)
        return lastBytes ? { kind: 'rejected', error: lastError, settled: false } : { kind: 'timeout' };
      if (!changed) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, Math.min(options.pollMs, remaining));
          function done() {
            clearTimeout(timer);
            resolveWait = undefined;
            resolve();
          }
          resolveWait = done;
        });
      }
      changed = false;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    watcher?.close();
  }
}
