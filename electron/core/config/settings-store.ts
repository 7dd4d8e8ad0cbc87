// Staff-editable settings: the console's view of the config, validated changes, and saving back to the file.
import { rename, writeFile } from 'node:fs/promises';
import type { StaffSettings, StaffSettingsChange } from '../../common/contract';
import { KioskError } from '../../common/errors';
import type { KioskConfig } from './config-schema';
import { parseConfig } from './load-config';

export interface SettingsStore {
  current(): KioskConfig;
  /** Validates and saves a whole config; the file is replaced atomically. */
  save(next: KioskConfig): Promise<void>;
}

/** Keeps the settings in memory and, with a path, writes them back to the settings file. */
export function createSettingsStore(initial: KioskConfig, path?: string): SettingsStore {
  let config = initial;
  return {
    current: () => config,
    async save(next) {
      const checked = parseConfig(next);
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
  let checked: KioskConfig;
  try {
    checked = parseConfig(next);
  } catch (error) {
    throw new KioskError('settings.invalid', error instanceof Error ? error.message : '設定に誤りがあります');
  }
  const restartRequired =
    JSON.stringify(checked.gateway) !== JSON.stringify(config.gateway) ||
    checked.reader.nameFilter !== config.reader.nameFilter;
  return { next: checked, restartRequired };
}
