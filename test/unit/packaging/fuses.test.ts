// The hardened fuse set, and the afterPack hook flipping it in a binary carrying a real fuse wire layout.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { afterPack, applyKioskFuses, electronBinaryPath } from '../../../build/after-pack.mjs';
import { kioskFuseConfig, kioskFuses } from '../../../build/fuses.mjs';

/** The sentinel @electron/fuses looks for, followed by the wire version and length (@electron/fuses constants). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLE = 0x31;
const DISABLE = 0x30;

/** A stand-in executable: padding, the sentinel, wire version 1, then `states` as Electron ships them. */
async function fakeElectronBinary(dir: string, name: string, states: number[]): Promise<string> {
  const file = path.join(dir, name);
  const wire = Buffer.from([0x01, states.length, ...states]);
  await writeFile(
    file,
    Buffer.concat([Buffer.alloc(4096, 0x90), Buffer.from(SENTINEL), wire, Buffer.alloc(512)]),
  );
  return file;
}

/** Electron's shipped defaults: RunAsNode, cookie encryption off, NODE_OPTIONS and inspect on, others off. */
const electronDefaults = [ENABLE, DISABLE, ENABLE, ENABLE, DISABLE, DISABLE, DISABLE, ENABLE];

describe('kiosk fuse set', () => {
  it('turns off every way to run or inspect arbitrary code, and turns on encryption and asar-only loading', () => {
    expect(kioskFuses).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
    });
    expect(Object.isFrozen(kioskFuses)).toBe(true);
  });

  it('names every fuse @electron/fuses knows, mapped to its wire index', () => {
    const known = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)));
    expect(Object.keys(kioskFuses).sort()).toEqual(known.sort());
    const config = kioskFuseConfig() as unknown as Record<string, unknown>;
    expect(config.version).toBe('1');
    expect(config[FuseV1Options.RunAsNode]).toBe(false);
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
  });
});

describe('afterPack hook', () => {
  it('finds the Electron binary where electron-builder puts it on each platform', () => {
    const packager = { appInfo: { productFilename: 'Reception Kiosk' }, executableName: 'reception-kiosk' };
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe(
      path.join('/o', 'Reception Kiosk.exe'),
    );
    expect(electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'linux', packager })).toBe(
      path.join('/o', 'reception-kiosk'),
    );
    expect(() => electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'aix', packager })).toThrow(
      'unsupported platform',
    );
  });

  it('flips the fuses in the packaged binary and leaves the rest of the file alone', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-fuses-'));
    const binary = await fakeElectronBinary(dir, 'reception-kiosk', electronDefaults);
    const before = await readFile(binary);
    await afterPack({
      appOutDir: dir,
      electronPlatformName: 'linux',
      packager: { appInfo: { productFilename: 'Reception Kiosk' }, executableName: 'reception-kiosk' },
    });
    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<string, number>;
    for (const [name, enabled] of Object.entries(kioskFuses)) {
      expect(wire[FuseV1Options[name as keyof typeof FuseV1Options]], name).toBe(enabled ? ENABLE : DISABLE);
    }
    const after = await readFile(binary);
    expect(after.length).toBe(before.length);
    const wireStart = before.indexOf(SENTINEL) + SENTINEL.length + 2;
    const changed = [...after.keys()].filter((i) => after[i] !== before[i]);
    expect(changed.every((i) => i >= wireStart && i < wireStart + electronDefaults.length)).toBe(true);
  });

  it('reports fuses newer than @electron/fuses knows, leaving them at the Electron default', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-fuses-'));
    const binary = await fakeElectronBinary(dir, 'electron', [...electronDefaults, ENABLE]);
    expect(await applyKioskFuses(binary)).toEqual({ binary, unknownFuses: 1 });
  });

  it('fails the build when the binary has no fuse wire', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-fuses-'));
    const binary = path.join(dir, 'electron');
    await writeFile(binary, Buffer.alloc(1024));
    await expect(applyKioskFuses(binary)).rejects.toThrow(/sentinel/i);
  });

  it('fails the build when the wire is too short for the fuse set', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-fuses-'));
    const binary = await fakeElectronBinary(dir, 'electron', electronDefaults.slice(0, 4));
    await expect(applyKioskFuses(binary)).rejects.toThrow();
  });
});
