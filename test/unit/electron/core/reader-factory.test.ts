// createReaderPort: the PC/SC driver through the name filter, or the virtual reader with its cards.
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createReaderPort } from '../../../../electron/core/reader-factory';
import { FakePcscd } from '../../native/pcsc/fake-pcsc';

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`never saw ${what}`);
}

describe('createReaderPort', () => {
  it('builds the PC/SC driver on the given pcsclite, keeping only readers that match the name filter', async () => {
    const daemon = new FakePcscd();
    daemon.addReader('Virtual PCD 00 00');
    daemon.addReader('ACS ACR1252 1S CL Reader [ACR1252 Dual Reader PICC] 00 00');
    const reader = await createReaderPort(
      { kind: 'pcsc', nameFilter: 'virtual pcd' },
      { pcsc: daemon.factory },
    );
    try {
      expect(reader.kind).toBe('pcsc');
      expect('makeCard' in reader).toBe(false);
      await until(() => reader.port.readers().length > 0, 'the reader');
      expect(reader.port.readers()).toEqual(['Virtual PCD 00 00']);
      expect(daemon.factoryCalls).toBeGreaterThan(0);
    } finally {
      await reader.port.close();
    }
  });

  it('builds the virtual reader, and cards carrying the holder serial that answer through it', async () => {
    const reader = await createReaderPort({ kind: 'simulated', nameFilter: '' });
    if (reader.kind !== 'simulated') throw new Error('expected the simulated reader');
    try {
      const [name] = reader.port.readers();
      if (!name) throw new Error('the simulated reader has no slot');
      const card = reader.makeCard('physical', '0A000099', '1234');
      expect(card.serialNumber).toBe(0x0a00_0099n);
      expect(new X509Certificate(card.authCertificate).serialNumber).toBe('0A000099');
      reader.port.present(name, card);
      expect(reader.port.cardPresent(name)).toBe(true);
      const connection = await reader.port.connect(name, 'shared');
      const select = Uint8Array.of(
        0x00,
        0xa4,
        0x04,
        0x0c,
        0x0a,
        0xd3,
        0x92,
        0xf0,
        0x00,
        0x26,
        0x01,
        0,
        0,
        0,
        0x01,
      );
      expect([...(await connection.transmit(select))]).toEqual([0x90, 0x00]);
      await connection.disconnect();
    } finally {
      await reader.port.close();
    }
  });
});
