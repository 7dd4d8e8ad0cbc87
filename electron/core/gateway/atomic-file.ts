// Atomic file placement for shared folders: write under a name pollers ignore, then rename into place.
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Write `bytes` to `dir/name` so a watcher never sees a partial file. The temporary name starts
 * with "." and ends in ".part", so it matches none of the OQS prefixes (§2.1). Rename within one
 * folder is atomic on local disks and on SMB shares.
 */
export async function writeFileAtomic(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  const target = path.join(dir, name);
  const temp = path.join(dir, `.${name}.${randomBytes(4).toString('hex')}.part`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return target;
}
