// Staff sign-in by account and passcode, a lockout per surface that holds under concurrent guesses, and sessions with an idle and an absolute limit.
import { randomBytes } from 'node:crypto';
import type { StaffRole, StaffSession, StaffSurface } from '../../common/contract';
import { KioskError } from '../../common/errors';
import type { ClinicClock } from '../clock/clinic-clock';
import type { StaffAccount } from './staff-accounts';
import { hashStaffPin, verifyStaffPin } from './staff-pin';
import { defaultScryptConcurrency, WorkGate } from './work-gate';

export interface StaffAuthPolicy {
  maxFailures: number;
  lockoutMinutes: number;
  /** Idle timeout: a session with no staff action for this long ends. */
  sessionMinutes: number;
  /** Absolute lifetime: a session ends this long after sign-in, however busy. */
  sessionMaxHours: number;
}

export interface StaffAuthDeps {
  clock: ClinicClock;
  /** The accounts in force (`accountsInForce`); read on every sign-in so a change applies at once. */
  accounts(): readonly StaffAccount[];
  policy(): StaffAuthPolicy;
  /** Checks a PIN against a hash; `verifyStaffPin` unless a test counts the verifications. */
  verifyPin?: (pin: string, hash: string) => Promise<boolean>;
  /** Every scrypt run of this kiosk passes it; default: `defaultScryptConcurrency()` at once. */
  scryptGate?: WorkGate;
}

export interface StaffIdentity {
  /** The account name: what the log records for the person. */
  staffName: string;
  role: StaffRole;
}

/**
 * How a call uses the session: `action` is something a person did (it extends the idle timeout);
 * `background` is the console's own re-read (status poll, a re-read after a push), which must not keep
 * an unattended console signed in.
 */
export type StaffUse = 'action' | 'background';

interface Entry {
  staffName: string;
  role: StaffRole;
  surface: StaffSurface;
  signedInAt: number;
  lastActionAt: number;
}

/** Failures and lockout of one surface, and its attempts in arrival order. */
interface Lock {
  failures: number;
  lockedUntil: number;
  /** The attempt in progress and those waiting behind it; never rejects. */
  queue: Promise<void>;
}

const TOKEN_BYTES = 32;

export const IDLE_SIGN_OUT_MESSAGE = '一定時間操作がなかったため、サインアウトしました';
export const LIFETIME_SIGN_OUT_MESSAGE =
  'サインインから時間がたったため、サインアウトしました。もう一度サインインしてください';
const UNAUTHORIZED_MESSAGE = '職員ログインが必要です（時間切れの場合はもう一度ログインしてください）';

export class StaffAuth {
  private readonly sessions = new Map<string, Entry>();
  private readonly locks = new Map<StaffSurface, Lock>();
  private readonly gate: WorkGate;

  constructor(private readonly deps: StaffAuthDeps) {
    this.gate = deps.scryptGate ?? new WorkGate(defaultScryptConcurrency());
  }

  /** Hashes a new PIN through the same bounded scrypt gate as every verification. */
  hashPin(pin: string): Promise<string> {
    return this.gate.run(() => hashStaffPin(pin));
  }

  /**
   * Signs an account in at a surface. `account` may be left out while exactly one account exists. Failures
   * count against that surface only: guesses at the patient kiosk's staff entry cannot lock the desk console
   * out, nor the other way round. An unknown account name is a failure like a wrong passcode.
   */
  async login(passcode: string, account?: string, surface: StaffSurface = 'desk'): Promise<StaffSession> {
    const signedIn = await this.attempt(passcode, account, surface);
    const token = randomBytes(TOKEN_BYTES).toString('hex');
    const now = this.now();
    const entry: Entry = {
      staffName: signedIn.name,
      role: signedIn.role,
      surface,
      signedInAt: now,
      lastActionAt: now,
    };
    this.sessions.set(token, entry);
    return {
      token,
      staffName: entry.staffName,
      role: entry.role,
      expiresAt: this.deps.clock.clinicIso(this.expiry(entry)),
    };
  }

  /**
   * The staff member behind a live token. Only an `action` extends the idle timeout; nothing extends the
   * absolute lifetime. Throws staff.unauthorized otherwise, its message saying why the session ended.
   */
  check(token: string, use: StaffUse = 'action'): StaffIdentity {
    const entry = this.sessions.get(token);
    if (!entry) throw new KioskError('staff.unauthorized', UNAUTHORIZED_MESSAGE);
    const now = this.now();
    const policy = this.deps.policy();
    if (now >= entry.signedInAt + policy.sessionMaxHours * 3_600_000) {
      this.sessions.delete(token);
      throw new KioskError('staff.unauthorized', LIFETIME_SIGN_OUT_MESSAGE);
    }
    if (now >= entry.lastActionAt + policy.sessionMinutes * 60_000) {
      this.sessions.delete(token);
      throw new KioskError('staff.unauthorized', IDLE_SIGN_OUT_MESSAGE);
    }
    if (use === 'action') entry.lastActionAt = now;
    return { staffName: entry.staffName, role: entry.role };
  }

