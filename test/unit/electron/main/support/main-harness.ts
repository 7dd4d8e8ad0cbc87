// The main process on the fake `electron`: a stand-in renderer folder, a start with given settings, its window, IPC as its frame.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { KioskConfigInput } from '../../../../../electron/core/config/config-schema';
import { parseConfig } from '../../../../../electron/core/config/load-config';
import { runMain } from '../../../../../electron/main/main-process';
import { createFakeElectron, FakeBrowserWindow, type FakeElectron } from '../../../../support/fake-electron';

/** A temp folder standing in for the built renderer: index.html and one script under assets/. */
export async function rendererFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-renderer-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>受付</title>');
  await writeFile(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}

/** Runs the main process until its window has loaded; a start that reported a fatal error throws it. */
export async function startMain(
  config: KioskConfigInput = {},
  options: { rendererDir?: string; lockGranted?: boolean } = {},
): Promise<FakeElectron> {
  const rendererDir = options.rendererDir ?? (await rendererFolder());
  const fake = createFakeElectron({ lockGranted: options.lockGranted ?? true });
  const errors: unknown[] = [];
  const started = runMain(fake.port, {
    rendererDir,
    preloadPath: '/app/preload.cjs',
    // The settings file's folder also holds the log key: a folder of this test's own.
    configPath: path.join(rendererDir, 'config.json'),
    loadConfig: async () => parseConfig(config),
    onFatal: (e) => errors.push(e),
  });
  await fake.ready();
  await started;
  if (errors.length > 0) throw errors[0];
  return fake;
}

/** The kiosk window the main process created. */
export function kioskWindow(): FakeBrowserWindow {
  const w = FakeBrowserWindow.created[0];
  if (!w) throw new Error('no window created');
  return w;
}

/** Calls a registered ipcMain handler as the kiosk window's own main frame. */
export async function invokeAsKiosk(fake: FakeElectron, channel: string, request: unknown): Promise<unknown> {
  const handler = fake.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  const contents = kioskWindow().webContents;
  return handler({ sender: contents, senderFrame: contents.mainFrame }, request);
}
