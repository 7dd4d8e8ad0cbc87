// The single IPC contract: every invoke and event channel with its zod schemas; all IPC types derive from it.
import { z } from 'zod';
import { errorCodes } from './errors';
import type { IpcResult } from './result';

/** Languages offered on the idle screen; Japanese is the default. */
export const languages = ['ja', 'en', 'zh-Hans', 'ko', 'vi'] as const;
export const Language = z.enum(languages);
export type Language = z.infer<typeof Language>;

export const Preferences = z
  .object({
    language: Language,
    largeText: z.boolean(),
    voice: z.boolean(),
  })
  .strict();
export type Preferences = z.infer<typeof Preferences>;

export const Screen = z.discriminatedUnion('name', [
  z.object({ name: z.literal('idle') }).strict(),
  z
    .object({
      name: z.literal('out-of-service'),
      reason: z.enum(['reader-down', 'gateway-down', 'log-down']),
    })
    .strict(),
]);
export type Screen = z.infer<typeof Screen>;

/** What the renderer draws. The core owns it; the renderer never keeps state of its own beyond input. */
export const SessionSnapshot = z
  .object({
    /** Increases with every change, so a renderer can drop stale snapshots. */
    seq: z.number().int().nonnegative(),
    screen: Screen,
    preferences: Preferences,
    /** True when the simulated reader and eligibility service are in use. */
    simulation: z.boolean(),
    terminalName: z.string().max(64),
  })
  .strict();
export type SessionSnapshot = z.infer<typeof SessionSnapshot>;

const Empty = z.object({}).strict();

export const IpcErrorSchema = z.object({ code: z.enum(errorCodes), message: z.string() }).strict();

/** Invoke channels: renderer → core request, core → renderer response. */
export const invokeChannels = {
  'renderer.ready': { request: Empty, response: SessionSnapshot },
  'session.get': { request: Empty, response: SessionSnapshot },
  'session.cancel': { request: Empty, response: z.null() },
  'preferences.set': { request: Preferences.partial().strict(), response: SessionSnapshot },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

/** Event channels: core → renderer pushes. */
export const eventChannels = {
  'session.changed': SessionSnapshot,
} as const satisfies Record<string, z.ZodType>;

export type InvokeChannel = keyof typeof invokeChannels;
export type EventChannel = keyof typeof eventChannels;
export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['response']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventChannels)[E]>;

export const invokeChannelNames = Object.keys(invokeChannels) as InvokeChannel[];
export const eventChannelNames = Object.keys(eventChannels) as EventChannel[];

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && Object.hasOwn(invokeChannels, name);
}

export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && Object.hasOwn(eventChannels, name);
}

/** The API the renderer sees as `window.kiosk`, in Electron (preload) and in the browser host alike. */
export interface KioskApi {
  invoke<C extends InvokeChannel>(
    channel: C,
    request: InvokeRequest<C>,
  ): Promise<IpcResult<InvokeResponse<C>>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Upper bound on one serialised message in either direction (bytes). */
export const maxMessageBytes = 64 * 1024;
