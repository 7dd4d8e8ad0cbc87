// Where a soak run keeps its log, and how it makes that disk stop taking writes for a while.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, openSync, closeSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * `disk-full`: the log lives on a small tmpfs of its own that the run fills up (SQLITE_FULL, a real
 * refusal by the file system). Linux will not remount a file system read-only while the log holds its
 * files open for writing, so a full disk is the refusal a run can bring about and lift again. It needs
 * root and mount(8); without them the run falls back to `injected`, the log wrapper of the simulator
 * panel's "log down" fault, and says so in its summary.
 */
export type LogDiskMethod = 'disk-full' | 'injected' | 'none';

export interface LogDisk {
  readonly method: LogDiskMethod;
  readonly logPath: string;
  /** Fill the disk (disk-full); the caller handles `injected` through the log wrapper. */
  fill(): void;
  free(): void;
  /** Copies the log (and its WAL) to `evidenceDir`, then unmounts. */
  release(evidenceDir: string): void;
}

const CHUNK = Buffer.alloc(1024 * 1024);

export function prepareLogDisk(dir: string, wantFaults: boolean, sizeMb: number): LogDisk {
  mkdirSync(dir, { recursive: true });
  const mounted = wantFaults && tryMount(dir, sizeMb);
  const logPath = path.join(dir, 'confirmations.sqlite');
  const filler = path.join(dir, 'filler.bin');
  const method: LogDiskMethod = mounted ? 'disk-full' : wantFaults ? 'injected' : 'none';
  return {
    method,
    logPath,
    fill() {
      if (!mounted) return;
      const fd = openSync(filler, 'a');
      try {
        // Whole megabytes, then single kilobytes for the tail: the disk ends with no block free.
        for (const size of [CHUNK.length, 1024]) {
          try {
            for (;;) writeSync(fd, CHUNK, 0, size);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          }
        }
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    release(evidenceDir) {
      mkdirSync(evidenceDir, { recursive: true });
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(logPath + suffix))
          copyFileSync(logPath + suffix, path.join(evidenceDir, path.basename(logPath) + suffix));
      }
      if (mounted) execFileSync('umount', [dir]);
    },
  };
}

function tryMount(dir: string, sizeMb: number): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0700`, 'soak-log', dir], {
      stdio: 'pipe',
    });
    return true;
  } catch {
    return false;
  }
}
