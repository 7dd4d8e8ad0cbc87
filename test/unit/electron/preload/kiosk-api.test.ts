// The preload exposes exactly window.kiosk, built from the contract, and never leaks the IPC event.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { buildKioskApi, exposeKioskApi, type RendererIpc } from '../../../../electron/preload/kiosk-api';

function fakeIpc(): RendererIpc & { emitter: EventEmitter; invoke: ReturnType<typeof vi.fn> } {
  const emitter = new EventEmitter();
  return {
    emitter,
    invoke: vi.fn(async () => ({ ok: true, value: null })),
    on: (channel, listener) => emitter.on(channel, listener),
    removeListener: (channel, listener) => emitter.removeListener(channel, listener),
  };
}

describe('preload kiosk API', () => {
  it('exposes only `kiosk` with invoke and on', () => {
    const exposed: [string, unknown][] = [];
    exposeKioskApi({ exposeInMainWorld: (key, api) => exposed.push([key, api]) }, fakeIpc());
    expect(exposed).toHaveLength(1);
    expect(exposed[0]?.[0]).toBe('kiosk');
    expect(Object.keys(exposed[0]?.[1] as object).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(exposed[0]?.[1])).toBe(true);
  });

  it('forwards contract channels and refuses others without touching ipcRenderer', async () => {
    const ipc = fakeIpc();
    const api = buildKioskApi(ipc);
    await api.invoke('session.get', {});
    expect(ipc.invoke).toHaveBeenCalledWith('session.get', {});
    const refused = await api.invoke('shell.openExternal' as 'session.get', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'ipc.unknown-channel' } });
    expect(ipc.invoke).toHaveBeenCalledTimes(1);
  });

  it('delivers only the payload of an event, and unsubscribes', () => {
    const ipc = fakeIpc();
    const api = buildKioskApi(ipc);
    const listener = vi.fn();
    const off = api.on('session.changed', listener);
    ipc.emitter.emit('session.changed', { sender: 'secret' }, { seq: 1 });
    expect(listener).toHaveBeenCalledWith({ seq: 1 });
    off();
    ipc.emitter.emit('session.changed', {}, { seq: 2 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(() => api.on('ipc.internal' as 'session.changed', listener)).toThrow();
  });
});
