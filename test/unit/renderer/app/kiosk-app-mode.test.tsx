// The patient page on each kind of terminal: a kiosk shows the patient screen, a staff terminal opens the console.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type TerminalMode } from '../../../../electron/common/contract';
import { type MiniElement } from '../support/mini-dom';
import { kioskSnapshot, mountKioskApp } from '../support/mount-kiosk-app';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Mounts the patient page (`/?token=t`) on a core whose snapshot names `mode`; answers where it went. */
async function mountHome(
  mode: TerminalMode | undefined,
): Promise<{ container: MiniElement; replaced: string[] }> {
  const replaced: string[] = [];
  const { container } = await mountKioskApp(kioskSnapshot(mode ? { mode } : {}), undefined, (win) =>
    Object.assign(win.location, { replace: (url: string) => replaced.push(url) }),
  );
  return { container, replaced };
}

const screens = (container: MiniElement): string[] =>
  container.findAll((e) => e.hasAttribute('data-screen')).map((e) => e.getAttribute('data-screen') ?? '');

describe('KioskApp by terminal mode', () => {
  it('on a staff terminal, replaces itself with the staff console and never draws a patient screen', async () => {
    const { container, replaced } = await mountHome('staff');
    expect(replaced).toEqual(['./staff?token=t']);
    expect(screens(container)).toEqual(['connecting']);
  });

  it('on a kiosk, and on a core that names no mode, shows the patient idle screen and stays', async () => {
    for (const mode of ['kiosk', undefined] as const) {
      const { container, replaced } = await mountHome(mode);
      expect(replaced).toEqual([]);
      expect(screens(container)).toEqual(['idle']);
    }
  });
});
