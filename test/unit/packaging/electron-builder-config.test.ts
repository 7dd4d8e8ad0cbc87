// electron-builder.yml: valid against electron-builder's own schema, native modules unpacked and rebuilt only at packaging, fuses wired in.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { defaultPaths } from '../../../electron/main/main-process';
import { isCI } from '../../support/requirements';

const root = path.resolve(import.meta.dirname, '../../..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

interface BuilderConfig {
  asar?: boolean;
  asarUnpack?: string[];
  files?: string[];
  extraMetadata?: { main?: string };
  npmRebuild?: boolean;
  nativeRebuilder?: string;
  afterPack?: string;
  publish?: unknown;
  win?: { target?: { target: string; arch: string[] }[] };
  nsis?: { perMachine?: boolean; deleteAppDataOnUninstall?: boolean };
  linux?: { target?: string[] };
  deb?: { depends?: string[] };
}

const config = load(read('electron-builder.yml')) as BuilderConfig;
const nativeModules = ['better-sqlite3', 'pcsclite'];

/** Every .node file a native module ships, relative to the app root (as electron-builder matches them). */
function nodeFiles(moduleName: string): string[] {
  const dir = path.join(root, 'node_modules', moduleName, 'build', 'Release');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.node'))
    .map((f) => `node_modules/${moduleName}/build/Release/${f}`);
}

describe('electron-builder.yml', () => {
  it("validates against electron-builder's own JSON schema", () => {
    const schema = JSON.parse(read('node_modules/app-builder-lib/scheme.json')) as object;
    const validate = new Ajv({ allErrors: true }).compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check catches a misspelt key (so the test above can fail)', () => {
    const schema = JSON.parse(read('node_modules/app-builder-lib/scheme.json')) as object;
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate({ ...config, asarUnpak: ['**/*.node'] })).toBe(false);
    expect(validate({ ...config, asar: 'yes' })).toBe(false);
  });

  it('targets Windows NSIS x64 per machine, and Linux AppImage and deb', () => {
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis?.perMachine).toBe(true);
    expect(config.nsis?.deleteAppDataOnUninstall).toBe(false);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.deb?.depends).toEqual(expect.arrayContaining(['pcscd', 'libpcsclite1']));
    expect(config.publish).toBeNull();
  });

  it('packs into asar and unpacks every native .node file', () => {
    expect(config.asar).toBe(true);
    const patterns = config.asarUnpack ?? [];
    for (const moduleName of nativeModules) {
      // pcsclite is an optional dependency, absent where libpcsclite-dev was missing at npm ci; CI always has it.
      const installed =
        moduleName !== 'pcsclite' || isCI || existsSync(path.join(root, 'node_modules', moduleName));
      const files = installed ? nodeFiles(moduleName) : [];
      if (installed) expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        expect(
          patterns.some((p) => minimatch(file, p, { dot: true })),
          `${file} is not unpacked`,
        ).toBe(true);
      }
      expect(patterns).toContain(`node_modules/${moduleName}/build/Release/*.node`);
    }
    // Nothing else is unpacked: the app code itself stays under the asar integrity hash.
    for (const file of ['dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
      expect(patterns.some((p) => minimatch(file, p, { dot: true }))).toBe(false);
    }
  });

  it('rebuilds native modules with @electron/rebuild at packaging time, never in postinstall', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.nativeRebuilder).toBe('sequential');
    const pkg = JSON.parse(read('package.json')) as {
      scripts: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) {
      expect(pkg.scripts[hook] ?? '').not.toMatch(/rebuild|electron-builder|install-app-deps/);
    }
    expect(pkg.devDependencies['@electron/rebuild']).toMatch(/^[~^]?3\./);
    expect(pkg.scripts.package).toContain('electron-builder --config electron-builder.yml');
  });

  it('ships the bundles the build writes, and starts the bundled main process', () => {
    const buildScript = read('scripts/build-electron.mjs');
    const outfiles = [...buildScript.matchAll(/outfile: '([^']+)'/g)].map((m) => m[1]);
    expect(outfiles).toContain(config.extraMetadata?.main);
    const files = config.files ?? [];
    const included = (file: string): boolean =>
      files.some((p) => !p.startsWith('!') && minimatch(file, p, { dot: true })) &&
      !files.some((p) => p.startsWith('!') && minimatch(file, p.slice(1), { dot: true }));
    const distDir = path.join(root, 'dist');
    const { rendererDir, preloadPath } = defaultPaths(distDir);
    for (const file of [
      config.extraMetadata?.main ?? '',
      path.relative(root, preloadPath),
      path.relative(root, path.join(rendererDir, 'index.html')),
    ]) {
      expect(included(file.split(path.sep).join('/')), `${file} is not packaged`).toBe(true);
    }
    expect(included('dist/electron/main.js.map')).toBe(false);
  });

  it('runs the fuse hook after packing', () => {
    expect(config.afterPack).toBe('./build/after-pack.mjs');
  });
});
