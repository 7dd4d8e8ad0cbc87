// Test support: records every uncaught exception and unhandled rejection while a test runs, so it can assert none.
export interface CrashWatch {
  readonly crashes: unknown[];
  stop(): void;
}

export function watchForCrashes(): CrashWatch {
  const crashes: unknown[] = [];
  const onCrash = (error: unknown): void => {
    crashes.push(error);
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  return {
    crashes,
    stop() {
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
    },
  };
}
