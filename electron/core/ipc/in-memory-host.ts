// In-memory IpcHost and matching KioskApi client: the full round trip under Node, serialised like a real wire.
import {
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  type KioskApi,
} from '../../common/contract';
import type { IpcResult } from '../../common/result';
import { fail } from '../../common/result';
import { checkEvent, type Dispatcher } from './dispatcher';
import { EventGate, type IpcHost } from './ipc-host';

/** Copy through JSON, as every real transport does, so nothing passes by reference. */
const wire = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

export interface InMemoryPair {
  host: IpcHost;
  client: KioskApi & { raw(channel: string, request: unknown): Promise<IpcResult<unknown>> };
}

export function createInMemoryPair(): InMemoryPair {
  let dispatcher: Dispatcher | undefined;
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const gate = new EventGate((event, payload) => {
    for (const listener of listeners.get(event) ?? []) listener(wire(payload));
  });

  const raw = async (channel: string, request: unknown): Promise<IpcResult<unknown>> => {
    if (!dispatcher) return fail('ipc.not-ready', 'The kiosk core is not serving yet');
    const result = await dispatcher.dispatch(channel, wire(request));
    if (channel === 'renderer.ready' && result.ok) queueMicrotask(() => gate.open());
    return wire(result);
  };

  const host: IpcHost = {
    serve(d) {
      dispatcher = d;
    },
    emit<E extends EventChannel>(event: E, payload: EventPayload<E>) {
      gate.emit(event, checkEvent(event, payload));
    },
    async close() {
      dispatcher = undefined;
      listeners.clear();
    },
  };

  const client: InMemoryPair['client'] = {
    raw,
    invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>) {
      return raw(channel, request) as Promise<IpcResult<InvokeResponse<C>>>;
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  };
  return { host, client };
}
