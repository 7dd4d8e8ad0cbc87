// The window a terminal opens (config `mode`), asserted against the fake `electron` module.
import { beforeEach, describe, expect, it } from 'vitest';
import type { KioskConfigInput } from '../../../../electron/core/config/config-schema';
import { windowPath } from '../../../../electron/main/main-process';
import { FakeBrowserWindow, type FakeElectron } from '../../../support/fake-electron';
import { rendererFolder, startMain } from './support/main-harness';

let rendererDir: string;

const start = (config: KioskConfigInput): Promise<FakeElectron> => startMain(config, { rendererDir });

const loaded = (): string | undefined => FakeBrowserWindow.created[0]?.loadedUrl;

beforeEach(async () => {
  rendererDir = await rendererFolder();
});

describe('the window of a staff terminal', () => {
  it('opens the staff console, not the patient screen', async () => {
    await start({ mode: 'staff' });
    expect(FakeBrowserWindow.created).toHaveLength(1);
    expect(loaded()).toBe('app://kiosk/staff');
  });

  it('serves the staff console from app:// as the one renderer page', async () => {
    const fake = await start({ mode: 'staff' });
    const handler = fake.protocolHandlers.get('app');
    if (!handler) throw new Error('app:// not handled');
    const page = await handler(new Request('app://kiosk/staff'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('受付');
  });

  it('keeps the same lockdown as a kiosk: sandbox, isolation, fullscreen from config', async () => {
    await start({ mode: 'staff', window: { kiosk: true } });
    const options = FakeBrowserWindow.created[0]?.options ?? {};
    expect(options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
  });
});

describe('the window of a kiosk', () => {
  it('opens the patient screen, by default and when set', async () => {
    await start({});
    expect(loaded()).toBe('app://kiosk/');
    await start({ mode: 'kiosk' });
    expect(loaded()).toBe('app://kiosk/');
  });
});

describe('windowPath', () => {
  it('names the staff console for staff and the home page for a kiosk', () => {
    expect(windowPath('staff')).toBe('/staff');
    expect(windowPath('kiosk')).toBe('/');
  });
});
