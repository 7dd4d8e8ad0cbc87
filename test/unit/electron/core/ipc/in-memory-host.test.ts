// The contract round trip under Node: validation, the error envelope, and events held until ready.
import { describe, expect, it, vi } from 'vitest';
import { invokeChannelNames, type SessionSnapshot } from '../../../../../electron/common/contract';
import { KioskError } from '../../../../../electron/common/errors';
import { startKiosk } from '../../../../../electron/core/app';
import { parseConfig } from '../../../../../electron/core/config/load-config';
import { createDispatcher, type InvokeHandlers } from '../../../../../electron/core/ipc/dispatcher';
import { createInMemoryPair } from '../../../../../electron/core/ipc/in-memory-host';

const snapshot: SessionSnapshot = {
  seq: 1,
  screen: { name: 'idle' },
  preferences: { language: 'ja', largeText: false, voice: false },
  simulation: true,
  terminalName: '受付1',
  languages: ['ja', 'en', 'zh-Hans', 'ko', 'vi'],
};

function handlers(overrides: Partial<InvokeHandlers> = {}): InvokeHandlers {
  const unused = Object.fromEntries(
    invokeChannelNames.map((channel) => [
      channel,
      () => {
        throw new KioskError('session.invalid-state', `${channel} is not used here`);
      },
    ]),
  ) as unknown as InvokeHandlers;
  return {
    ...unused,
    'renderer.ready': () => snapshot,
    'session.get': () => snapshot,
    'session.cancel': () => null,
    'preferences.set': () => snapshot,
    ...overrides,
  };
}

describe('in-memory IPC pair', () => {
  it('round-trips a request and answers in the ok envelope', async () => {
    const { host, client } = createInMemoryPair();
    host.serve(createDispatcher(handlers()));
    await expect(client.invoke('session.get', {})).resolves.toEqual({ ok: true, value: snapshot });
  });

  it('refuses an unknown channel with a stable code', async () => {
    const { host, client } = createInMemoryPair();
    host.serve(createDispatcher(handlers()));
    const result = await client.raw('fs.readFile', { path: '/etc/passwd' });
    expect(result).toEqual({ ok: false, error: { code: 'ipc.unknown-channel', message: 'Unknown channel' } });
  });

  it.each([
    ['extra key', { language: 'ja', admin: true }],
    ['wrong type', { largeText: 'yes' }],
    ['unsupported language', { language: 'fr' }],
    ['not an object', 'ja'],
    ['null', null],
  ])('rejects a malformed request (%s) before the handler runs', async (_name, request) => {
    const handler = vi.fn(() => snapshot);
    const { host, client } = createInMemoryPair();
    host.serve(createDispatcher(handlers({ 'preferences.set': handler })));
    const result = await client.raw('preferences.set', request);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('ipc.invalid-request');
    expect(handler).not.toHaveBeenCalled();
  });

  it('rejects an oversized request', async () => {
    const { host, client } = createInMemoryPair();
    host.serve(createDispatcher(handlers()));
    const result = await client.raw('preferences.set', { language: 'ja', pad: 'x'.repeat(100_000) });
    expect(!result.ok && result.error.code).toBe('ipc.payload-too-large');
  });

  it('passes a KioskError code through and hides other failures', async () => {
    const onInternalError = vi.fn();
    const { host, client } = createInMemoryPair();
    host.serve(
      createDispatcher(
        handlers({
          'session.cancel': () => {
            throw new KioskError('session.invalid-state', 'Nothing to cancel');
          },
          'session.get': () => {
            throw new Error('secret stack detail');
          },
        }),
        { onInternalError },
      ),
    );
    expect(await client.invoke('session.cancel', {})).toEqual({
      ok: false,
      error: { code: 'session.invalid-state', message: 'Nothing to cancel' },
    });
    const hidden = await client.invoke('session.get', {});
    expect(hidden).toEqual({
      ok: false,
      error: { code: 'ipc.handler-failed', message: 'Internal error on session.get' },
    });
    expect(onInternalError).toHaveBeenCalledOnce();
  });

  it('refuses a handler answer that breaks the contract', async () => {
    const { host, client } = createInMemoryPair();
    const broken = { ...snapshot, seq: -1 };
    host.serve(
      createDispatcher(handlers({ 'session.get': () => broken }), { onInternalError: () => undefined }),
    );
    const result = await client.invoke('session.get', {});
    expect(!result.ok && result.error.code).toBe('ipc.invalid-response');
  });

  it('answers not-ready before the core serves', async () => {
    const { client } = createInMemoryPair();
    const result = await client.invoke('session.get', {});
    expect(!result.ok && result.error.code).toBe('ipc.not-ready');
  });

  it('holds events until the renderer says ready, then delivers the newest', async () => {
    const { host, client } = createInMemoryPair();
    const kiosk = await startKiosk(host, parseConfig({}));
    const seen: SessionSnapshot[] = [];
    client.on('session.changed', (s) => seen.push(s));
    await client.invoke('preferences.set', { language: 'en' });
    await client.invoke('preferences.set', { largeText: true });
    expect(seen).toEqual([]);
    await client.invoke('renderer.ready', {});
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toHaveLength(1);
    expect(seen[0]?.preferences).toEqual({ language: 'en', largeText: true, voice: false });
    await client.invoke('preferences.set', { voice: true });
    expect(seen).toHaveLength(2);
    await kiosk.stop();
  });

  it('returns to the clinic defaults on cancel', async () => {
    const { host, client } = createInMemoryPair();
    const kiosk = await startKiosk(host, parseConfig({ ui: { defaultLanguage: 'ja' } }));
    await client.invoke('preferences.set', { language: 'vi', voice: true });
    await client.invoke('session.cancel', {});
    const result = await client.invoke('session.get', {});
    expect(result.ok && result.value.preferences).toEqual({ language: 'ja', largeText: false, voice: false });
    await kiosk.stop();
  });

  it('ignores a language the clinic has not enabled', async () => {
    const { host, client } = createInMemoryPair();
    const kiosk = await startKiosk(host, parseConfig({ ui: { languages: ['ja', 'en'] } }));
    const result = await client.invoke('preferences.set', { language: 'ko' });
    expect(result.ok && result.value.preferences.language).toBe('ja');
    await kiosk.stop();
  });
});
