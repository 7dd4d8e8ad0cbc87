// Staff login: PIN check, lockout after repeated failures, and expiring session tokens.
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

  constructor(private readonly deps: StaffAuthDeps) {}

  async login(pin: string, staffName = '職員'): Promise<StaffSession> {
    const now = this.deps.clock.now().getTime();
    if (now < this.lockedUntil) throw this.lockedError(now);
    const hash = this.deps.pinHash();
    if (!hash) {
      throw new KioskError(
        'staff.pin-not-set',
        '職員用暗証番号が設定されていません。設定ファイルを確認してください',
      );
    }
    const ok = await verifyStaffPin(pin, hash);
    if (!ok) {
      this.failures += 1;
      const policy = this.deps.policy();
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
    this.failures = 0;
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

  /** Checks a PIN without logging in (PIN change); failures do not count towards the lockout. */
  async verify(pin: string): Promise<boolean> {
    const hash = this.deps.pinHash();
    return hash ? verifyStaffPin(pin, hash) : false;
  }

  logout(token: string): void {
    this.sessions.delete(token);
  }

  /** Ends every staff session (e.g. after the PIN changed). */
  logoutAll(): void {
    this.sessions.clear();
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
