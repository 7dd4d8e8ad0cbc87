// A renderer file that fails while it is being sent ends that response only; the host keeps serving.
import type * as NodeFs from 'node:fs';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebHost } from '../../../../electron/web-host/web-host';
import { watchForCrashes, type CrashWatch } from '../../../support/crash-watch';
import { startPlainHost } from './support/plain-host';

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
let watch: CrashWatch;

beforeEach(async () => {
  reads.fail = false;
  watch = watchForCrashes();
  host = await startPlainHost();
});

afterEach(async () => {
  await host.close();
  watch.stop();
});

describe('browser host file reads', () => {
  it('cuts the one response whose file read fails, and serves the next request', async () => {
    reads.fail = true;
    await expect(fetch(`${host.origin}/`).then((res) => res.text())).rejects.toThrow();
    reads.fail = false;
    const page = await fetch(`${host.origin}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('受付');
    expect(watch.crashes).toEqual([]);
  });
});
