// The Electron fuses every packaged kiosk ships with, as data: build/after-pack.mjs flips them into the binary.
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/**
 * Fuse name (as @electron/fuses 1.x names them) → state. Every fuse @electron/fuses 1.x knows is listed, so a
 * reviewer sees each decision; the read-back in after-pack.mjs fails the build if the binary disagrees.
 */
export const kioskFuses = Object.freeze({
  // ELECTRON_RUN_AS_NODE would turn the signed kiosk binary into a general Node.js interpreter.
  RunAsNode: false,
  // Cookies and other Chromium secrets encrypted at rest with the OS key store (DPAPI / libsecret).
  EnableCookieEncryption: true,
  // NODE_OPTIONS could preload arbitrary code (--require) into the main process.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect / --inspect-brk would open a debugger port into the main process.
  EnableNodeCliInspectArguments: false,
  // Electron checks app.asar against the hash electron-builder embeds in the executable (Windows, macOS).
  EnableEmbeddedAsarIntegrityValidation: true,
  // Only app.asar is loaded: no app/ folder or loose default_app next to it can replace our code.
  OnlyLoadAppFromAsar: true,
  // No custom V8 snapshot for the browser process is shipped; keep Electron's default.
  LoadBrowserProcessSpecificV8Snapshot: false,
  // file:// gets no privileges beyond a plain web page; the renderer is served over app:// anyway.
  GrantFileProtocolExtraPrivileges: false,
});

/** The @electron/fuses configuration built from kioskFuses. */
export function kioskFuseConfig() {
  const config = { version: FuseVersion.V1 };
  for (const [name, enabled] of Object.entries(kioskFuses)) {
    const index = FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`Unknown Electron fuse "${name}"`);
    config[index] = enabled;
  }
  return config;
}
