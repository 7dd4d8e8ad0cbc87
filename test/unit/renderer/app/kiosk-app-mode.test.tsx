// The patient page on each kind of terminal: a kiosk shows the patient screen, a staff terminal opens the console.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  languages,
  type KioskApi,
  type SessionSnapshot,
  type TerminalMode,
} from '../../../../electron/common/contract';
import { KioskApp } from '../../../../renderer/app/KioskApp';
import type { KioskBridge } from '../../../../renderer/bridge/kiosk-bridge';
import { MiniDocument, MiniWindow, type MiniElement } from '../support/mini-dom';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Mounts the patient page (`/?token=t`) on a core whose snapshot names `mode`; answers where it went. */
async function mountHome(
  mode: TerminalMode | undefined,
): Promise<{ container: MiniElement; replaced: string[] }> {
  const doc = new MiniDocument();
  const win = new MiniWindow(doc, '?token=t');
  const replaced: string[] = [];
  Object.assign(win.location, { replace: (url: string) => replaced.push(url) });
  vi.stubGlobal('IS_REACT_ACT_ENVIRONMENT', true);
  vi.stubGlobal('window', win);
  vi.stubGlobal('document', doc);
  const snapshot: SessionSnapshot = {
    seq: 1,
    screen: { name: 'idle' },
    preferences: { language: 'ja', largeText: false, voice: false },
    simulation: false,
    terminalName: '受付1',
    ...(mode ? { mode } : {}),
    languages: [...languages],
  };
  const api = {
    invoke: (channel: string) =>
      Promise.resolve({ ok: true, value: channel === 'renderer.ready' ? snapshot : null }),
    on: () => () => undefined,
  } as unknown as KioskApi;
  const bridge: KioskBridge = {
    api,
    onConnection(listener) {
      listener(true);
      return () => undefined;
    },
  };
  const container = doc.createElement('div');
  doc.body.appendChild(container);
  const root = createRoot(container as unknown as HTMLElement);
  await act(async () => root.render(<KioskApp bridge={bridge} />));
  await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
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
