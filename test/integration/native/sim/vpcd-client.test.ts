// The virtual card presented to a real pcscd over vpcd and read by OpenSC, a general-purpose My Number client.
import { execFile } from 'node:child_process';
import { createHash, verify, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { requireTool } from '../../../support/requirements';
import { createVirtualCard, presentOverVpcd, type VpcdPresentation } from '../../../../native/sim';

const run = promisify(execFile);
// Slot 1 (port 35964): the pcsclite adapter's tests use slot 0 (my-number-card.md §8.3).
const port = 35964;
const reader = 'Virtual PCD 00 01';
const pcscd = inject('pcscdAvailable');
const opensc = pcscd && requireTool('OpenSC', existsSync('/usr/bin/pkcs15-tool'), 'apt-get install opensc');

/** Runs an OpenSC tool; never throws, so a failed probe can be retried. The event loop stays free for vpcd. */
async function tool(command: string, args: string[], driver?: string): Promise<{ ok: boolean; out: string }> {
  try {
    // OPENSC_DRIVER skips OpenSC's probing of some thirty other card types (≈40 ms per APDU over vpcd).
    const env = driver ? { ...process.env, OPENSC_DRIVER: driver } : process.env;
    const { stdout, stderr } = await run(command, args, { timeout: 20_000, env });
    return { ok: true, out: stdout + stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

async function waitUntil(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const atrSeen = async (): Promise<boolean> =>
  (await tool('opensc-tool', ['--reader', reader, '--atr'], 'default')).ok;

describe.runIf(pcscd && opensc)('virtual card over vpcd, read by OpenSC', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vpcd-card-'));
  let presentation: VpcdPresentation | undefined;

  afterEach(async () => {
    await presentation?.remove();
    presentation = undefined;
    await waitUntil(async () => !(await atrSeen()), 'the card to leave the reader');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is recognised as a JPKI card; its certificates and PIN counters read; it signs with the PIN', async () => {
    const card = createVirtualCard({ serialNumber: 0x5eed_0001n, pin: '2580' });
    presentation = await presentOverVpcd({ card, port });
    await waitUntil(atrSeen, 'pcscd to see the card');

    const atr = await tool('opensc-tool', ['--reader', reader, '--atr']);
    expect(atr.out.trim()).toBe('3b:88:80:01:00:00:05:e0:b3:81:a1:00:7f');
    expect((await tool('opensc-tool', ['--reader', reader, '--name'])).out.trim()).toBe('jpki');

    const list = await tool('pkcs15-tool', ['--reader', reader, '--list-certificates'], 'jpki');
    expect(list.ok).toBe(true);
    expect(list.out).toContain('User Authentication Certificate');
    expect(list.out).toContain('Encoded serial : 02 04 5EED0001');

    const pem = await tool('pkcs15-tool', ['--reader', reader, '--read-certificate', '01'], 'jpki');
    const read = new X509Certificate(pem.out.slice(pem.out.indexOf('-----BEGIN')));
    expect(new Uint8Array(read.raw)).toEqual(card.authCertificate);

    const pins = await tool('pkcs15-tool', ['--reader', reader, '--list-pins'], 'jpki');
    expect(pins.out).toMatch(/User Authentication PIN[\s\S]*Tries left\s*: 3/);
    expect(pins.out).toMatch(/Digital Signature PIN[\s\S]*Tries left\s*: 5/);

    // VERIFY + COMPUTE DIGITAL SIGNATURE through OpenSC's JPKI driver
    const hashFile = path.join(dir, 'hash.bin');
    const signatureFile = path.join(dir, 'signature.bin');
    writeFileSync(hashFile, createHash('sha256').update('challenge from the server').digest());
    const signed = await tool(
      'pkcs15-crypt',
      [
        '--reader',
        reader,
        '--sign',
        '--key',
        '01',
        '--pin',
        '2580',
        '--sha-256',
        '--pkcs1',
        '--raw',
        '-i',
        hashFile,
        '-o',
        signatureFile,
      ],
      'jpki',
    );
    expect(signed.ok).toBe(true);
    const signature = readFileSync(signatureFile);
    expect(signature.length).toBe(256);
    expect(verify('sha256', Buffer.from('challenge from the server'), read.publicKey, signature)).toBe(true);
  });

  it('answers raw APDUs sent through pcscd, and a wrong PIN counts down', async () => {
    const card = createVirtualCard();
    presentation = await presentOverVpcd({ card, port });
    await waitUntil(atrSeen, 'pcscd to see the card');
    const result = await tool(
      'opensc-tool',
      [
        '--reader',
        reader,
        '--send-apdu',
        '00A4040C0AD392F000260100000001',
        '--send-apdu',
        '00B0860020',
        '--send-apdu',
        '00A4020C020018',
        '--send-apdu',
        '002000800439393939',
        '--send-apdu',
        '00B08A0000',
      ],
      'default',
    );
    expect(result.out).toContain('JPKIAPICCTOKEN2');
    expect(result.out).toContain('SW1=0x63, SW2=0xC2');
    expect(card.pinTriesLeft).toBe(2);
    const extended = await tool(
      'opensc-tool',
      ['--reader', reader, '--send-apdu', '00A4040C0AD392F000260100000001', '--send-apdu', '00B08A00000000'],
      'default',
    );
    expect(extended.out).toContain('SW1=0x90, SW2=0x00');
  });

  it('a card that is not a My Number card is not taken for one', async () => {
    presentation = await presentOverVpcd({ card: createVirtualCard({ variant: 'not-my-number' }), port });
    await waitUntil(atrSeen, 'pcscd to see the card');
    const result = await tool(
      'opensc-tool',
      ['--reader', reader, '--send-apdu', '00A4040C0AD392F000260100000001'],
      'default',
    );
    expect(result.out).toContain('SW1=0x6A, SW2=0x82');
    // OpenSC's JPKI driver, forced onto this card, finds no JPKI AP.
    const forced = await tool('pkcs15-tool', ['--reader', reader, '--list-certificates'], 'jpki');
    expect(forced.ok).toBe(false);
  });

  it('removal: closing the connection empties the reader', async () => {
    presentation = await presentOverVpcd({ card: createVirtualCard(), port });
    await waitUntil(atrSeen, 'pcscd to see the card');
    await presentation.remove();
    await presentation.done;
    presentation = undefined;
    await waitUntil(async () => !(await atrSeen()), 'the card to leave the reader');
    const after = await tool('opensc-tool', ['--reader', reader, '--atr'], 'default');
    expect(after.ok).toBe(false);
    expect(after.out).toMatch(/Card not present/i);
  });
});
