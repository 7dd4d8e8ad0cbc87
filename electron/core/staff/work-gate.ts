// A FIFO gate that runs at most N tasks at once: bounds scrypt so a burst of logins cannot starve the host.
import { availableParallelism } from 'node:os';

/**
 * Node runs scrypt on the libuv thread pool (4 threads unless UV_THREADPOOL_SIZE says otherwise), the same
 * pool that reads the renderer's files for the browser host. Unbounded, a burst of logins fills every thread
 * and page requests wait behind it. One scrypt at a time per spare core, never the whole pool, leaves
 * threads free for serving.
 */
export function defaultScryptConcurrency(): number {
  const pool = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  return Math.max(1, Math.min(availableParallelism() - 1, pool - 1));
}

export class WorkGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be ≥ 1');
  }

  /** Runs `task` when a place is free, in arrival order; resolves or rejects as the task does. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      // Hand the place straight to the next waiter, or give it back.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  /** Tasks running and waiting (for tests and the health view). */
  load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