  /**
   * Checks the signed-in account's current passcode without signing in (passcode change). It is the same
   * attempt as a sign-in at the session's surface: a wrong passcode counts towards that lockout and answers
   * exactly as a wrong sign-in does, and nothing is checked while locked out, so a signed-in console cannot
   * be used to guess a passcode.
   */
  async confirmPin(pin: string, token?: string): Promise<void> {
    const entry = token === undefined ? undefined : this.sessions.get(token);
    await this.attempt(pin, entry?.staffName, entry?.surface ?? 'desk');
  }

  logout(token: string): void {
    this.sessions.delete(token);
  }

  /** Ends every staff session (e.g. after the PIN changed). */
  logoutAll(): void {
    this.sessions.clear();
  }

  /** Ends every session of one account (its passcode was reset, its role changed, or it was removed). */
  logoutAccount(name: string): void {
    for (const [token, entry] of this.sessions) if (entry.staffName === name) this.sessions.delete(token);
  }

  /**
   * One passcode attempt at a surface: resolves with the account when it is right, throws `staff.pin-wrong` or
   * `staff.locked-out`. A surface's attempts run one at a time, and each is counted as a failure before its
   * verify starts and re-checks the lockout when its turn comes: however many arrive at once, at most
   * `maxFailures` wrong PINs are ever verified per surface before its lockout, and every attempt queued
   * behind them is refused unverified.
   */
  private attempt(pin: string, account: string | undefined, surface: StaffSurface): Promise<StaffAccount> {
    const lock = this.lockOf(surface);
    // Already locked: refused at once, without waiting for a turn.
    this.refuseWhileLocked(lock);
    const turn = lock.queue.then(() => this.decide(pin, account, lock));
    lock.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  private async decide(pin: string, name: string | undefined, lock: Lock): Promise<StaffAccount> {
    this.refuseWhileLocked(lock);
    const accounts = this.deps.accounts();
    if (accounts.length === 0) {
      throw new KioskError(
        'staff.pin-not-set',
        '職員のアカウントが設定されていません。設定ファイルを確認してください',
      );
    }
    const account =
      name === undefined
        ? accounts.length === 1
          ? accounts[0]
          : undefined
        : accounts.find((a) => a.name === name);
    const policy = this.deps.policy();
    // Counted before the verify: an attempt whose verify throws is still a failure. An unknown account is a
    // failure without a verify.
    lock.failures += 1;
    const verify = this.deps.verifyPin ?? verifyStaffPin;
    // The surfaces' queues run side by side; the gate bounds their scrypt work together.
    if (account && (await this.gate.run(() => verify(pin, account.passcodeHash)))) {
      lock.failures = 0;
      return account;
    }
    if (lock.failures >= policy.maxFailures) {
      lock.failures = 0;
      lock.lockedUntil = this.now() + policy.lockoutMinutes * 60_000;
      throw this.lockedError(lock, this.now());
    }
    throw new KioskError(
      'staff.pin-wrong',
      `パスコードが違います（あと${policy.maxFailures - lock.failures}回でロックされます）`,
    );
  }

  private lockOf(surface: StaffSurface): Lock {
    let lock = this.locks.get(surface);
    if (!lock) {
      lock = { failures: 0, lockedUntil: 0, queue: Promise.resolve() };
      this.locks.set(surface, lock);
    }
    return lock;
  }

  private refuseWhileLocked(lock: Lock): void {
    const now = this.now();
    if (now < lock.lockedUntil) throw this.lockedError(lock, now);
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  /** When the session ends if nobody acts: the idle timeout or the absolute lifetime, whichever is first. */
  private expiry(entry: Entry): number {
    const policy = this.deps.policy();
    return Math.min(
      entry.lastActionAt + policy.sessionMinutes * 60_000,
      entry.signedInAt + policy.sessionMaxHours * 3_600_000,
    );
  }

  private lockedError(lock: Lock, now: number): KioskError {
    const minutes = Math.max(1, Math.ceil((lock.lockedUntil - now) / 60_000));
    return new KioskError(
      'staff.locked-out',
      `パスコードを続けて間違えたため、約${minutes}分間ログインできません`,
    );
  }
}
