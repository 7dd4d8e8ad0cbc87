// Staff accounts in force: the settings' accounts, or the old single staff PIN as one administrator (migration).
import type { StaffAccountSummary, StaffRole } from '../../common/contract';

export interface StaffAccount {
  name: string;
  passcodeHash: string;
  role: StaffRole;
}

/**
 * The account a settings file with only the old `staff.pinHash` signs in as: an administrator, so the clinic
 * can go on working and create its accounts. It stays until an administrator saves accounts.
 */
export const MIGRATED_ADMIN_NAME = '管理者';

/** The staff keys of the settings that name who may sign in. */
export interface StaffCredentials {
  accounts: readonly StaffAccount[];
  pinHash: string;
}

/**
 * Who may sign in: the configured accounts; with none, the old single PIN (or, in a simulation, the demo
 * passcode's hash) as the administrator 管理者; with neither, nobody.
 */
export function accountsInForce(staff: StaffCredentials, fallbackHash = ''): StaffAccount[] {
  if (staff.accounts.length > 0) return staff.accounts.map((account) => ({ ...account }));
  const hash = staff.pinHash || fallbackHash;
  return hash ? [{ name: MIGRATED_ADMIN_NAME, passcodeHash: hash, role: 'admin' }] : [];
}

/** What administrators see of the accounts: names and roles, never a hash. */
export function summaries(accounts: readonly StaffAccount[]): StaffAccountSummary[] {
  return accounts.map(({ name, role }) => ({ name, role }));
}

/** The accounts after adding `account`, or replacing the one of the same name (role and passcode reset). */
export function withAccount(accounts: readonly StaffAccount[], account: StaffAccount): StaffAccount[] {
  const at = accounts.findIndex((a) => a.name === account.name);
  if (at < 0) return [...accounts, account];
  return accounts.map((a, i) => (i === at ? account : a));
}

/** True when the accounts still hold an administrator: the last one may not go or be demoted. */
export function hasAdmin(accounts: readonly StaffAccount[]): boolean {
  return accounts.some((a) => a.role === 'admin');
}
