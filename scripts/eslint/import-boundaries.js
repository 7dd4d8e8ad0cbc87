// ESLint rule enforcing the import arrows of DESIGN.md: who may import which package and which folder.
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Packages that only one part of the tree may import. */
const packageOwners = {
  electron: ['electron/main', 'electron/preload', 'scripts'],
  pcsclite: ['native/pcsc'],
  'better-sqlite3': ['electron/core/log'],
  // The central record's PostgreSQL client; tests that start a real server use it too.
  pg: ['electron/core/central', 'test/support', 'test/integration/central'],
};

/** For each zone of our own code: the folders of ours it may import from. First match wins. */
const zones = [
  { zone: 'electron/common', may: ['electron/common'] },
  { zone: 'electron/preload', may: ['electron/common', 'electron/preload'] },
  // The central record reads the log (through its exported functions) and the clock; nothing else of the core.
  {
    zone: 'electron/core/central',
    may: ['electron/common', 'electron/core/central', 'electron/core/log', 'electron/core/clock'],
  },
  { zone: 'electron/core', may: ['electron/common', 'electron/core', 'native'] },
  { zone: 'electron/web-host', may: ['electron/common', 'electron/core', 'electron/web-host', 'native'] },
  { zone: 'electron/main', may: ['electron/common', 'electron/core', 'electron/main', 'native'] },
  { zone: 'native/card', may: ['native/card'] },
  // The reader port is the contract both drivers implement: it depends on nothing of ours.
  { zone: 'native/reader', may: ['native/reader'] },
  // The two drivers meet only at the port: neither reaches into the other's folder.
  { zone: 'native/pcsc', may: ['native/pcsc', 'native/reader', 'native/card'] },
  { zone: 'native/sim', may: ['native/sim', 'native/reader', 'native/card'] },
  { zone: 'native', may: ['native'] },
  { zone: 'renderer', may: ['electron/common', 'renderer'], nodeBuiltins: false },
];

/**
 * Folders the application may load only on demand: code outside `native` reaches them by `import()` (or
 * `import type`, which leaves nothing in the bundle), so the shipped main bundle never carries them.
 */
const onDemand = [{ folder: 'native/sim', outside: 'native' }];

const inside = (rel, folder) => rel === folder || rel.startsWith(folder + '/');

/** 'type' for imports that vanish when compiled, 'dynamic' for import(), 'static' for the rest. */
function importKind(node) {
  if (node.type === 'ImportExpression') return 'dynamic';
  if (node.importKind === 'type' || node.exportKind === 'type') return 'type';
  const specifiers = node.specifiers ?? [];
  const typeOnly =
    specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type');
  return typeOnly ? 'type' : 'static';
}

function check(context, node, spec) {
  if (typeof spec !== 'string') return;
  const file = path.relative(root, context.filename).split(path.sep).join('/');
  const zone = zones.find((z) => inside(file, z.zone));
  const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  const owners = packageOwners[pkg];
  if (owners && !owners.some((o) => inside(file, o))) {
    context.report({ node, messageId: 'package', data: { pkg, owners: owners.join(', ') } });
    return;
  }
  if (!zone) return;
  if (
    zone.nodeBuiltins === false &&
    (spec.startsWith('node:') || ['fs', 'path', 'os', 'child_process', 'net'].includes(pkg))
  ) {
    context.report({ node, messageId: 'builtin', data: { spec, zone: zone.zone } });
    return;
  }
  if (!spec.startsWith('.')) return;
  const target = path
    .relative(root, path.resolve(path.dirname(context.filename), spec))
    .split(path.sep)
    .join('/');
  if (!zone.may.some((folder) => inside(target, folder))) {
    context.report({
      node,
      messageId: 'folder',
      data: { target, zone: zone.zone, may: zone.may.join(', ') },
    });
    return;
  }
  const lazy = onDemand.find((o) => inside(target, o.folder) && !inside(file, o.outside));
  if (lazy && importKind(node) === 'static') {
    context.report({ node, messageId: 'onDemand', data: { target, folder: lazy.folder } });
  }
}

export const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import arrows between electron/, native/ and renderer/' },
    schema: [],
    messages: {
      package: "'{{pkg}}' may only be imported in: {{owners}}",
      folder: "'{{zone}}' may not import '{{target}}' (allowed: {{may}})",
      builtin: "'{{zone}}' may not import the Node built-in '{{spec}}'",
      onDemand: "'{{target}}' loads only by import() here: '{{folder}}' stays out of the shipped bundle",
    },
  },
  create(context) {
    return {
      ImportDeclaration: (node) => check(context, node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(context, node, node.source.value),
      ExportAllDeclaration: (node) => check(context, node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(context, node, node.source.value),
    };
  },
};

export default { rules: { 'import-boundaries': importBoundaries } };
