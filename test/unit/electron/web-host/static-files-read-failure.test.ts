// A renderer file that fails while it is being sent ends that response only; the host keeps serving.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as NodeFs from 'node:fs';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWebHost, type WebHost } from '../../../../electron/web-host/web-host';

/** While set, every file read fails after the headers went out (an I/O error, a file removed mid-read). */
const reads = vi.hoisted(() => ({ fail: false }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof NodeFs>();
  return {
    ...fs,
    createReadStream: (...args: Parameters<typeof fs.createReadStream>) =>
      reads.fail
        ? new Readable({
            read() {
              this.destroy(Object.assign(new Error('i/o error'), { code: 'EIO' }));
            },
          })
        : fs.createReadStream(...args),
  };
});

let host: WebHost;
const crashes: unknown[] = [];
const onCrash = (error: unknown): void => {
  crashes.push(error);
};

beforeEach(async () => {
  crashes.length = 0;
  reads.fail = false;
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-static-'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>受付</title>');
  host = createWebHost({ staticDir: dir, port: 0 });
  await host.listen();
});

afterEach(async () => {
  await host.close();
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
});

describe('browser host file reads', () => {
  it('cuts the one response whose file read fails, and serves the next request', async () => {
    reads.fail = true;
    await expect(fetch(`${host.origin}/`).then((res) => res.text())).rejects.toThrow();
    reads.fail = false;
    const page = await fetch(`${host.origin}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('受付');
    expect(crashes).toEqual([]);
  });
});
