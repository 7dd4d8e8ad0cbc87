// Copies the project's files as they are now — tracked, and new ones git does not ignore — into another folder.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Every file `git ls-files` names under `root`, as it is in the work tree, so uncommitted work is copied too.
 * A tracked file deleted in the work tree is left out.
 */
export function copyWorkingTree(root, dest) {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    const from = path.join(root, file);
    if (!existsSync(from) || lstatSync(from).isDirectory()) continue;
    mkdirSync(path.dirname(path.join(dest, file)), { recursive: true });
    cpSync(from, path.join(dest, file), { verbatimSymlinks: true });
  }
}
