// Time limits for every wait of a benchmark, so a run ends with a figure or a named failure, never a hang.

/** A wait of a benchmark outlived its limit; the message names what it waited for. */
export class BenchTimeoutError extends Error {
  override readonly name = 'BenchTimeoutError';
  readonly code = 'bench.timeout';
  constructor(
    readonly what: string,
    readonly ms: number,
  ) {
    super(`bench: waited ${ms} ms for ${what}; it did not come`);
  }
}

/** `promise`, or a BenchTimeoutError naming `what` once `ms` have passed; the timer goes when the promise settles. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BenchTimeoutError(what, ms)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** Polls `check` every 20 ms until it holds; a BenchTimeoutError naming `what` after `ms`. */
export async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new BenchTimeoutError(what, ms);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
