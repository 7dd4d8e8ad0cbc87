// Fakes below the check-in session: reader, JPKI card, gateway, log, clock and timers (the rules are real).
import type { KeyedEntry, TokenKind } from '../../../../../electron/common/contract';
import {
  GatewayError,
  type ConfirmationRequest,
  type GatewayHealth,
  type InsuredPerson,
  type QualificationGateway,
  type QualificationResult,
  type RegistrationRequest,
} from '../../../../../electron/core/gateway/qualification-gateway';
import {
  LogError,
  type ConfirmationLog,
  type ConfirmationRecord,
  type NumberedConfirmation,
  type StoredConfirmation,
} from '../../../../../electron/core/log/confirmation-log';
import type { ClinicClock } from '../../../../../electron/core/clock/clinic-clock';
import type {
  AuthCertificate,
  JpkiCardLike,
  PinState,
  TimerHandle,
  Timers,
} from '../../../../../electron/core/session/ports';
import { manualClock, type ManualClinicClock } from '../../../../support/manual-clock';
import type { SessionSettings } from '../../../../../electron/core/session/checkin-session';
import { CardError } from '../../../../../native/card/card-error';
import type {
  CardConnection,
  ReaderEvent,
  ReaderPort,
  ShareMode,
} from '../../../../../native/reader/reader-port';

export const NOW = new Date('2026-06-15T01:00:00.000Z');

/** The clinic clock (JST) moved by hand. */
export class ManualClock implements ClinicClock {
  private readonly inner: ManualClinicClock;
  constructor(ms = NOW.getTime()) {
    this.inner = manualClock(ms);
  }
  get utcOffsetMinutes(): number {
    return this.inner.utcOffsetMinutes;
  }
  get utcOffset(): string {
    return this.inner.utcOffset;
  }
  now = (): Date => this.inner.now();
  nowMs = (): number => this.inner.nowMs();
  today = (): string => this.inner.today();
  dayOf = (instant: Date | number): string => this.inner.dayOf(instant);
  wallClock = (instant: Date | number): string => this.inner.wallClock(instant);
  clinicIso = (instant: Date | number): string => this.inner.clinicIso(instant);
  advance(ms: number): void {
    this.inner.advance(ms);
  }
  set(instant: string | number): void {
    this.inner.set(instant);
  }
}

