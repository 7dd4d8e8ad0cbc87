// Runs check-in sessions off reader events (one at a time, one per reader) and the out-of-service screen.
import type { CardLeft, Screen, VisualPending } from '../../common/contract';
import type { ReaderEvent } from '../../../native/reader/reader-port';
import type { GatewayHealth } from '../gateway/qualification-gateway';
import {
  CheckinSession,
  type CheckinSessionDeps,
  type HealthProblem,
  type SessionSettings,
} from './checkin-session';
import type { TimerHandle } from './ports';
import { deskNotifier } from '../staff/desk-attention';

export type Problem = 'reader' | HealthProblem;
export type StaffEventReason =
  | 'visual-pending'
  | 'visual-resolved'
  | 'confirmation-recorded'
  | 'health'
  | 'desk-needed'
  /** A card lies on the take-card screen past `timeouts.takeCard`, or that card was taken. */
  | 'card-left';

export interface HealthCheck {
  ok: boolean;
  detail: string;
}

/** The parts every session of this controller shares. */
export interface SessionControllerDeps extends Pick<
  CheckinSessionDeps,
  'port' | 'openCard' | 'gateway' | 'log' | 'rules' | 'clock' | 'timers' | 'random'
> {
  /** Read at the start of every session, so saved settings apply to the next patient. */
  settings(): SessionSettings;
  /** Whether the log can be written; the default reads the reception counter. */
  probeLog?(): Promise<HealthCheck>;
  /** The patient screen changed. */
  onChange(): void;
  /** A session ended: the next patient starts with the clinic's default preferences. */
  onSessionEnd(): void;
  onStaff(reason: StaffEventReason, reader?: string): void;
  /** Health poll while everything is well (ms). */
  healthIntervalMs?: number;
  /** Backoff of the recovery poll while out of service (ms). */
  recovery?: { initialMs: number; maxMs: number };
}

export const DEFAULT_HEALTH_INTERVAL_MS = 30_000;
export const DEFAULT_RECOVERY = { initialMs: 1_000, maxMs: 30_000 };

/** Screen reason shown when several things are down at once: the most basic first. */
const problemOrder: Problem[] = ['reader', 'log', 'gateway'];
const reasonOf = { reader: 'reader-down', log: 'log-down', gateway: 'gateway-down' } as const;

export class SessionController {
  private active: CheckinSession | undefined;
  private readonly problems = new Set<Problem>();
  private serviceUp = true;
  /** The reader went away under a check-in whose card lay on it: the out-of-service screen asks for it. */
  private cardLeftInOutage = false;
  private gatewayHealth: HealthCheck = { ok: true, detail: '' };
  private logHealth: HealthCheck = { ok: true, detail: '' };
  private pollTimer: TimerHandle | undefined;
  private pollDelay: number;
  private checking = false;
  private unsubscribe: (() => void) | undefined;
  private disposed = false;
  private work: Promise<void> = Promise.resolve();

  constructor(private readonly deps: SessionControllerDeps) {
    this.pollDelay = (deps.recovery ?? DEFAULT_RECOVERY).initialMs;
  }

  /** Subscribe to the reader and take the first health reading. */
  start(): void {
    this.unsubscribe = this.deps.port.subscribe((event) => this.onReaderEvent(event));
    this.updateReaderProblem();
    this.track(this.checkHealth());
  }

  screen(): Screen {
    if (this.active) return this.active.screen();
    const problem = problemOrder.find((p) => this.problems.has(p));
    if (!problem) return { name: 'idle' };
    return {
      name: 'out-of-service',
      reason: reasonOf[problem],
      ...(problem === 'reader' && this.cardLeftInOutage ? { cardPresent: true } : {}),
    };
  }

  timeoutSeconds(): number | undefined {
    return this.active?.timeoutSeconds;
  }

  /** The running session, if any. */
  current(): CheckinSession | undefined {
    return this.active;
  }

