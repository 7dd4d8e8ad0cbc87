// The session's link to one card: SHARED or EXCLUSIVE connection, what was read from it, release and wiping.
import type { TokenKind } from '../../common/contract';
import { isCardError } from '../../../native/card/card-error';
import type { CardConnection, ReaderPort } from '../../../native/reader/reader-port';
import type { AuthCertificate, JpkiCardLike, OpenCard, PinState } from './ports';

/** Bytes of the fresh challenge the card signs after VERIFY (my-number-card.md §5.2). */
export const CHALLENGE_BYTES = 32;

export interface CardLinkDeps {
  reader: string;
  port: ReaderPort;
  openCard: OpenCard;
  random: (bytes: number) => Uint8Array;
}

/**
 * Every awaited card operation checks the attempt's signal when it returns: once the attempt is over,
 * its result is dropped (a certificate or signature read late is zero-filled) and the abort reason is
 * thrown instead. One operation at a time on the card (my-number-card.md §10 pitfall 7).
 */
export class CardLink {
  private connection: CardConnection | undefined;
  private card: JpkiCardLike | undefined;
  private exclusive = false;
  tokenKind: TokenKind | null = null;
  pinState: PinState | undefined;
  certificate: AuthCertificate | undefined;
  challenge: Uint8Array | undefined;
  signature: Uint8Array | undefined;

  constructor(
    private readonly deps: CardLinkDeps,
    private readonly signal: AbortSignal,
  ) {}

  /** A card protocol is open on the current connection. */
  get open(): boolean {
    return this.card !== undefined;
  }

  /** SHARED connection and SELECT of the JPKI AP: is it a My Number card at all (one APDU)? */
  async openShared(): Promise<void> {
    this.adopt(await this.connect('shared'));
    await this.current().select();
    this.signal.throwIfAborted();
  }

  async readTokenKind(): Promise<void> {
    const card = this.current();
    const kind = (await card.readTokenKind()).kind;
    this.signal.throwIfAborted();
    this.stillOn(card);
    this.tokenKind = kind;
  }

  async readPinStatus(): Promise<void> {
    const card = this.current();
    const state = await card.pinStatus();
    this.signal.throwIfAborted();
    this.stillOn(card);
    this.pinState = state;
  }

  /**
   * The auth certificate's serial of the card now on the reader, to tell the same card put back from
   * another one; nothing else of it is kept (its DER is zero-filled at once). Undefined when the token
   * will not give it before a PIN (a phone, my-number-card.md §6.1).
   */
  async readSerial(): Promise<string | undefined> {
    const card = this.current();
    try {
      const certificate = await card.readAuthCertificate();
      certificate.der.fill(0);
      this.signal.throwIfAborted();
      this.stillOn(card);
      return certificate.serialNumber;
    } catch (error) {
      if (isCardError(error) && error.code === 'card.security-status') return undefined;
      throw error;
    }
  }

  /**
   * Reads the auth certificate. Before the PIN a phone may refuse it with a security status
   * (my-number-card.md §6.1): then undefined, and it is read again after VERIFY.
   */
  async readCertificate(beforePin: boolean): Promise<AuthCertificate | undefined> {
    const card = this.current();
    try {
      const certificate = await card.readAuthCertificate();
      if (this.signal.aborted || this.card !== card) {
        certificate.der.fill(0);
        this.signal.throwIfAborted();
        this.stillOn(card);
      }
      this.certificate = certificate;
      return certificate;
    } catch (error) {
      if (beforePin && isCardError(error) && error.code === 'card.security-status') return undefined;
      throw error;
    }
  }

  /** EXCLUSIVE while a PIN is in play (my-number-card.md §5.2, §10 pitfall 3): reconnect and SELECT again. */
  async useExclusive(): Promise<void> {
    if (this.exclusive && this.card) return;
    const shared = this.connection;
    this.connection = undefined;
    await shared?.disconnect();
    this.signal.throwIfAborted();
    this.adopt(await this.connect('exclusive'));
    this.exclusive = true;
    await this.current().select();
    this.signal.throwIfAborted();
  }

  /**
   * One VERIFY, never retried; a refusal is thrown as the card's error. The PIN is passed on and never kept:
   * the card protocol turns it into bytes it zero-fills after the exchange (native/card/jpki-card.ts). It
   * arrives as a string (the IPC contract carries text), and a JavaScript string cannot be wiped: it stays
   * in memory until the garbage collector reclaims it, which is why nothing here holds a reference to it.
   */
  async verifyPin(pin: string): Promise<void> {
    const card = this.current();
    try {
      await card.verifyPin(pin);
    } catch (error) {
      this.signal.throwIfAborted();
      throw error;
    }
    this.signal.throwIfAborted();
    this.stillOn(card);
    this.pinState = { state: 'verified' };
  }

  /** Signs a fresh random challenge; the previous challenge and signature are zero-filled first. */
  async signFresh(): Promise<void> {
    this.challenge?.fill(0);
    this.signature?.fill(0);
    this.challenge = this.deps.random(CHALLENGE_BYTES);
    this.signature = undefined;
    const card = this.current();
    const signature = await card.signChallenge(this.challenge);
    if (this.signal.aborted || this.card !== card) {
      signature.fill(0);
      this.signal.throwIfAborted();
      this.stillOn(card);
    }
    this.signature = signature;
  }

  /** Powers the card off, so a verified PIN never survives (my-number-card.md §10 pitfall 3). */
  release(): void {
    const connection = this.connection;
    this.connection = undefined;
    this.card = undefined;
    this.exclusive = false;
    void connection?.disconnect().catch(() => undefined);
  }

  /** Releases the card and zero-fills the certificate, challenge and signature. Idempotent. */
  wipe(): void {
    this.release();
    this.certificate?.der.fill(0);
    this.certificate = undefined;
    this.challenge?.fill(0);
    this.challenge = undefined;
    this.signature?.fill(0);
    this.signature = undefined;
    this.pinState = undefined;
    this.tokenKind = null;
  }

  /**
   * Connects with the attempt's signal, so a connect still under way when the attempt ends stops
   * waiting; whatever it failed with then, the attempt's abort reason is what is thrown.
   */
  private async connect(mode: 'shared' | 'exclusive'): Promise<CardConnection> {
    try {
      return await this.deps.port.connect(this.deps.reader, mode, this.signal);
    } catch (error) {
      this.signal.throwIfAborted();
      throw error;
    }
  }

  /** Takes a new connection, unless the attempt ended while it was being made: then it is powered off. */
  private adopt(connection: CardConnection): void {
    if (this.signal.aborted) {
      void connection.disconnect().catch(() => undefined);
      this.signal.throwIfAborted();
    }
    this.connection = connection;
    this.card = this.deps.openCard(connection.transmit.bind(connection));
  }

  private current(): JpkiCardLike {
    if (!this.card) throw new CardLinkClosed();
    return this.card;
  }

  /** A step that began on a connection since released (the card was lifted) ends here. */
  private stillOn(card: JpkiCardLike): void {
    if (this.card !== card) throw new CardLinkClosed();
  }
}

/** A card operation was asked for after the card was released. */
export class CardLinkClosed extends Error {
  override readonly name = 'CardLinkClosed';
  readonly code = 'session.no-card';
  constructor() {
    super('no card connection');
  }
}
