// A Node client of the browser host's WebSocket: drives sim.* (and any channel) the way a second page would.
import WebSocket from 'ws';
import type {
  EventChannel,
  EventPayload,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
} from '../../../electron/common/contract';
import type { IpcResult } from '../../../electron/common/result';
import { tokenParam, wsPath } from '../../../electron/common/wire';

export interface IpcClient {
  invoke<C extends InvokeChannel>(
    channel: C,
    request: InvokeRequest<C>,
  ): Promise<IpcResult<InvokeResponse<C>>>;
  /** Like invoke, but throws on an error result: for test set-up steps that must succeed. */
  call<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  close(): Promise<void>;
}

/** Connects to the host at `pageUrl` (the URL with ?token=) as the kiosk's own origin. */
export async function connectIpc(pageUrl: string): Promise<IpcClient> {
  const page = new URL(pageUrl);
  const token = page.searchParams.get(tokenParam) ?? '';
  const ws = new WebSocket(`ws://${page.host}${wsPath}?${tokenParam}=${encodeURIComponent(token)}`, {
    origin: page.origin,
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve: (result: IpcResult<unknown>) => void; reject: (error: Error) => void; channel: string }
  >();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as
      | { t: 'result'; id: number; result: IpcResult<unknown> }
      | { t: 'event'; event: string; payload: unknown };
    if (frame.t === 'result') {
      pending.get(frame.id)?.resolve(frame.result);
      pending.delete(frame.id);
    } else {
      for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
    }
  });
  // A call still waiting when the host closes the socket fails with the close reason, never hangs.
  ws.on('close', (code, reason) => {
    for (const [id, call] of pending) {
      call.reject(new Error(`${call.channel}: connection closed (${code} ${String(reason)})`));
      pending.delete(id);
    }
  });
  const invoke = <C extends InvokeChannel>(channel: C, request: InvokeRequest<C>) =>
    new Promise<IpcResult<InvokeResponse<C>>>((resolve, reject) => {
      if (ws.readyState !== WebSocket.OPEN) {
        reject(new Error(`${channel}: connection is not open`));
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve: resolve as (r: IpcResult<unknown>) => void, reject, channel });
      ws.send(JSON.stringify({ t: 'invoke', id, channel, request }));
    });
  const client: IpcClient = {
    invoke,
    async call(channel, request) {
      const result = await invoke(channel, request);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
  // Events flow only after renderer.ready, as for a page.
  await client.call('renderer.ready', {});
  return client;
}
