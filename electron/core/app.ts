// Wires a KioskCore to an IpcHost: one composition used by the Electron main process and the browser host.
import type { KioskConfig } from './config/config-schema';
import { createDispatcher } from './ipc/dispatcher';
import type { IpcHost } from './ipc/ipc-host';
import { createKioskCore, type KioskCore } from './kiosk-core';

export interface RunningKiosk {
  core: KioskCore;
  stop(): Promise<void>;
}

export function startKiosk(host: IpcHost, config: KioskConfig): RunningKiosk {
  const core = createKioskCore({ config, simulation: config.reader.kind === 'simulated' });
  host.serve(
    createDispatcher(core.handlers, {
      onInternalError: (channel, error) => console.error(`[ipc] ${channel} failed`, error),
    }),
  );
  const unsubscribe = core.subscribe((snapshot) => host.emit('session.changed', snapshot));
  return {
    core,
    async stop() {
      unsubscribe();
      await core.dispose();
      await host.close();
    },
  };
}
