// Builds window.kiosk from the contract: only the contract's channels, nothing of ipcRenderer leaks out.
import {
  isEventChannel,
  isInvokeChannel,
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  type KioskApi,
} from '../common/contract';
import { fail, type IpcResult } from '../common/result';

/** The two ipcRenderer calls the API needs. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function buildKioskApi(ipc: RendererIpc): KioskApi {
  return Object.freeze({
    invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>) {
      if (!isInvokeChannel(channel)) {
        return Promise.resolve(fail('ipc.unknown-channel', 'Unknown channel'));
      }
      return ipc.invoke(channel, request) as Promise<IpcResult<InvokeResponse<C>>>;
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void) {
      if (!isEventChannel(event)) throw new Error('Unknown event channel');
      // The IPC event object is never handed to the page: it would expose `sender`.
      const wrapped = (_event: unknown, payload: unknown): void => listener(payload as EventPayload<E>);
      ipc.on(event, wrapped);
      return () => {
        ipc.removeListener(event, wrapped);
      };
    },
  });
}

export function exposeKioskApi(
  bridge: { exposeInMainWorld(key: string, api: unknown): void },
  ipc: RendererIpc,
): void {
  bridge.exposeInMainWorld('kiosk', buildKioskApi(ipc));
}
