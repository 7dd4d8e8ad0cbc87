// electron-builder afterPack hook: flips the kiosk's Electron fuses in the packaged binary, then reads them back.
// It runs after the app is packed and before the binary is signed, so the signature covers the flipped fuses.
import path from 'node:path';
import { flipFuses, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { kioskFuseConfig, kioskFuses } from './fuses.mjs';

/** Byte values of a fuse in the wire (@electron/fuses FuseState). */
const fuseByte = { enabled: 0x31, disabled: 0x30 };

/**
 * Path of the Electron binary that carries the fuse wire, as electron-builder lays out each platform.
 * @param {{ appOutDir: string, electronPlatformName: string,
 *   packager: { appInfo: { productFilename: string }, executableName?: string } }} context
 */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'linux':
      if (!packager.executableName) throw new Error('afterPack: the Linux packager has no executableName');
      return path.join(appOutDir, packager.executableName);
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    default:
      throw new Error(`afterPack: unsupported platform "${electronPlatformName}"`);
  }
}

/**
 * Flips the kiosk fuses in one binary and checks every one of them took. Throws (failing the build) otherwise.
 * @returns {Promise<{ binary: string, unknownFuses: number }>} unknownFuses: fuses in the binary that
 *   @electron/fuses 1.x does not name; they keep Electron's default and deserve a look on an Electron upgrade.
 */
export async function applyKioskFuses(binary, options = {}) {
  await flipFuses(binary, { ...kioskFuseConfig(), resetAdHocDarwinSignature: options.darwin === true });
  const wire = await getCurrentFuseWire(binary);
  const mismatched = [];
  for (const [name, enabled] of Object.entries(kioskFuses)) {
    const actual = wire[FuseV1Options[name]];
    if (actual !== (enabled ? fuseByte.enabled : fuseByte.disabled)) mismatched.push(name);
  }
  if (mismatched.length > 0) {
    throw new Error(`afterPack: fuses not set in ${binary}: ${mismatched.join(', ')}`);
  }
  const known = Object.keys(kioskFuses).length;
  const present = Object.keys(wire).filter((key) => /^\d+$/.test(key)).length;
  return { binary, unknownFuses: Math.max(0, present - known) };
}

/** The hook electron-builder calls (configured as `afterPack` in electron-builder.yml). */
export async function afterPack(context) {
  const binary = electronBinaryPath(context);
  const result = await applyKioskFuses(binary, { darwin: context.electronPlatformName === 'darwin' });
  process.stdout.write(`  • kiosk fuses set  binary=${binary}\n`);
  if (result.unknownFuses > 0) {
    process.stdout.write(
      `  • ${result.unknownFuses} fuse(s) in this Electron are unknown to @electron/fuses 1.x and keep their defaults\n`,
    );
  }
}

export default afterPack;
