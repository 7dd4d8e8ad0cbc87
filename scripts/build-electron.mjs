// Bundles the Electron main process (ESM, with on-demand chunks) and the sandboxed preload (CommonJS) into dist/electron.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

// Electron 45 runs its main process on Node 24; the preload runs on the same (or a newer) V8.
const common = { bundle: true, platform: 'node', target: 'node24', sourcemap: false, logLevel: 'warning' };

/**
 * The main process (package.json's "main"). Code it loads by `import()` (the simulated reader and virtual card, only when
 * `reader.kind` is "simulated") goes into chunks/ beside main.js, so main.js itself never carries it.
 */
const main = { entry: 'electron/main/index.ts', outfile: 'dist/electron/main.js' };

export const mainBuild = {
  ...common,
  // Code splitting needs an output folder: the entry is named so that it still lands at main.outfile.
  entryPoints: { [path.basename(main.outfile, '.js')]: main.entry },
  outdir: path.dirname(main.outfile),
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // Native modules and electron stay outside the bundle; native ones are rebuilt for Electron when packaging.
  external: ['electron', 'better-sqlite3', 'pcsclite'],
  // `require` for the CommonJS packages inside the bundle. The import is aliased: a bundled module that imports
  // createRequire itself (native/pcsc/load-pcsclite.ts) would otherwise declare the name twice, and the module
  // would not parse.
  banner: {
    js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);",
  },
};

export const preloadBuild = {
  ...common,
  entryPoints: ['electron/preload/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  format: 'cjs',
  external: ['electron'],
};

const invokedDirectly =
  process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;

if (invokedDirectly) {
  // Chunk names carry a content hash: clear the old ones so a package holds only this build's.
  rmSync(path.join(mainBuild.outdir, 'chunks'), { recursive: true, force: true });
  await build(mainBuild);
  await build(preloadBuild);
}
