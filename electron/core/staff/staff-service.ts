// The staff console's channels: every one but login behind the token guard; staff data never leaves through events.
import { consentItems, type ConfirmationRow } from '../../common/contract';
import { KioskError } from '../../common/errors';
import { applyStaffChange, toStaffSettings, type SettingsStore } from '../config/settings-store';
import type { InvokeHandler } from '../ipc/dispatcher';
import type { ConfirmationLog, StoredConfirmation } from '../log/confirmation-log';
import type { ClinicClock } from '../clock/clinic-clock';
import { CentralError } from '../central/central-error';
import type { ClinicView } from '../central/clinic-view';
import { limitClassLabel } from '../gateway/xml/codes';
import type { RulesPort } from '../session/ports';
import type { SessionController } from '../session/session-controller';
import { confirmKeyed, validateKeyed, type KeyedCheckinDeps } from './keyed-checkin';
import {
  accountsInForce,
  hasAdmin,
  MIGRATED_ADMIN_NAME,
  summaries,
  withAccount,
  type StaffAccount,
} from './staff-accounts';
import type { StaffAuth, StaffIdentity } from './staff-auth';
import { guardStaffHandlers, type StaffChannel } from './staff-guard';
import { passcodeProblem } from './staff-pin';
import type { ExportRecord } from '../log/export-records';

/** CSV of the log over a range of local days (the log's own export), and the record of who took it. */
export interface ConfirmationExporter {
  exportCsv(range: { from: string; to: string }): string | Uint8Array;
  /** Records the export with the signed-in account; throws when it cannot, and the CSV is then withheld. */
  recordExport(record: ExportRecord): void;
}

export type StaffHandlers = { [C in StaffChannel]: InvokeHandler<C> };

export interface StaffServiceDeps {
  auth: StaffAuth;
  /** Absent when no reader/gateway/log is wired: those channels answer what they can. */
  controller?: SessionController;
  keyed?: KeyedCheckinDeps;
  log?: ConfirmationLog;
  exporter?: ConfirmationExporter;
  rules?: RulesPort;
  gatewayKind: string;
  readers(): { name: string; cardPresent: boolean }[];
  simulation: boolean;
  clock: ClinicClock;
  settings: SettingsStore;
  /** Saved settings: the core refreshes what it derives from them. */
  onSettingsSaved(): void;
  /** The clinic view (central.consoleUrl); absent: the clinic.* channels answer central.unavailable. */
  clinic?: Pick<ClinicView, 'list' | 'terminals' | 'exportCsv'>;
  /** Told who exported the clinic's CSV when there is no log to record it in (`exporter` absent). */
  onClinicExport?(staffName: string, range: { from: string; to: string }): void;
  /** The demo passcode's hash of a simulation without accounts or PIN (`accountsInForce`); default none. */
  fallbackPinHash?(): string;
}

/** An export leaves the terminal only once it is recorded with the account that took it. */
function recordedExport(exporter: ConfirmationExporter, record: ExportRecord): void {
  try {
    exporter.recordExport(record);
  } catch (error) {
    throw new KioskError('export.failed', '出力の記録を残せないため、CSVを出力しませんでした', {
      cause: error,
    });
  }
}

