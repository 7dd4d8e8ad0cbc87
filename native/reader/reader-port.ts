// The ReaderPort: what the kiosk needs from a card reader, whether real (pcsclite) or simulated (in-process).

/** PC/SC sharing: SHARED for reading; EXCLUSIVE while a PIN is in play (my-number-card.md §10 pitfall 3). */
export type ShareMode = 'shared' | 'exclusive';

export type ReaderEvent =
  | { type: 'reader-added'; reader: string }
  | { type: 'reader-removed'; reader: string }
  /** Rising edge of PRESENT (event counter masked, mute states debounced). */
  | { type: 'card-inserted'; reader: string; atr: Uint8Array }
  /** Rising edge of EMPTY. */
  | { type: 'card-removed'; reader: string }
  /** pcscd is not running, died, or restarted; the port keeps trying to recover by itself. */
  | { type: 'service-down'; reason: string }
  | { type: 'service-up' };

export interface TransmitOptions {
  /** Abort the transmit (and reset the connection) after this long. */
  timeoutMs?: number;
  /** The APDU carries a secret (PIN): traces show its data bytes masked. */
  sensitive?: boolean;
}

export interface CardConnection {
  readonly reader: string;
  readonly atr: Uint8Array;
  /** One command APDU → the response data followed by SW1 SW2. Serialised per reader. */
  transmit(apdu: Uint8Array, options?: TransmitOptions): Promise<Uint8Array>;
  /** Disconnects with UNPOWER, so a verified PIN never survives (§10 pitfall 3). Idempotent. */
  disconnect(): Promise<void>;
}

export interface ReaderPort {
  /** Names of the readers currently present (after the name filter). */
  readers(): string[];
  /** Whether a card is in this reader right now. */
  cardPresent(reader: string): boolean;
  subscribe(listener: (event: ReaderEvent) => void): () => void;
  /**
   * Connects to the card in `reader`. Once `signal` aborts the call stops waiting and rejects with the
   * signal's reason (as `signal.throwIfAborted()` throws it); a connection it got anyway is unpowered
   * and never handed out.
   */
  connect(reader: string, mode: ShareMode, signal?: AbortSignal): Promise<CardConnection>;
  close(): Promise<void>;
}
