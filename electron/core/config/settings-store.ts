// Staff-editable settings: the console's view of the config, validated changes, and saving back to the file.
import { rename, writeFile } from 'node:fs/promises';
import type { StaffSettings, StaffSettingsChange } from '../../common/contract';
import { KioskError } from '../../common/errors';
import type { KioskConfig } from './config-schema';
import { checkConfig, parseConfig } from './load-config';

export interface SettingsStore {
  current(): KioskConfig;
  /** Validates and saves a whole config; the file is replaced atomically. */
  save(next: KioskConfig): Promise<void>;
}

/** The staff console's names of the settings it edits, so a refusal names the field staff see. */
const staffLabels: Readonly<Record<string, string>> = {
  terminalName: '端末名',
  'clinic.medicalInstitutionCode': '医療機関コード',
  'reader.nameFilter': 'カードリーダー名',
  'gateway.folders.request': '要求フォルダ（req）',
  'gateway.folders.result': '結果フォルダ（res）',
  'gateway.folders.face': 'face フォルダ',
  'gateway.timeoutSeconds': '応答待ち（秒）',
};

/** "key: what is wrong" as staff read it: the console's field name first, the settings key after it. */
function forStaff(problem: string): string {
  const key = /^([\w.]+):/.exec(problem)?.[1];
  const label = key === undefined ? undefined : staffLabels[key];
  return label === undefined ? problem : `${label} [${key}]${problem.slice(key?.length ?? 0)}`;
}

export interface SettingsStoreOptions {
  /**
   * The problems of the places a configuration writes ("key: what is wrong"), as checked at start
   * (`check-places.ts`). Asked when a save changes the gateway or the log; a problem refuses the save.
   */
  placeProblems?: (config: KioskConfig) => Promise<string[]>;
}

/** Keeps the settings in memory and, with a path, writes them back to the settings file. */
export function createSettingsStore(
  initial: KioskConfig,
  path?: string,
  options: SettingsStoreOptions = {},
): SettingsStore {
  let config = initial;
  return {
    current: () => config,
    async save(next) {
      const checked = parseConfig(next);
      const placesChanged =
        JSON.stringify(checked.gateway) !== JSON.stringify(config.gateway) ||
        checked.log.path !== config.log.path;
      if (placesChanged && options.placeProblems) {
        const problems = await options.placeProblems(checked);
        if (problems.length > 0) {
          throw new KioskError('settings.invalid', `保存できません。${problems.map(forStaff).join(' / ')}`);
        }
      }
      if (path) {
        const temp = `${path}.${process.pid}.tmp`;
        try {
          await writeFile(temp, `${JSON.stringify(checked, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
          await rename(temp, path);
        } catch (error) {
          throw new KioskError('settings.unwritable', `設定ファイルに書き込めません: ${path}`, {
            cause: error,
          });
        }
      }
      config = checked;
    },
  };
}

export function toStaffSettings(config: KioskConfig): StaffSettings {
  return {
    terminalName: config.terminalName,
    medicalInstitutionCode: config.clinic.medicalInstitutionCode,
    consentItems: [...config.consent.items],
    limitConsentScreen: config.consent.limitScreen,
    resultShowsCopayAndLimit: config.resultScreen.showCopayAndLimit,
    languages: [...config.ui.languages],
    defaultLanguage: config.ui.defaultLanguage,
    timeouts: { ...config.timeouts },
    card: { ...config.card },
    gateway: {
      adapter: config.gateway.adapter,
      requestFolder: config.gateway.folders.request,
      resultFolder: config.gateway.folders.result,
      faceFolder: config.gateway.folders.face,
      timeoutSeconds: config.gateway.timeoutSeconds,
    },
    readerNameFilter: config.reader.nameFilter,
  };
}

/**
 * Applies a staff change to the config; throws settings.invalid naming the bad setting.
 * Returns whether the change needs a restart (gateway and reader wiring are built at start).
 */
export function applyStaffChange(
  config: KioskConfig,
  change: StaffSettingsChange,
): { next: KioskConfig; restartRequired: boolean } {
  const gateway = change.gateway;
  const next: KioskConfig = {
    ...config,
    terminalName: change.terminalName ?? config.terminalName,
    clinic: {
      ...config.clinic,
      medicalInstitutionCode: change.medicalInstitutionCode ?? config.clinic.medicalInstitutionCode,
    },
    consent: {
      items: change.consentItems ? [...new Set(change.consentItems)] : config.consent.items,
      limitScreen: change.limitConsentScreen ?? config.consent.limitScreen,
    },
    resultScreen: {
      showCopayAndLimit: change.resultShowsCopayAndLimit ?? config.resultScreen.showCopayAndLimit,
    },
    ui: {
      ...config.ui,
      languages: change.languages ? [...new Set(change.languages)] : config.ui.languages,
      defaultLanguage: change.defaultLanguage ?? config.ui.defaultLanguage,
    },
    timeouts: { ...config.timeouts, ...change.timeouts },
    card: { ...config.card, ...change.card },
    gateway: gateway
      ? {
          adapter: gateway.adapter,
          folders: { request: gateway.requestFolder, result: gateway.resultFolder, face: gateway.faceFolder },
          timeoutSeconds: gateway.timeoutSeconds,
        }
      : config.gateway,
    reader: { ...config.reader, nameFilter: change.readerNameFilter ?? config.reader.nameFilter },
  };
  if (!next.ui.languages.includes(next.ui.defaultLanguage)) {
    throw new KioskError('settings.invalid', '既定の言語は、表示する言語に含めてください');
  }
  if (
    next.gateway.adapter === 'oqs-folder' &&
    (!next.gateway.folders.request || !next.gateway.folders.result)
  ) {
    throw new KioskError('settings.invalid', '資格確認端末のフォルダ（要求・結果）を指定してください');
  }
  const result = checkConfig(next);
  if (!result.ok) {
    throw new KioskError('settings.invalid', `保存できません。${result.problems.map(forStaff).join(' / ')}`);
  }
  const checked = result.config;
  const restartRequired =
    JSON.stringify(checked.gateway) !== JSON.stringify(config.gateway) ||
    checked.reader.nameFilter !== config.reader.nameFilter;
  return { next: checked, restartRequired };
}
