// Where the log file lives by default: the app's user-data folder, as Electron names it for this app.
import os from 'node:os';
import path from 'node:path';

/** Folder name under the platform's application-data folder (Electron's userData for package "reception-kiosk"). */
export const APP_DATA_NAME = 'reception-kiosk';
export const LOG_FILE_NAME = 'confirmation-log.sqlite';

/**
 * KIOSK_LOG_DB when set; otherwise %APPDATA%\reception-kiosk (Windows), ~/Library/Application Support/
 * reception-kiosk (macOS) or $XDG_CONFIG_HOME (~/.config)/reception-kiosk, plus confirmation-log.sqlite.
 */
export function defaultLogPath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (env.KIOSK_LOG_DB) return env.KIOSK_LOG_DB;
  const base =
    platform === 'win32'
      ? (env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? path.join(home, '.config'));
  return path.join(base, APP_DATA_NAME, LOG_FILE_NAME);
}
