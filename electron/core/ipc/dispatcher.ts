// Validates every request against the contract, runs the core's handler, and wraps the outcome in the envelope.
import {
  eventChannels,
  invokeChannels,
  isInvokeChannel,
  maxMessageBytes,
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type InvokeResponse,
} from '../../common/contract';
import { isKioskError } from '../../common/errors';
import { fail, ok, type IpcResult } from '../../common/result';
import type { z } from 'zod';

export type InvokeHandler<C extends InvokeChannel> = (
  request: z.output<(typeof invokeChannels)[C]['request']>,
) => Promise<InvokeResponse<C>> | InvokeResponse<C>;

export type InvokeHandlers = { [C in InvokeChannel]: InvokeHandler<C> };

export interface Dispatcher {
  /** Handle one call from an untrusted renderer. Never throws. */
  dispatch(channel: unknown, request: unknown): Promise<IpcResult<unknown>>;
}

export interface DispatcherOptions {
  /** Reports handler failures that were not KioskErrors (bugs), without exposing them to the renderer. */
  onInternalError?: (channel: InvokeChannel, error: unknown) => void;
}

export function createDispatcher(handlers: InvokeHandlers, options: DispatcherOptions = {}): Dispatcher {
  return {
    async dispatch(channel, request) {
      if (!isInvokeChannel(channel)) return fail('ipc.unknown-channel', 'Unknown channel');
      if (approximateSize(request) > maxMessageBytes)
        return fail('ipc.payload-too-large', 'Request too large');
      const parsed = invokeChannels[channel].request.safeParse(request);
      if (!parsed.success) {
        return fail(
          'ipc.invalid-request',
          `Invalid request for ${channel}: ${parsed.error.issues[0]?.message ?? ''}`,
        );
      }
      try {
        const handler = handlers[channel] as (req: unknown) => unknown;
        const value = await handler(parsed.data);
        const checked = invokeChannels[channel].response.safeParse(value);
        if (!checked.success) {
          options.onInternalError?.(channel, checked.error);
          return fail('ipc.invalid-response', `The kiosk produced an invalid answer on ${channel}`);
        }
        return ok(checked.data);
      } catch (error) {
        if (isKioskError(error)) return fail(error.code, error.message);
        options.onInternalError?.(channel, error);
        return fail('ipc.handler-failed', `Internal error on ${channel}`);
      }
    },
  };
}

/** Validates an outgoing event payload; a core bug must not reach the renderer as malformed data. */
export function checkEvent<E extends EventChannel>(event: E, payload: EventPayload<E>): EventPayload<E> {
  return eventChannels[event].parse(payload) as EventPayload<E>;
}

/** Size of a value as JSON, or Infinity when it cannot be serialised (cycles, BigInt). */
export function approximateSize(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
