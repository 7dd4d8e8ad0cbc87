// Mounts the patient page (KioskApp) on the mini DOM with a bridge whose core answers one snapshot.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { vi } from 'vitest';
import { languages, type KioskApi, type SessionSnapshot } from '../../../../electron/common/contract';
import { KioskApp } from '../../../../renderer/app/KioskApp';
import type { KioskBridge } from '../../../../renderer/bridge/kiosk-bridge';
import { MiniDocument, MiniWindow, type MiniElement } from './mini-dom';

/** A snapshot of an idle kiosk in Japanese, with `over` applied. */
export const kioskSnapshot = (over: Partial<SessionSnapshot> = {}): SessionSnapshot => ({
  seq: 1,
  screen: { name: 'idle' },
  preferences: { language: 'ja', largeText: false, voice: false },
  simulation: false,
  terminalName: '受付1',
  languages: [...languages],
  ...over,
});

export interface MountedKioskApp {
  container: MiniElement;
  win: MiniWindow;
  root: Root;
}

/**
 * Renders KioskApp at `/?token=t` (globals stubbed; the caller unstubs them after each test). The core answers
 * `renderer.ready` with `snapshot` and every other call with null; `onInvoke` sees each call.
 */
export async function mountKioskApp(
  snapshot: SessionSnapshot,
  onInvoke: (channel: string, request: unknown) => void = () => undefined,
  prepare: (win: MiniWindow) => void = () => undefined,
): Promise<MountedKioskApp> {
  const doc = new MiniDocument();
  const win = new MiniWindow(doc, '?token=t');
  prepare(win);
  vi.stubGlobal('IS_REACT_ACT_ENVIRONMENT', true);
  vi.stubGlobal('window', win);
  vi.stubGlobal('document', doc);
  const api = {
    invoke: (channel: string, request: unknown) => {
      onInvoke(channel, request);
      return Promise.resolve({ ok: true, value: channel === 'renderer.ready' ? snapshot : null });
    },
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
  return { container, win, root };
}
