// Staff login: PIN check, a lockout that holds under concurrent guesses, and expiring session tokens.
import { randomBytes } from 'node:crypto';
import type { StaffSession } from '../../common/contract';
import { KioskError } from '../../common/errors';
import type { ClinicClock } from '../clock/clinic-clock';
import { verifyStaffPin } from './staff-pin';

export interface StaffAuthPolicy {
  maxFailures: number;
  lockoutMinutes: number;
  sessionMinutes: number;
}

export interface StaffAuthDeps {
  clock: ClinicClock;
  /** The current scrypt hash; empty when no PIN is set. Read on every login so a change applies at once. */
  pinHash(): string;
  policy(): StaffAuthPolicy;
  /** Checks a PIN against a hash; `verifyStaffPin` unless a test counts the verifications. */
  verifyPin?: (pin: string, hash: string) => Promise<boolean>;
}

export interface StaffIdentity {
  staffName: string;
}

interface Entry {
  staffName: string;
  expiresAt: number;
}

const TOKEN_BYTES = 32;

export class StaffAuth {
  private readonly sessions = new Map<string, Entry>();
  private failures = 0;
  private lockedUntil = 0;
  /** The attempt in progress and those waiting behind it, in arrival order; never rejects. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: StaffAuthDeps) {}

  async login(pin: string, staffName = '職員'): Promise<StaffSession> {
    await this.attempt(pin);
    const token = randomBytes(TOKEN_BYTES).toString('hex');
    const entry = { staffName: staffName.trim() || '職員', expiresAt: this.expiry() };
    this.sessions.set(token, entry);
    return { token, staffName: entry.staffName, expiresAt: this.deps.clock.clinicIso(entry.expiresAt) };
  }

  /** The staff member behind a live token; each use extends it. Throws staff.unauthorized otherwise. */
  check(token: string): StaffIdentity {
    const entry = this.sessions.get(token);
    const now = this.deps.clock.now().getTime();
    if (!entry || entry.expiresAt <= now) {
      if (entry) this.sessions.delete(token);
      throw new KioskError(
        'staff.unauthorized',
        '職員ログインが必要です（時間切れの場合はもう一度ログインしてください）',
      );
    }
    entry.expiresAt = this.expiry();
    return { staffName: entry.staffName };
  }

  /**
   * Checks the current PIN without logging in (PIN change). It is the same attempt as a login: a wrong
   * PIN counts towards the lockout and answers exactly as a wrong login does, and nothing is checked while
   * locked out, so a signed-in console cannot be used to guess the PIN.
   */
  async confirmPin(pin: string): Promise<void> {
    await this.attempt(pin);
  }

  logout(token: string): void {
    this.sessions.delete(token);
  }

  /** Ends every staff session (e.g. after the PIN changed). */
  logoutAll(): void {
    this.sessions.clear();
  }

  /**
   * One PIN attempt: resolves when the PIN is right, throws `staff.pin-wrong` or `staff.locked-out`.
   * Attempts run one at a time, and each is counted as a failure before its verify starts and re-checks
   * the lockout when its turn comes: however many arrive at once, at most `maxFailures` wrong PINs are
   * ever verified before the lockout, and every attempt queued behind them is refused unverified.
   */
  private attempt(pin: string): Promise<void> {
    // Already locked: refused at once, without waiting for a turn.
    this.refuseWhileLocked();
    const turn = this.queue.then(() => this.decide(pin));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async decide(pin: string): Promise<void> {
    this.refuseWhileLocked();
    const hash = this.deps.pinHash();
    if (!hash) {
      throw new KioskError(
        'staff.pin-not-set',
        '職員用暗証番号が設定されていません。設定ファイルを確認してください',
      );
    }
    const policy = this.deps.policy();
    // Counted before the verify: an attempt whose verify throws is still a failure.
    this.failures += 1;
    if (await (this.deps.verifyPin ?? verifyStaffPin)(pin, hash)) {
      this.failures = 0;
      return;
    }
    if (this.failures >= policy.maxFailures) {
      this.failures = 0;
      this.lockedUntil = this.deps.clock.now().getTime() + policy.lockoutMinutes * 60_000;
      throw this.lockedError(this.deps.clock.now().getTime());
    }
    throw new KioskError(
      'staff.pin-wrong',
      `職員用暗証番号が違います（あと${policy.maxFailures - this.failures}回でロックされます）`,
    );
  }

  private refuseWhileLocked(): void {
    const now = this.deps.clock.now().getTime();
    if (now < this.lockedUntil) throw this.lockedError(now);
  }

  private expiry(): number {
    return this.deps.clock.now().getTime() + this.deps.policy().sessionMinutes * 60_000;
  }

  private lockedError(now: number): KioskError {
    const minutes = Math.max(1, Math.ceil((this.lockedUntil - now) / 60_000));
    return new KioskError(
      'staff.locked-out',
      `暗証番号を続けて間違えたため、約${minutes}分間ログインできません`,
    );
  }
}