/** Settings and staff accounts are the administrators'; anyone else is refused before anything happens. */
function requireAdmin(staff: StaffIdentity): void {
  if (staff.role !== 'admin') {
    throw new KioskError('staff.admin-only', 'この操作は管理者アカウントでサインインして行ってください');
  }
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A clinic-view call: refused when there is none, and a server that cannot be read answers in staff words. */
async function clinicCall<T>(
  clinic: StaffServiceDeps['clinic'],
  work: (clinic: NonNullable<StaffServiceDeps['clinic']>) => Promise<T>,
): Promise<T> {
  if (!clinic) {
    throw new KioskError('central.unavailable', '院内の記録（central.consoleUrl）が設定されていません');
  }
  try {
    return await work(clinic);
  } catch (error) {
    if (error instanceof CentralError && error.code === 'central.config') {
      throw new KioskError('ipc.invalid-request', error.message, { cause: error });
    }
    throw new KioskError('central.unavailable', '院内の記録を読めません。サーバーとの接続をご確認ください', {
      cause: error,
    });
  }
}

export function createStaffHandlers(deps: StaffServiceDeps): StaffHandlers {
  const require = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new KioskError('log.unavailable', `${what}が使えません`);
    return value;
  };
  const inForce = (): StaffAccount[] =>
    accountsInForce(deps.settings.current().staff, deps.fallbackPinHash?.() ?? '');
  /**
   * Writes the accounts to the settings. The first save turns the old single PIN into the 管理者 account
   * of the list (`inForce` already holds it), so nobody is locked out by the change.
   */
  const saveAccounts = async (accounts: StaffAccount[]): Promise<void> => {
    const current = deps.settings.current();
    await deps.settings.save({ ...current, staff: { ...current.staff, accounts } });
  };

  return {
    'staff.login': (request) => deps.auth.login(request.pin, request.account, request.surface ?? 'desk'),
    'staff.accounts.names': () => inForce().map((account) => account.name),
    ...guardStaffHandlers(deps.auth, {
      'staff.logout': (request) => {
        deps.auth.logout(request.token);
        return null;
      },
      'staff.status': () => {
        const health = deps.controller?.health();
        return {
          simulation: deps.simulation,
          readerService: health?.readerService ?? 'down',
          readers: deps.readers().map((reader) => ({
            name: reader.name.slice(0, 128),
            cardPresent: reader.cardPresent,
            screen: deps.controller?.sessionAt(reader.name)?.screen().name ?? 'idle',
          })),
          gateway: {
            kind: deps.gatewayKind,
            ok: health?.gateway.ok ?? false,
            detail: (health?.gateway.detail ?? '').slice(0, 500),
          },
          log: { ok: health?.log.ok ?? false, detail: (health?.log.detail ?? '').slice(0, 500) },
          visualPending: deps.controller?.visualPending() ?? [],
          cardsLeft: deps.controller?.cardsLeft() ?? [],
          clinic: {
            today: deps.clock.today(),
            now: deps.clock.clinicIso(deps.clock.now()),
            utcOffset: deps.clock.utcOffset,
          },
          clinicView: deps.clinic !== undefined,
        };
      },
      'staff.clinic.list': (request) => clinicCall(deps.clinic, (clinic) => clinic.list(request.filter)),
      'staff.clinic.terminals': () => clinicCall(deps.clinic, (clinic) => clinic.terminals()),
      'staff.clinic.export': async (request, staff) => {
        const csv = await clinicCall(deps.clinic, (clinic) =>
          clinic.exportCsv({ from: request.from, to: request.to }),
        );
        // Like the terminal's own export, it leaves only once recorded with the account that took it.
        if (deps.exporter) {
          recordedExport(deps.exporter, {
            staffId: staff.staffName,
            scope: 'clinic',
            from: request.from,
            to: request.to,
          });
        } else deps.onClinicExport?.(staff.staffName, { from: request.from, to: request.to });
        return { fileName: `clinic_confirmations_${request.from}_${request.to}.csv`, csv };
      },
      'staff.visual.approve': (request, staff) => {
        const session = pendingAt(deps.controller, request.reader);
        deps.controller?.track(session.approveVisual(staff.staffName));
        return null;
      },
      'staff.visual.decline': (request, staff) => {
        pendingAt(deps.controller, request.reader).declineVisual(staff.staffName);
        return null;
      },
      'staff.keyed.validate': (request) => validateKeyed(require(deps.rules, '入力チェック'), request.entry),
      'staff.keyed.confirm': (request, staff) =>
        confirmKeyed(require(deps.keyed, '資格確認'), request.entry, request.limitConsent, staff.staffName),
      'staff.confirmations.list': (request) => {
        const log = require(deps.log, '確認記録');
        const today = deps.clock.today();
        const { from, to, outcome, route, text, limit } = request.filter;
        for (const day of [from, to]) {
          if (day !== undefined && !ISO_DAY.test(day)) {
            throw new KioskError('ipc.invalid-request', '日付は yyyy-MM-dd で指定してください');
          }
        }
        try {
          return log
            .list({
              from: from ?? today,
              to: to ?? today,
              limit: limit ?? 200,
              ...(outcome ? { outcome } : {}),
              ...(route ? { route } : {}),
              ...(text ? { text } : {}),
            })
            .map((row) => toRow(row, deps.clock));
        } catch (error) {
          throw new KioskError('log.unavailable', '確認記録を読めません', { cause: error });
        }
      },
      'staff.confirmations.export': (request, staff) => {
        const exporter = require(deps.exporter, 'CSV出力');
        if (!ISO_DAY.test(request.from) || !ISO_DAY.test(request.to) || request.from > request.to) {
          throw new KioskError(
            'ipc.invalid-request',
            '期間は yyyy-MM-dd で、開始日を終了日以前にしてください',
          );
        }
        let csv: string | Uint8Array;
        try {
          csv = exporter.exportCsv({ from: request.from, to: request.to });
        } catch (error) {
          throw new KioskError('export.failed', 'CSVを出力できませんでした', { cause: error });
        }
        recordedExport(exporter, {
          staffId: staff.staffName,
          scope: 'terminal',
          from: request.from,
          to: request.to,
        });
        return {
          fileName: `confirmations_${request.from}_${request.to}.csv`,
          csv: typeof csv === 'string' ? csv : Buffer.from(csv).toString('utf8'),
        };
      },
      'staff.settings.get': (_request, staff) => {
        requireAdmin(staff);
        return toStaffSettings(deps.settings.current());
      },
      'staff.settings.set': async (request, staff) => {
        requireAdmin(staff);
        const code = request.change.medicalInstitutionCode;
        if (code !== undefined && code !== '' && deps.rules) {
          const checked = deps.rules.validateMedicalInstitutionCode(code);
          if (!checked.ok) {
            throw new KioskError('settings.invalid', checked.problems.map((p) => p.message.ja).join(' / '));
          }
        }
        const { next, restartRequired } = applyStaffChange(deps.settings.current(), request.change);
        await deps.settings.save(next);
        deps.onSettingsSaved();
        return { settings: toStaffSettings(next), restartRequired };
      },
      'staff.pin.change': async (request, staff) => {
        // The new passcode is checked first: a refusal of it must not tell whether the current one was right.
        const problem = passcodeProblem(request.newPin);
        if (problem) throw new KioskError('settings.invalid', problem);
        // A sign-in attempt in all but the session: counted towards the lockout, refused while locked out,
        // and a wrong current passcode answers as a wrong sign-in does.
        await deps.auth.confirmPin(request.currentPin, request.token);
        const passcodeHash = await deps.auth.hashPin(request.newPin);
        const current = deps.settings.current();
        if (current.staff.accounts.length === 0 && staff.staffName === MIGRATED_ADMIN_NAME) {
          // The old single PIN is the 管理者 account: its change is a new PIN.
          await deps.settings.save({ ...current, staff: { ...current.staff, pinHash: passcodeHash } });
          deps.auth.logoutAll();
        } else {
          const own = inForce().find((account) => account.name === staff.staffName);
          if (!own) throw new KioskError('staff.unauthorized', 'このアカウントはもうありません');
          await saveAccounts(withAccount(inForce(), { ...own, passcodeHash }));
          deps.auth.logoutAccount(staff.staffName);
        }
        deps.onSettingsSaved();
        return null;
      },
      'staff.accounts.list': (_request, staff) => {
        requireAdmin(staff);
        return summaries(inForce());
      },
      'staff.accounts.save': async (request, staff) => {
        requireAdmin(staff);
        const problem = passcodeProblem(request.passcode);
        if (problem) throw new KioskError('settings.invalid', problem);
        const next = withAccount(inForce(), {
          name: request.name,
          role: request.role,
          passcodeHash: await deps.auth.hashPin(request.passcode),
        });
        if (!hasAdmin(next)) {
          throw new KioskError('settings.invalid', '管理者アカウントを少なくとも1つ残してください');
        }
        await saveAccounts(next);
        // A reset passcode or a changed role applies from the next sign-in.
        deps.auth.logoutAccount(request.name);
        deps.onSettingsSaved();
        return summaries(next);
      },
      'staff.accounts.remove': async (request, staff) => {
        requireAdmin(staff);
        const accounts = inForce();
        if (!accounts.some((account) => account.name === request.name)) {
          throw new KioskError('settings.invalid', 'そのアカウントはありません');
        }
        const next = accounts.filter((account) => account.name !== request.name);
        if (!hasAdmin(next)) {
          throw new KioskError('settings.invalid', '管理者アカウントを少なくとも1つ残してください');
        }
        await saveAccounts(next);
        deps.auth.logoutAccount(request.name);
        deps.onSettingsSaved();
        return summaries(next);
      },
    }),
  };
}

