// Default location of the log file on each platform, and the KIOSK_LOG_DB override.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLogPath } from '../../../../../electron/core/log/default-path';

describe('defaultLogPath', () => {
  it('honours KIOSK_LOG_DB', () => {
    expect(defaultLogPath({ KIOSK_LOG_DB: '/srv/log.sqlite' }, 'linux', '/home/k')).toBe('/srv/log.sqlite');
  });

  it('uses the per-user application data folder', () => {
    expect(defaultLogPath({}, 'linux', '/home/k')).toBe(
      path.join('/home/k', '.config', 'reception-kiosk', 'confirmation-log.sqlite'),
    );
    expect(defaultLogPath({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/k')).toBe(
      path.join('/x', 'reception-kiosk', 'confirmation-log.sqlite'),
    );
    expect(defaultLogPath({ APPDATA: 'C:/Users/k/AppData/Roaming' }, 'win32', 'C:/Users/k')).toBe(
      path.join('C:/Users/k/AppData/Roaming', 'reception-kiosk', 'confirmation-log.sqlite'),
    );
    expect(defaultLogPath({}, 'darwin', '/Users/k')).toBe(
      path.join('/Users/k', 'Library', 'Application Support', 'reception-kiosk', 'confirmation-log.sqlite'),
    );
  });
});
