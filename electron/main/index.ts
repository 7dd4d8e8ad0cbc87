// Electron entry point: hands the real `electron` module to the main process.
import * as electron from 'electron';
import path from 'node:path';
import { isKioskError } from '../common/errors';
import { loadConfig } from '../core/config/load-config';
import { defaultPaths, runMain } from './main-process';

// dist/electron/main.js → dist/
const distDir = path.resolve(import.meta.dirname, '..');

void runMain(electron, {
  ...defaultPaths(distDir),
  configPath: process.env.KIOSK_CONFIG ?? path.join(electron.app.getPath('userData'), 'config.json'),
  loadConfig,
  onFatal: (error) => {
    // A settings or start-up error the staff can fix is shown as its code and message, without a stack trace.
    if (isKioskError(error)) console.error(`Kiosk failed to start: [${error.code}] ${error.message}`);
    else console.error('Kiosk failed to start', error);
    electron.app.exit(1);
  },
});