function pendingAt(controller: SessionController | undefined, reader: string) {
  const session = controller?.sessionAt(reader);
  if (!session || session.stateName !== 'visual-wait') {
    throw new KioskError('visual.not-pending', 'この読み取り機で目視確認を待っている方はいません');
  }
  return session;
}

/** A stored row as staff see it: every instant written in the clinic's offset. */
function toRow(row: StoredConfirmation, clock: ClinicClock): ConfirmationRow {
  const clinicTime = (iso: string): string => {
    const ms = Date.parse(iso);
    return Number.isFinite(ms) ? clock.clinicIso(ms) : iso;
  };
  const consents: ConfirmationRow['consents'] = {};
  for (const item of consentItems) {
    const consent = row.consents[item];
    if (consent) consents[item] = { agreed: consent.agreed, at: clinicTime(consent.at) };
  }
  const out: ConfirmationRow = {
    id: row.id,
    startedAt: clinicTime(row.startedAt),
    endedAt: clinicTime(row.endedAt),
    route: row.route,
    outcome: row.outcome,
    consents,
    durations: { ...row.durations },
  };
  if (row.limitConsent) out.limitConsent = { ...row.limitConsent, at: clinicTime(row.limitConsent.at) };
  if (row.limitClass) out.limitLabel = limitClassLabel(row.limitClass).slice(0, 40);
  const optional = [
    'reader',
    'validity',
    'errorCode',
    'systemCode',
    'insurerNumber',
    'symbol',
    'number',
    'branch',
    'name',
    'nameKana',
    'birthdate',
    'copayTenths',
    'limitClass',
    'staffId',
    'receptionNumber',
  ] as const;
  for (const key of optional) {
    const value = row[key];
    if (value !== undefined && value !== null) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}