  /** The session of this reader, if one is running there. */
  sessionAt(reader: string): CheckinSession | undefined {
    return this.active?.reader === reader ? this.active : undefined;
  }

  visualPending(): VisualPending[] {
    const pending = this.active?.visualPending();
    return pending ? [pending] : [];
  }

  /** Cards left on the take-card screen past `timeouts.takeCard`, for the staff console. */
  cardsLeft(): CardLeft[] {
    const left = this.active?.cardLeft();
    return left ? [left] : [];
  }

  health(): { readerService: 'up' | 'down'; gateway: HealthCheck; log: HealthCheck; problems: Problem[] } {
    return {
      readerService: this.serviceUp ? 'up' : 'down',
      gateway: this.gatewayHealth,
      log: this.logHealth,
      problems: [...this.problems],
    };
  }

  /** Resolves when the operations started so far have finished (tests; shutdown). */
  async settled(): Promise<void> {
    for (;;) {
      const current = this.work;
      await current;
      if (current === this.work) return;
    }
  }

  /** Runs one patient or staff action on the session and remembers its completion. */
  track(promise: Promise<void>): void {
    const previous = this.work;
    this.work = Promise.all([previous, promise.catch(() => undefined)]).then(() => undefined);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.unsubscribe?.();
    this.pollTimer?.cancel();
    this.active?.abandon();
    await this.settled();
  }

  /** Take a health reading now (e.g. after a simulated fault changed), instead of at the next poll. */
  checkNow(): void {
    this.track(this.checkHealth());
  }

  /** Something outside a session (the keyed route) found the gateway or the log down. */
  reportProblem(problem: HealthProblem): void {
    this.markProblem(problem, {
      ok: false,
      detail: problem === 'log' ? 'log write failed' : 'gateway unavailable',
    });
  }

  // ---------------------------------------------------------------------------------------------

  private onReaderEvent(event: ReaderEvent): void {
    if (this.disposed) return;
    switch (event.type) {
      case 'card-inserted':
        this.onCardInserted(event.reader);
        return;
      case 'card-removed':
        this.sessionAt(event.reader)?.cardRemoved();
        return;
      case 'reader-removed':
        this.loseReader(this.sessionAt(event.reader));
        this.updateReaderProblem();
        return;
      case 'reader-added':
        this.updateReaderProblem();
        return;
      case 'service-down':
        this.serviceUp = false;
        this.loseReader(this.active);
        this.updateReaderProblem();
        return;
      case 'service-up':
        this.serviceUp = true;
        this.updateReaderProblem();
        return;
    }
  }

  /** The reader can no longer be seen: the session ends now, remembering whether its card lay there. */
  private loseReader(session: CheckinSession | undefined): void {
    if (!session) return;
    if (session.cardOnReader) this.cardLeftInOutage = true;
    session.readerLost();
  }

  private onCardInserted(reader: string): void {
    const running = this.sessionAt(reader);
    if (running) {
      // A card back on the reader of the running session: the same card resumes a lifted attempt;
      // another card ends it and starts its own.
      this.track(
        running.cardReturned().then((same) => {
          if (!same && !this.disposed) this.onCardInserted(reader);
        }),
      );
      return;
    }
    // One session at a time; a card on another reader is ignored while one runs.
    if (this.active || this.problems.size > 0) return;
    // An ending that sends the patient to the desk is pushed to the staff console as it shows.
    const toDesk = deskNotifier(() => this.deps.onStaff('desk-needed', reader));
    const session = new CheckinSession({
      reader,
      port: this.deps.port,
      openCard: this.deps.openCard,
      gateway: this.deps.gateway,
      log: this.deps.log,
      rules: this.deps.rules,
      clock: this.deps.clock,
      timers: this.deps.timers,
      settings: this.deps.settings(),
      ...(this.deps.random ? { random: this.deps.random } : {}),
      onChange: () => {
        if (this.active !== session) return;
        toDesk(session.screen());
        this.deps.onChange();
      },
      onEnd: (problem) => this.onSessionEnd(session, problem),
      onVisual: (waiting) => this.deps.onStaff(waiting ? 'visual-pending' : 'visual-resolved', reader),
      onRecorded: () => this.deps.onStaff('confirmation-recorded', reader),
      onGatewayTrouble: () => this.markProblem('gateway', { ok: false, detail: 'gateway unavailable' }),
      onProblem: (problem) => {
        if (problem === 'log') this.markProblem('log', { ok: false, detail: 'log write failed' });
      },
      onCardLeft: () => this.deps.onStaff('card-left', reader),
      track: (work) => this.track(work),
    });
    this.active = session;
    this.track(session.start());
  }

