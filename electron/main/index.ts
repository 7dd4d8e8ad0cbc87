// Electron entry point: hands the real `electron` module to the main process.
import * as electron from 'electron';
import path from 'node:path';
import { loadConfig } from '../core/config/load-config';
import { defaultPaths, runMain } from './main-process';

// dist/electron/main.js → dist/
const distDir = path.resolve(import.meta.dirname, '..');

void runMain(electron, {
  ...defaultPaths(distDir),
  configPath: process.env.KIOSK_CONFIG ?? path.join(electron.app.getPath('userData'), 'config.json'),
  loadConfig,
  onFatal: (error) => {
    console.error('Kiosk failed to start', error);
    electron.app.exit(1);
  },
});
