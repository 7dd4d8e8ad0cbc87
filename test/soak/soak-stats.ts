// Measurements of a soak run: event-loop delay, heap after garbage collection, percentiles, throughput.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
  return {
    count: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted.at(-1) ?? 0),
  };
}

export const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

/** Heap in use after a full collection when the process runs with --expose-gc (npm run soak does). */
export function heapUsedMb(): { mb: number; afterGc: boolean } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return { mb: process.memoryUsage().heapUsed / 1024 / 1024, afterGc: gc !== undefined };
}

/** Sampling interval of the event-loop histogram (ms). */
const LOOP_RESOLUTION_MS = 10;

/**
 * Event-loop delay of this process from Node's own histogram. The histogram records the whole interval
 * between samples, so the sampling interval itself is taken off: what is left is the delay.
 */
export class LoopDelay {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });

  start(): void {
    this.histogram.enable();
  }

  stop(): { p50: number; p99: number; max: number } {
    this.histogram.disable();
    const ms = (ns: number): number => round(Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS));
    return {
      p50: ms(this.histogram.percentile(50)),
      p99: ms(this.histogram.percentile(99)),
      max: ms(this.histogram.max),
    };
  }
}

/** A deterministic PRNG (mulberry32), so a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
