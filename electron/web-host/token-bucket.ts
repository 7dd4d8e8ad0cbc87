// Token bucket: a burst allowance refilled at a steady rate, used to cap how fast one page may call the core.

export interface TokenBucketOptions {
  /** Calls allowed back to back. */
  capacity: number;
  /** Calls per second added back, up to capacity. */
  refillPerSecond: number;
  /** Milliseconds clock; injected so tests control time. */
  now: () => number;
}

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(private readonly options: TokenBucketOptions) {
    this.tokens = options.capacity;
    this.last = options.now();
  }

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    const now = this.options.now();
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.options.capacity, this.tokens + elapsed * this.options.refillPerSecond);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
