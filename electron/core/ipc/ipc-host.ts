// The IpcHost port: how the core is served to a renderer (in-memory, Electron ipcMain, or the browser host).
import type { EventChannel, EventPayload } from '../../common/contract';
import type { Dispatcher } from './dispatcher';

export interface IpcHost {
  /** Start answering renderer calls with this dispatcher. */
  serve(dispatcher: Dispatcher): void;
  /** Push an event to the renderer; held until the renderer has said it is ready. */
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void;
  close(): Promise<void>;
}

/**
 * Holds events until the renderer says ready, then forwards them in order.
 * Only the newest payload per channel is kept while waiting: snapshots supersede each other.
 */
export class EventGate {
  private ready = false;
  private readonly pending = new Map<EventChannel, unknown>();

  constructor(private readonly send: (event: EventChannel, payload: unknown) => void) {}

  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
    if (this.ready) this.send(event, payload);
    else this.pending.set(event, payload);
  }

  open(): void {
    this.ready = true;
    for (const [event, payload] of this.pending) this.send(event, payload);
    this.pending.clear();
  }

  /** A reload or a lost connection: hold events again until the new renderer is ready. */
  reset(): void {
    this.ready = false;
  }

  get isOpen(): boolean {
    return this.ready;
  }
}
