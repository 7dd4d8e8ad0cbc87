// The wired kiosk under Node: the simulator panel presents a virtual card, which runs through the real
// JPKI protocol, the simulator gateway and an in-memory SQLite log.
import { describe, expect, it } from 'vitest';
import type { SessionSnapshot } from '../../../../electron/common/contract';
import { SIMULATION_STAFF_PIN, startKiosk } from '../../../../electron/core/app';
import { parseConfig } from '../../../../electron/core/config/load-config';
import { createInMemoryPair } from '../../../../electron/core/ipc/in-memory-host';

async function until(read: () => Promise<SessionSnapshot>, name: string): Promise<SessionSnapshot> {
  for (let i = 0; i < 2000; i++) {
    const snapshot = await read();
    if (snapshot.screen.name === name) return snapshot;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`never reached ${name}: ${JSON.stringify((await read()).screen)}`);
}

describe('the wired simulation kiosk', () => {
  it('checks in a virtual card with its PIN and records it', async () => {
    const { host, client } = createInMemoryPair();
    const kiosk = await startKiosk(host, parseConfig({}));
    const read = async (): Promise<SessionSnapshot> => {
      const r = await client.invoke('session.get', {});
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    try {
      const state = await client.invoke('sim.state', {});
      expect(state.ok && state.value.holders.length).toBeGreaterThan(0);
      expect(await client.invoke('sim.present', { variant: 'physical', holderId: 'p01' })).toMatchObject({
        ok: true,
      });
      const pin = await until(read, 'pin');
      expect(pin.simulation).toBe(true);
      await until(async () => {
        const s = await read();
        return s.screen.name === 'pin' && s.screen.triesLeft === 3
          ? s
          : { ...s, screen: { name: 'reading' } };
      }, 'pin');
      await client.invoke('pin.submit', { pin: '1234' });
      await until(read, 'consent');
      await client.invoke('consent.all', { agreed: true });
      const result = await until(read, 'result');
      expect(result.screen).toMatchObject({
        name: 'result',
        outcome: 'confirmed',
        person: { name: '試験　太郎', nameNeedsStaffCheck: false },
        receptionNumber: 1,
      });

      const login = await client.invoke('staff.login', { pin: SIMULATION_STAFF_PIN });
      if (!login.ok) throw new Error(login.error.message);
      const rows = await client.invoke('staff.confirmations.list', { token: login.value.token, filter: {} });
      expect(rows.ok && rows.value).toEqual([
        expect.objectContaining({
          route: 'card-pin',
          outcome: 'confirmed',
          name: '試験　太郎',
          limitClass: 'A03',
          receptionNumber: 1,
        }),
      ]);
      const status = await client.invoke('staff.status', { token: login.value.token });
      expect(status.ok && status.value).toMatchObject({
        simulation: true,
        readerService: 'up',
        gateway: { kind: 'simulator' },
      });

      await client.invoke('result.done', {});
      await until(read, 'take-card');
      await client.invoke('sim.remove', {});
      await until(read, 'idle');
    } finally {
      await kiosk.stop();
    }
  });

  it('a locked virtual card never takes a PIN and goes to the visual check', async () => {
    const { host, client } = createInMemoryPair();
    const kiosk = await startKiosk(host, parseConfig({}));
    const read = async (): Promise<SessionSnapshot> => {
      const r = await client.invoke('session.get', {});
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    try {
      await client.invoke('sim.present', { variant: 'locked', holderId: 'p02' });
      const choose = await until(read, 'choose-auth');
      expect(choose.screen).toMatchObject({ reason: 'pin-locked', options: ['visual'] });
    } finally {
      await kiosk.stop();
    }
  });

  it('reader, log and gateway outages from the panel show out of service, which recovers when they end', async () => {
    const { host, client } = createInMemoryPair();
    const kiosk = await startKiosk(host, parseConfig({}));
    const read = async (): Promise<SessionSnapshot> => {
      const r = await client.invoke('session.get', {});
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    try {
      await client.invoke('sim.faults', { readerDown: true });
      expect((await until(read, 'out-of-service')).screen).toEqual({
        name: 'out-of-service',
        reason: 'reader-down',
      });
      await client.invoke('sim.faults', { readerDown: false });
      await until(read, 'idle');
      await client.invoke('sim.faults', { logDown: true });
      expect((await until(read, 'out-of-service')).screen).toEqual({
        name: 'out-of-service',
        reason: 'log-down',
      });
      await client.invoke('sim.faults', { logDown: false });
      await until(read, 'idle');
      await client.invoke('sim.faults', { gateway: 'error' });
      expect((await until(read, 'out-of-service')).screen).toEqual({
        name: 'out-of-service',
        reason: 'gateway-down',
      });
      await client.invoke('sim.faults', { gateway: 'none' });
      await until(read, 'idle');
    } finally {
      await kiosk.stop();
    }
  });
});