/** Timers fired by hand: `advance` moves the clock and runs what fell due, in order. */
export class ManualTimers implements Timers {
  private queue: { at: number; seq: number; callback: () => void; cancelled: boolean }[] = [];
  private seq = 0;
  constructor(private readonly clock: ManualClock) {}
  after(ms: number, callback: () => void): TimerHandle {
    const entry = { at: this.clock.now().getTime() + ms, seq: this.seq++, callback, cancelled: false };
    this.queue.push(entry);
    return { cancel: () => void (entry.cancelled = true) };
  }
  pending(): number {
    return this.queue.filter((e) => !e.cancelled).length;
  }
  advance(ms: number): void {
    const target = this.clock.now().getTime() + ms;
    for (;;) {
      const due = this.queue
        .filter((e) => !e.cancelled && e.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      due.cancelled = true;
      const now = this.clock.now().getTime();
      if (due.at > now) this.clock.advance(due.at - now);
      due.callback();
    }
    const now = this.clock.now().getTime();
    if (target > now) this.clock.advance(target - now);
    this.queue = this.queue.filter((e) => !e.cancelled);
  }
}

/** A gate a fake operation waits on until the test opens it. */
export class Gate {
  private resolveFn: (() => void) | undefined;
  readonly promise: Promise<void>;
  constructor() {
    this.promise = new Promise((resolve) => (this.resolveFn = resolve));
  }
  open(): void {
    this.resolveFn?.();
  }
}

/** Waits for the gate, or rejects with the signal's reason once it aborts (as a real adapter stops waiting). */
export function gateOrAbort(gate: Gate, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return gate.promise;
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    void gate.promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

export interface FakeCardSpec {
  myNumber?: boolean;
  tokenKind?: TokenKind;
  pin?: string;
  triesLeft?: number;
  /** A card without a PIN (顔認証マイナンバーカード). */
  pinNotSet?: boolean;
  serialNumber?: string;
  validTo?: Date;
  /** The auth certificate can only be read after VERIFY (a phone, my-number-card.md §6.1). */
  certificateNeedsPin?: boolean;
  /** A phone whose holder already authenticated on the phone (Face ID): its PIN reports verified. */
  verifiedOnPhone?: boolean;
  /** Background reads wait for this gate. */
  readGate?: Gate;
}

/** The physical card: state that survives reconnects (tries left, the PIN), and a record of what it was sent. */
export class FakeCardState {
  triesLeft: number;
  verifies: { pin: string; lockedAtTheTime: boolean; mode: ShareMode | undefined }[] = [];
  signatures: Uint8Array[] = [];
  challenges: Uint8Array[] = [];
  certificates: AuthCertificate[] = [];
  verified = false;
  constructor(readonly spec: FakeCardSpec) {
    this.triesLeft = spec.triesLeft ?? 3;
  }
  get locked(): boolean {
    return this.triesLeft <= 0;
  }
}

export class FakeReader implements ReaderPort {
  private listeners = new Set<(event: ReaderEvent) => void>();
  private cards = new Map<string, FakeCardState>();
  names: string[];
  connections: { reader: string; mode: ShareMode; disconnected: boolean }[] = [];
  /** While set, connect waits for it (a slow reader); removing the card opens it. */
  hold: Gate | undefined;
  constructor(names = ['R1']) {
    this.names = [...names];
  }
  readers(): string[] {
    return [...this.names];
  }
  cardPresent(reader: string): boolean {
    return this.cards.has(reader);
  }
  cardAt(reader: string): FakeCardState | undefined {
    return this.cards.get(reader);
  }
  subscribe(listener: (event: ReaderEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: ReaderEvent): void {
    for (const l of [...this.listeners]) l(event);
  }
  insert(reader: string, card: FakeCardState): void {
    this.cards.set(reader, card);
    this.emit({ type: 'card-inserted', reader, atr: Uint8Array.of(0x3b) });
  }
  remove(reader: string): void {
    this.hold?.open();
    this.cards.delete(reader);
    this.emit({ type: 'card-removed', reader });
  }
  /** The signal each connect was given (the session's attempt signal). */
  connectSignals: (AbortSignal | undefined)[] = [];
  /** False: connect ignores its signal, like a port that completes a connect after the caller gave up. */
  honoursSignal = true;
  async connect(reader: string, mode: ShareMode, signal?: AbortSignal): Promise<CardConnection> {
    this.connectSignals.push(signal);
    const honoured = this.honoursSignal ? signal : undefined;
    honoured?.throwIfAborted();
    if (this.hold) await gateOrAbort(this.hold, honoured);
    const card = this.cards.get(reader);
    if (!card) throw new CardError('card.removed', 'no card');
    const record = { reader, mode, disconnected: false };
    this.connections.push(record);
    card.verified = false; // a new connection follows an UNPOWER
    return {
      reader,
      atr: Uint8Array.of(0x3b),
      transmit: async () => {
        throw new Error('the fake card does not speak APDUs');
      },
      disconnect: async () => {
        record.disconnected = true;
        card.verified = false;
      },
    };
  }
  /** The mode of the newest connection that is still open. */
  openMode(): ShareMode | undefined {
    return [...this.connections].reverse().find((c) => !c.disconnected)?.mode;
  }
  async close(): Promise<void> {}
}

const removedError = (): CardError => new CardError('card.removed', 'カードが取り出されました');

/** The JPKI protocol as the session sees it, over the fake reader's current card. */
export function fakeOpenCard(reader: FakeReader, readerName = 'R1') {
  return (): JpkiCardLike => {
    const card = reader.cardAt(readerName);
    const state = (): FakeCardState => {
      const now = reader.cardAt(readerName);
      if (!now || now !== card) throw removedError();
      return now;
    };
    const gate = async (): Promise<void> => {
      await card?.spec.readGate?.promise;
      state();
    };
    return {
      async select() {
        const s = state();
        if (s.spec.myNumber === false)
          throw new CardError('card.not-my-number-card', 'not JPKI', { sw: 0x6a82 });
      },
      async readTokenKind() {
        await gate();
        return { kind: state().spec.tokenKind ?? 'card' };
      },
      async readAuthCertificate() {
        await gate();
        const s = state();
        if (s.spec.certificateNeedsPin && !s.verified) throw new CardError('card.security-status', '6982');
        const certificate: AuthCertificate = {
          der: Uint8Array.from({ length: 64 }, (_, i) => (i * 7 + 1) & 0xff),
          serialNumber: s.spec.serialNumber ?? '0a000001',
          validFrom: new Date('2022-01-01T00:00:00Z'),
          validTo: s.spec.validTo ?? new Date('2029-01-01T00:00:00Z'),
        };
        s.certificates.push(certificate);
        return certificate;
      },
      async pinStatus(): Promise<PinState> {
        await gate();
        const s = state();
        if (s.spec.pinNotSet) return { state: 'not-set' };
        if (s.locked) return { state: 'locked' };
        if (s.spec.verifiedOnPhone) return { state: 'verified' };
        return { state: 'ready', triesLeft: s.triesLeft };
      },
      async verifyPin(pin) {
        const s = state();
        s.verifies.push({ pin, lockedAtTheTime: s.locked, mode: reader.openMode() });
        if (s.locked) throw new CardError('card.pin-locked', 'locked', { sw: 0x6984 });
        if (pin !== (s.spec.pin ?? '1234')) {
          s.triesLeft -= 1;
          if (s.locked) throw new CardError('card.pin-locked', 'locked', { sw: 0x63c0, triesLeft: 0 });
          throw new CardError('card.pin-wrong', 'wrong', { triesLeft: s.triesLeft });
        }
        s.triesLeft = 3;
        s.verified = true;
      },
      async signChallenge(challenge) {
        const s = state();
        if (!s.verified && !s.spec.verifiedOnPhone) throw new CardError('card.security-status', '6982');
        s.challenges.push(challenge);
        const signature = Uint8Array.from(
          { length: 256 },
          (_, i) => (challenge[i % challenge.length] ?? 0) ^ 0x5a,
        );
        s.signatures.push(signature);
        return signature;
      },
    };
  };
}

export function person(overrides: Partial<InsuredPerson> = {}): InsuredPerson {
  return {
    insurerNumber: '06139994',
    symbol: '12',
    number: '3456',
    branch: '01',
    name: '山田 太郎',
    nameHasUnrenderable: false,
    nameKana: 'ﾔﾏﾀﾞ ﾀﾛｳ',
    birthdate: '19800401',
    copayTenths: 3,
    limit: { classification: '01', classFlag: 'A03', label: '区分ウ' },
    specificDiseases: [],
    ...overrides,
  };
}

export function result(overrides: Partial<QualificationResult> = {}): QualificationResult {
  return {
    gateway: 'simulator',
    requestId: 'req-1',
    processedAt: NOW.toISOString(),
    validity: 1,
    persons: [person()],
    consents: {},
    ...overrides,
  };
}

export class FakeGateway implements QualificationGateway {
  readonly kind = 'simulator' as const;
  requests: ConfirmationRequest[] = [];
  /** Copies of challenge/signature as they were at request time (the session wipes them after). */
  requestCopies: { challenge?: Uint8Array; signature?: Uint8Array }[] = [];
  registrations: (
    | { route: 'card-pin'; challenge: Uint8Array; signature: Uint8Array }
    | { route: 'card-visual'; staffId: string }
  )[] = [];
  registered = true;
  answer: () => Promise<QualificationResult> = async () => result();
  healthy: GatewayHealth = { ok: true, detail: 'fake' };
  healthCalls = 0;
  /** The signal each confirmation was given (the session's attempt signal). */
  signals: (AbortSignal | undefined)[] = [];
  async confirm(request: ConfirmationRequest, signal?: AbortSignal): Promise<QualificationResult> {
    this.requests.push(request);
    this.signals.push(signal);
    this.requestCopies.push(
      request.route === 'keyed'
        ? {}
        : {
            ...(request.challenge ? { challenge: Uint8Array.from(request.challenge) } : {}),
            ...(request.signature ? { signature: Uint8Array.from(request.signature) } : {}),
          },
    );
    return this.answer();
  }
  /** While set, isRegistered waits for it (a slow system); an aborted signal stops the wait. */
  registeredHold: Gate | undefined;
  /** The signal each isRegistered and register call was given. */
  registrationSignals: (AbortSignal | undefined)[] = [];
  async isRegistered(_certificate: Uint8Array, signal?: AbortSignal): Promise<boolean> {
    this.registrationSignals.push(signal);
    if (this.registeredHold) {
      try {
        await gateOrAbort(this.registeredHold, signal);
      } catch (cause) {
        throw new GatewayError('gateway.unavailable', 'aborted', undefined, { cause });
      }
    }
    return this.registered;
  }
  /** When set, register fails with this code (the system refused the registration). */
  registerFails: GatewayError['code'] | undefined;
  async register(r: RegistrationRequest, signal?: AbortSignal): Promise<void> {
    this.registrationSignals.push(signal);
    if (this.registerFails) throw new GatewayError(this.registerFails, this.registerFails);
    this.registrations.push(
      r.route === 'card-pin'
        ? { route: r.route, challenge: Uint8Array.from(r.challenge), signature: Uint8Array.from(r.signature) }
        : { route: r.route, staffId: r.staffId },
    );
    this.registered = true;
  }
  async health(): Promise<GatewayHealth> {
    this.healthCalls += 1;
    return this.healthy;
  }
  async close(): Promise<void> {}
  failWith(code: GatewayError['code']): void {
    this.answer = async () => {
      throw new GatewayError(code, code);
    };
  }
}

/** An in-memory log; issues reception numbers per clinic day of its clock, as the real log does. */
export class FakeLog implements ConfirmationLog {
  rows: StoredConfirmation[] = [];
  down = false;
  private issued = new Map<string, number>();
  constructor(private readonly clock: ClinicClock = new ManualClock()) {}
  /** Entries the log refused, written before anything newer once it is up (as the real log does). */
  kept: ConfirmationRecord[] = [];
  get keptCount(): number {
    return this.kept.length;
  }
  keep(entry: ConfirmationRecord): void {
    this.kept.push(structuredClone(entry));
  }
  /** Writes alone are refused with this code (reads still work), as on a full disk. */
  refuseWrites: LogError['code'] | undefined;
  flushKept(): number {
    if (this.down) throw new LogError('log.unwritable', 'disk gone');
    if (this.refuseWrites && this.kept.length > 0) throw new LogError(this.refuseWrites, 'refused');
    const written = this.kept.length;
    for (const entry of this.kept.splice(0)) this.write(entry);
    return written;
  }
  record(entry: ConfirmationRecord): StoredConfirmation {
    this.flushKept();
    return this.write(entry);
  }
  recordNumbered(entry: ConfirmationRecord): NumberedConfirmation {
    this.flushKept();
    if (this.refuseWrites) throw new LogError(this.refuseWrites, 'refused');
    const day = this.clock.today();
    const receptionNumber = (this.issued.get(day) ?? 0) + 1;
    this.issued.set(day, receptionNumber);
    return { ...this.write({ ...entry, receptionNumber }), receptionNumber };
  }
  private write(entry: ConfirmationRecord): StoredConfirmation {
    if (this.refuseWrites) throw new LogError(this.refuseWrites, 'refused');
    const stored: StoredConfirmation = { ...structuredClone(entry), id: this.rows.length + 1, hash: 'h' };
    this.rows.push(stored);
    return stored;
  }
  peekReceptionNumber(): number {
    if (this.down) throw new LogError('log.unwritable', 'disk gone');
    return (this.issued.get(this.clock.today()) ?? 0) + 1;
  }
  list(): StoredConfirmation[] {
    if (this.down) throw new LogError('log.unwritable', 'disk gone');
    return [...this.rows];
  }
  close(): void {}
}

/**
 * A well-formed 資格確認書 as staff key it, valid under the real rules: 06110829 is a 組合 (法別 06) test
 * vector of oqs-and-insurance.md §4.2 (payload 0611082 weighted 2, 1, 2, … from the right sums to 21,
 * check digit 10 − 1 = 9).
 */
export const keyedEntry: KeyedEntry = {
  documentKind: 'shikaku-kakuninsho',
  insurerNumber: '06110829',
  symbol: '12',
  number: '3456',
  branch: '01',
  birthDate: '1980-04-01',
  validUntil: '2027-07-31',
};

/** The session settings of a kiosk with the config's defaults (config-schema.ts). */
export const testSettings = (overrides: Partial<SessionSettings> = {}): SessionSettings => ({
  terminalName: '受付1',
  consentItems: ['medication', 'checkup'],
  limitConsentScreen: false,
  resultShowsCopayAndLimit: false,
  timeouts: {
    reading: 20,
    pin: 60,
    chooseAuth: 60,
    visualWait: 300,
    registration: 120,
    consent: 90,
    result: 30,
    takeCard: 60,
    error: 30,
  },
  card: { resume: 30, afterLift: 15 },
  ...overrides,
});
