// KioskApi over the browser host's WebSocket: same contract as Electron IPC, reconnecting when the host restarts.
import type {
  EventChannel,
  EventPayload,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  KioskApi,
} from '../../electron/common/contract';
import { fail, type IpcResult } from '../../electron/common/result';
import { clientParam, ServerFrame, tokenParam, wireClientOf, wsPath } from '../../electron/common/wire';

export interface WsKioskApi extends KioskApi {
  /** Called with true/false as the connection comes and goes. */
  onConnection(listener: (connected: boolean) => void): () => void;
}

export function createWsKioskApi(location: Location): WsKioskApi {
  const token = new URLSearchParams(location.search).get(tokenParam) ?? '';
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${wsPath}?${tokenParam}=${encodeURIComponent(token)}&${clientParam}=${wireClientOf(location.pathname)}`;
  let socket: WebSocket | undefined;
  let nextId = 1;
  let retryMs = 250;
  const pending = new Map<number, (result: IpcResult<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let opened: Promise<WebSocket>;

  const connect = (): Promise<WebSocket> =>
    new Promise((resolve) => {
      const ws = new WebSocket(url);
      socket = ws;
      ws.onopen = () => {
        retryMs = 250;
        for (const l of connectionListeners) l(true);
        resolve(ws);
      };
      ws.onmessage = (message) => {
        const parsed = ServerFrame.safeParse(JSON.parse(String(message.data)));
        if (!parsed.success) return;
        const frame = parsed.data;
        if (frame.t === 'result') {
          pending.get(frame.id)?.(frame.result as IpcResult<unknown>);
          pending.delete(frame.id);
        } else {
          for (const l of listeners.get(frame.event) ?? []) l(frame.payload);
        }
      };
      ws.onclose = () => {
        for (const resolveCall of pending.values()) resolveCall(fail('ipc.not-ready', 'Connection lost'));
        pending.clear();
        for (const l of connectionListeners) l(false);
        // Keep trying: the kiosk host may be restarting. Back off up to 5 s.
        setTimeout(() => {
          opened = connect();
        }, retryMs);
        retryMs = Math.min(retryMs * 2, 5000);
      };
    });
  opened = connect();

  return {
    async invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>) {
      const ws = await opened;
      const id = nextId++;
      return new Promise<IpcResult<InvokeResponse<C>>>((resolve) => {
        pending.set(id, resolve as (r: IpcResult<unknown>) => void);
        ws.send(JSON.stringify({ t: 'invoke', id, channel, request }));
      });
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      if (socket?.readyState === WebSocket.OPEN) listener(true);
      return () => connectionListeners.delete(listener);
    },
  };
}
