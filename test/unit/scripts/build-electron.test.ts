// The shipped main bundle: built as `npm run build:electron` builds it, it holds nothing of the simulator.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type Metafile, type OutputFile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { mainBuild } from '../../../scripts/build-electron.mjs';

const root = path.resolve(import.meta.dirname, '../../..');

/** Text found only in the virtual card's TEST ONLY PKI and in the virtual card itself. */
const simulatorMarkers = [
  'TEST JPKI User Authentication CA',
  'TEST ONLY: issued by a test authority',
  '-----BEGIN PRIVATE KEY-----',
  'JPKIAPICCTOKEN2',
  'Simulated Reader 00',
];

let metafile: Metafile;
let outputs: Map<string, OutputFile>;

/** An output file and every chunk it imports statically: what loads when it loads. */
function loadedWith(output: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  visit(output);
  return [...seen];
}

const inputsOf = (files: string[]): string[] =>
  files.flatMap((file) => Object.keys(metafile.outputs[file]?.inputs ?? {}));

const mainOutput = (): string => {
  const entry = Object.entries(metafile.outputs).find(([, o]) => o.entryPoint === 'electron/main/index.ts');
  if (!entry) throw new Error('the build wrote no main entry');
  return entry[0];
};

beforeAll(async () => {
  const result = await build({
    ...mainBuild,
    absWorkingDir: root,
    outdir: path.join(root, '.tmp', 'bundle-test'),
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  metafile = result.metafile;
  outputs = new Map(
    result.outputFiles.map((f) => [path.relative(root, f.path).split(path.sep).join('/'), f]),
  );
}, 60_000);

describe('the production main bundle', () => {
  it('is written where package.json and the packager look for it', () => {
    expect(mainOutput()).toBe('.tmp/bundle-test/main.js');
  });

  it('parses as ES modules, main.js and every chunk', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'main-bundle-'));
    try {
      // As in the package: package.json says "type": "module", so .js files are ES modules.
      writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }');
      for (const [name, output] of outputs) {
        const file = path.join(dir, path.relative('.tmp/bundle-test', name));
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, output.contents);
        const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
        expect(check.stderr, name).toBe('');
        expect(check.status, name).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads no module of native/sim when it starts', () => {
    const eager = loadedWith(mainOutput());
    const inputs = inputsOf(eager);
    expect(inputs).toContain('electron/core/app.ts');
    expect(inputs).toContain('native/pcsc/pcsc-reader-port.ts');
    expect(inputs.filter((input) => input.startsWith('native/sim/'))).toEqual([]);
  });

  it('carries none of the test PKI or the virtual card, not even as text', () => {
    for (const file of loadedWith(mainOutput())) {
      const text = outputs.get(file)?.text ?? '';
      expect(text.length, file).toBeGreaterThan(0);
      for (const marker of simulatorMarkers) expect(text.includes(marker), `${file}: ${marker}`).toBe(false);
    }
  });

  it('keeps the simulator in chunks loaded only by import()', () => {
    const eager = new Set(loadedWith(mainOutput()));
    const lazy = Object.keys(metafile.outputs).filter((file) => !eager.has(file) && !file.endsWith('.map'));
    const lazyInputs = inputsOf(lazy);
    // The control: the simulator is in the build, just not in what loads at start.
    expect(lazyInputs).toEqual(
      expect.arrayContaining([
        'native/sim/virtual-card.ts',
        'native/sim/test-pki.ts',
        'native/sim/test-pki-pem.ts',
        'native/sim/der.ts',
        'native/sim/simulated-reader-port.ts',
      ]),
    );
    const dynamic = (metafile.outputs[mainOutput()]?.imports ?? []).filter(
      (i) => i.kind === 'dynamic-import',
    );
    expect(dynamic.length).toBeGreaterThan(0);
    for (const file of lazy) expect(file.startsWith('.tmp/bundle-test/chunks/'), file).toBe(true);
  });
});
