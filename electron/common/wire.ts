// Frames of the browser host's WebSocket: the same contract as Electron IPC, carried as JSON messages.
import { z } from 'zod';

export const ClientFrame = z.discriminatedUnion('t', [
  z
    .object({
      t: z.literal('invoke'),
      id: z.number().int().nonnegative(),
      channel: z.string().max(64),
      request: z.unknown(),
    })
    .strict(),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

export const ServerFrame = z.discriminatedUnion('t', [
  z.object({ t: z.literal('result'), id: z.number().int(), result: z.unknown() }).strict(),
  z.object({ t: z.literal('event'), event: z.string(), payload: z.unknown() }).strict(),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;

/** WebSocket path and the query parameter carrying the per-launch token. */
export const wsPath = '/ipc';
export const tokenParam = 'token';
/**
 * The query parameter naming which page opens the socket. The browser host keeps one rate-limit bucket
 * per page kind (so reconnecting does not refill it) and keeps a connection slot for the kiosk page.
 */
export const clientParam = 'client';
export const wireClients = ['kiosk', 'staff', 'simulator'] as const;
export type WireClient = (typeof wireClients)[number];

/** The page kind of a renderer path: /staff and /simulator are theirs, every other path is the kiosk. */
export function wireClientOf(pathname: string): WireClient {
  if (pathname === '/staff') return 'staff';
  if (pathname === '/simulator') return 'simulator';
  return 'kiosk';
}

/** Close codes the browser host uses when it refuses or ends a connection. */
export const closeCodes = { policy: 1008, tooBig: 1009 } as const;