  private onSessionEnd(session: CheckinSession, problem: HealthProblem | undefined): void {
    if (this.active !== session) return;
    this.active = undefined;
    if (problem === 'log') this.markProblem('log', { ok: false, detail: 'log write failed' });
    this.deps.onSessionEnd();
    this.deps.onChange();
  }

  private updateReaderProblem(): void {
    const down = !this.serviceUp || this.deps.port.readers().length === 0;
    // Readers seen again report any card still there themselves.
    if (!down) this.cardLeftInOutage = false;
    const had = this.problems.has('reader');
    if (down) this.problems.add('reader');
    else this.problems.delete('reader');
    if (had !== down) {
      this.deps.onStaff('health');
      this.deps.onChange();
    }
  }

  private markProblem(problem: HealthProblem, health: HealthCheck): void {
    if (problem === 'gateway') this.gatewayHealth = health;
    else this.logHealth = health;
    if (this.problems.has(problem)) return;
    this.problems.add(problem);
    this.deps.onStaff('health');
    this.deps.onChange();
    this.pollDelay = (this.deps.recovery ?? DEFAULT_RECOVERY).initialMs;
    this.schedule(this.pollDelay);
  }

  private schedule(ms: number): void {
    if (this.disposed) return;
    this.pollTimer?.cancel();
    this.pollTimer = this.deps.timers.after(ms, () => this.track(this.checkHealth()));
  }

  /** One health reading; out of service polls with backoff, in service at the regular interval. */
  private async checkHealth(): Promise<void> {
    if (this.disposed || this.checking) return;
    this.checking = true;
    try {
      const [gateway, log] = await Promise.all([this.probeGateway(), this.probeLog()]);
      if (this.disposed) return;
      this.gatewayHealth = gateway;
      this.logHealth = log;
      let changed = false;
      for (const [problem, check] of [
        ['gateway', gateway],
        ['log', log],
      ] as const) {
        if (check.ok === this.problems.has(problem)) {
          changed = true;
          if (check.ok) this.problems.delete(problem);
          else this.problems.add(problem);
        }
      }
      if (changed) {
        this.deps.onStaff('health');
        this.deps.onChange();
      }
    } finally {
      this.checking = false;
    }
    const recovery = this.deps.recovery ?? DEFAULT_RECOVERY;
    if (this.problems.has('gateway') || this.problems.has('log')) {
      this.schedule(this.pollDelay);
      this.pollDelay = Math.min(this.pollDelay * 2, recovery.maxMs);
    } else {
      this.pollDelay = recovery.initialMs;
      this.schedule(this.deps.healthIntervalMs ?? DEFAULT_HEALTH_INTERVAL_MS);
    }
  }

  private async probeGateway(): Promise<HealthCheck> {
    try {
      const health: GatewayHealth = await this.deps.gateway.health();
      return { ok: health.ok, detail: health.detail };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  private async probeLog(): Promise<HealthCheck> {
    try {
      // Back in service only once the rows kept during the outage are on disk.
      this.deps.log.flushKept();
      if (this.deps.probeLog) return await this.deps.probeLog();
      // A read through the log, and the check that today still has reception numbers to give.
      this.deps.log.peekReceptionNumber();
      return { ok: true, detail: '' };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }
}
