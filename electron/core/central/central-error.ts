// Errors of the central record: each carries a stable code that logs, heartbeats and tests match on.
export const centralErrorCodes = [
  /** `central.*` settings that cannot be used (bad URL, password in the URL, TLS without a CA file). */
  'central.config',
  /** The password file is missing, unreadable, empty or readable by others than its owner. */
  'central.password-file',
  /** The server cannot be reached or dropped the connection: the replicator waits and tries again. */
  'central.unreachable',
  /** A row whose previous hash is not the central last hash of its terminal: refused, never stored. */
  'central.chain-break',
  /** A row whose key (terminal, local id) is already held centrally with different content. */
  'central.tampering',
  /** The local log lacks the row a shipment would start after (the local chain has a hole). */
  'central.local-gap',
  /** The server refused the terminal (unknown or retired role, or a privilege missing). */
  'central.refused',
  /** The central schema is newer than this program, or a migration failed. */
  'central.schema',
] as const;

export type CentralErrorCode = (typeof centralErrorCodes)[number];

export class CentralError extends Error {
  override readonly name = 'CentralError';
  constructor(
    readonly code: CentralErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
