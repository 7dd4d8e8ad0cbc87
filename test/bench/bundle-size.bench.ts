// Production renderer bundle size (gzip), against the 300 KB budget.
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const root = path.resolve(import.meta.dirname, '../..');
// Bounded: a stuck build ends the run with a named failure (execSync throws ETIMEDOUT) instead of a hang.
execSync('npm run --silent build:renderer', { cwd: root, stdio: 'ignore', timeout: 300_000 });
const assets = path.join(root, 'dist/renderer/assets');
let js = 0;
let css = 0;
for (const file of readdirSync(assets)) {
  const size = gzipSync(readFileSync(path.join(assets, file)), { level: 9 }).length;
  if (file.endsWith('.js')) js += size;
  if (file.endsWith('.css')) css += size;
}
const budget = 300 * 1024;
console.log(`renderer bundle gzip: JS ${(js / 1024).toFixed(1)} KB, CSS ${(css / 1024).toFixed(1)} KB`);
console.log(
  `budget 300 KB: ${js + css <= budget ? 'within' : 'OVER'} (${(((js + css) / budget) * 100).toFixed(0)} %)`,
);
