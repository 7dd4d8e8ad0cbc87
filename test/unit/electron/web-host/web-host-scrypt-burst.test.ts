// A burst of staff logins at full scrypt cost, over a real socket: the page is still served while they are verified.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startKiosk, type RunningKiosk } from '../../../../electron/core/app';
import { parseConfig } from '../../../../electron/core/config/load-config';
import { hashStaffPin, STAFF_PIN_LEGACY_COST } from '../../../../electron/core/staff/staff-pin';
import { createWebHost, type WebHost } from '../../../../electron/web-host/web-host';

const LOGINS = 16;
let host: WebHost;
let kiosk: RunningKiosk | undefined;

afterEach(async () => {
  await kiosk?.stop();
  kiosk = undefined;
});

describe('bounded scrypt in the browser host', () => {
  it('a static request made during a burst of logins is answered before the last login verdict', async () => {
    // A real scrypt cost (the product's earlier one, 2^14, so 16 of them fit the test's time): real thread-pool work.
    const pinHash = await hashStaffPin('582301', STAFF_PIN_LEGACY_COST);
    const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-web-'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>受付</title>');
    host = createWebHost({ staticDir: dir, port: 0 });
    // Enough tries that every login of the burst is verified (none is refused by a lockout).
    kiosk = await startKiosk(host, parseConfig({ staff: { pinHash, maxFailures: 20, lockoutMinutes: 5 } }));
    await host.listen();

    const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/ipc?token=${host.token}&client=staff`, {
      headers: { Origin: host.origin },
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));

    const order: string[] = [];
    const verdicts = new Promise<void>((resolve) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { t: string; id: number; result: { ok: boolean } };
        if (frame.t !== 'result') return;
        order.push(`login ${frame.id} ${frame.result.ok ? 'ok' : 'refused'}`);
        if (order.filter((e) => e.startsWith('login')).length === LOGINS) resolve();
      });
    });
    // Both surfaces at once: their queues run side by side, the gate bounds them together.
    for (let id = 1; id <= LOGINS; id++) {
      const surface = id % 2 === 0 ? 'kiosk' : 'desk';
      ws.send(
        JSON.stringify({ t: 'invoke', id, channel: 'staff.login', request: { pin: '000000', surface } }),
      );
    }
    // Once the first verdict is out the burst is being verified; the page is asked for then.
    await new Promise<void>((resolve) => {
      const poll = (): void => (order.length > 0 ? resolve() : void setTimeout(poll, 1));
      poll();
    });
    const page = new Promise<number>((resolve, reject) => {
      request(`${host.origin}/`, (res) => {
        res.resume();
        res.on('end', () => {
          order.push('page');
          resolve(res.statusCode ?? 0);
        });
      })
        .on('error', reject)
        .end();
    });
    expect(await page).toBe(200);
    await verdicts;
    ws.close();

    const logins = order.filter((e) => e.startsWith('login'));
    expect(logins).toHaveLength(LOGINS);
    expect(logins.every((e) => e.endsWith('refused'))).toBe(true);
    // The page came back while most logins were still waiting for their verification: it did not queue
    // behind the burst on the thread pool (unbounded, it came after 14 of the 16 verdicts).
    expect(order.at(-1)).toMatch(/^login/);
    expect(order.indexOf('page')).toBeLessThan(LOGINS / 2);
  });
});
