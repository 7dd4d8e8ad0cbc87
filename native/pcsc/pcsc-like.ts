// The slice of the npm `pcsclite` API the driver uses, as interfaces, so tests can put a fake below the driver.

/** A `'status'` event: `state` is the raw dwEventState, event counter in the upper 16 bits (my-number-card.md §9.1). */
export interface PcscStatus {
  state: number;
  atr?: Uint8Array;
}

export type PcscErrorCallback = (err: Error | null | undefined) => void;

/** One `CardReader` of pcsclite 1.0.1 (my-number-card.md §9.1). */
export interface PcscReaderLike {
  readonly name: string;
  /** JS-side flag; it stays true after a card removal until disconnect() succeeds (§10 pitfall 4). */
  connected: boolean;
  on(event: 'status', listener: (status: PcscStatus) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** When `connected` is already true the library calls back at once with no protocol (§9.1). */
  connect(
    options: { share_mode: number; protocol: number },
    cb: (err: Error | null | undefined, protocol?: number) => void,
  ): void;
  disconnect(disposition: number, cb: PcscErrorCallback): void;
  /** `resLen` must cover the response data + SW1 SW2 (§9.1, §10 pitfall 5). */
  transmit(
    data: Buffer,
    resLen: number,
    protocol: number,
    cb: (err: Error | null | undefined, data?: Buffer) => void,
  ): void;
  close(): void;
}

/** The pcsclite context: emits `'reader'` for each new reader and `'error'` when monitoring stops. */
export interface PcscLike {
  on(event: 'reader', listener: (reader: PcscReaderLike) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): void;
}

/** Creates a context; throws synchronously when pcscd is not running (§10 pitfall 2). */
export type PcscFactory = () => PcscLike;

/** Reader state bits (PCSC pcsclite.h.in, my-number-card.md §9.1). */
export const SCARD_STATE = {
  CHANGED: 0x2,
  UNKNOWN: 0x4,
  UNAVAILABLE: 0x8,
  EMPTY: 0x10,
  PRESENT: 0x20,
  EXCLUSIVE: 0x80,
  INUSE: 0x100,
  MUTE: 0x200,
  UNPOWERED: 0x400,
} as const;

/** The lower 16 bits are the state; the upper 16 bits count card insertions and removals (§9.1). */
export const STATE_MASK = 0xffff;

/** Share modes, protocols and dispositions (PCSC pcsclite.h.in; the same values on Windows). */
export const SCARD_SHARE_EXCLUSIVE = 1;
export const SCARD_SHARE_SHARED = 2;
export const SCARD_PROTOCOL_T0 = 1;
export const SCARD_PROTOCOL_T1 = 2;
export const SCARD_LEAVE_CARD = 0;
export const SCARD_UNPOWER_CARD = 2;

/** PC/SC return codes the driver tells apart (PCSC pcsclite.h.in; my-number-card.md §3.1). */
export const SCARD_CODE = {
  E_CANCELLED: 0x80100002,
  E_INVALID_HANDLE: 0x80100003,
  E_INSUFFICIENT_BUFFER: 0x80100008,
  E_UNKNOWN_READER: 0x80100009,
  E_TIMEOUT: 0x8010000a,
  E_SHARING_VIOLATION: 0x8010000b,
  E_NO_SMARTCARD: 0x8010000c,
  E_PROTO_MISMATCH: 0x8010000f,
  E_NOT_TRANSACTED: 0x80100016,
  E_READER_UNAVAILABLE: 0x80100017,
  F_COMM_ERROR: 0x80100013,
  E_NO_SERVICE: 0x8010001d,
  E_SERVICE_STOPPED: 0x8010001e,
  E_NO_READERS_AVAILABLE: 0x8010002e,
  W_UNRESPONSIVE_CARD: 0x80100066,
  W_UNPOWERED_CARD: 0x80100067,
  W_RESET_CARD: 0x80100068,
  W_REMOVED_CARD: 0x80100069,
} as const;
