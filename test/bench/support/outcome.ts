// How a benchmark process tells the runner it skipped or missed a target: its exit code and one line.

/**
 * Exit code of a benchmark that could not run here (a tool is missing). The runner counts it as
 * skipped, never as passed. 77 is the skip code of automake's test driver, known to CI tools.
 */
export const SKIPPED_EXIT_CODE = 77;

/** Ends the benchmark as skipped, saying why and how to make it run. */
export function skipBench(name: string, reason: string): never {
  console.log(`${name}: SKIPPED — ${reason}`);
  process.exit(SKIPPED_EXIT_CODE);
}

/** Records a missed target or a failed step: the run goes on to print its figures, then exits 1. */
export function failBench(message: string): void {
  console.error(`FAILED: ${message}`);
  process.exitCode = 1;
}
