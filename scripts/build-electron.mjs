// Bundles the Electron main process (ESM) and the sandboxed preload (CommonJS) into dist/electron.
import { build } from 'esbuild';

// Electron 45 runs its main process on Node 24; the preload runs on the same (or a newer) V8.
const common = { bundle: true, platform: 'node', target: 'node24', sourcemap: false, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: ['electron/main/index.ts'],
  outfile: 'dist/electron/main.js',
  format: 'esm',
  // Native modules and electron stay outside the bundle; native ones are rebuilt for Electron when packaging.
  external: ['electron', 'better-sqlite3', 'pcsclite'],
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
});

await build({
  ...common,
  entryPoints: ['electron/preload/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  format: 'cjs',
  external: ['electron'],
});
