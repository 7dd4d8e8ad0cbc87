// Start-up check of every place the kiosk writes (the log file, the 資格確認端末's folders): there and writable.
import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { open, realpath, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { KioskError } from '../../common/errors';
import { IN_MEMORY_LOG } from './config-rules';
import type { KioskConfig } from './config-schema';

/** A place to check: the settings key that names it, for the message, and its path. */
interface Place {
  key: string;
  path: string;
}

/** Node's `code` of a file-system error, if it has one. */
function fsCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Plain words for the file-system errors an IT person meets, with the code to search for. */
const reasons: Record<string, string> = {
  EACCES: '権限がありません',
  EPERM: '権限がありません',
  EROFS: '読み取り専用の場所です',
  ENOSPC: 'ディスクの空きがありません',
  ENOTDIR: '途中にフォルダではなくファイルがあります',
  EISDIR: 'ファイルではなくフォルダです',
  ENAMETOOLONG: 'パスが長すぎます',
};

/** "what went wrong（CODE）" of a file-system error. */
function reason(error: unknown, fallback: string): string {
  const code = fsCode(error);
  if (code === undefined) return fallback;
  return `${reasons[code] ?? fallback}（${code}）`;
}

async function statOrUndefined(target: string): Promise<Stats | undefined> {
  try {
    return await stat(target);
  } catch (error) {
    if (fsCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes and removes a probe file in `folder`. A real write, not the permission bits: ACLs, read-only
 * mounts, network shares and a root user all answer the bits differently from what a write does.
 */
async function probeWrite(folder: string): Promise<string | undefined> {
  const probe = path.join(folder, `.kiosk-write-check-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    const handle = await open(probe, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
    await handle.close();
    await unlink(probe);
    return undefined;
  } catch (error) {
    return `書き込めません: ${reason(error, '書き込みエラー')}`;
  }
}

/** Why the folder cannot take the kiosk's files; undefined when it can. */
async function folderProblem(folder: string): Promise<string | undefined> {
  let info: Stats | undefined;
  try {
    info = await statOrUndefined(folder);
  } catch (error) {
    return `フォルダを開けません: ${reason(error, '読み取りエラー')}`;
  }
  if (!info) return 'フォルダがありません。先に作成してください';
  if (!info.isDirectory()) return 'フォルダではなくファイルを指しています';
  return probeWrite(folder);
}

/**
 * Why the log file cannot be opened for writing; undefined when it can. A missing file is fine when its
 * folder can be created (the log creates it, owner-only, on first start): the nearest existing folder
 * above it must then be writable.
 */
async function logFileProblem(file: string): Promise<string | undefined> {
  let info: Stats | undefined;
  try {
    info = await statOrUndefined(file);
  } catch (error) {
    return `開けません: ${reason(error, '読み取りエラー')}`;
  }
  if (info) {
    if (!info.isFile()) return 'ファイルではなくフォルダなどを指しています';
    try {
      const handle = await open(file, 'r+');
      await handle.close();
    } catch (error) {
      return `書き込めません: ${reason(error, '書き込みエラー')}`;
    }
    // SQLite also writes its -wal and -shm files beside the log.
    return probeWrite(path.dirname(file));
  }
  let folder = path.dirname(file);
  for (;;) {
    let above: Stats | undefined;
    try {
      above = await statOrUndefined(folder);
    } catch (error) {
      return `フォルダを開けません: ${reason(error, '読み取りエラー')}: ${folder}`;
    }
    if (above) {
      if (!above.isDirectory()) return `途中の ${folder} がフォルダではなくファイルです`;
      const problem = await probeWrite(folder);
      return problem === undefined ? undefined : `${problem}: ${folder}`;
    }
    const parent = path.dirname(folder);
    if (parent === folder) return 'フォルダを作れません';
    folder = parent;
  }
}

/** The path with symbolic links resolved as far as it exists, so two spellings of one folder compare equal. */
async function canonical(target: string): Promise<string> {
  const resolved = path.resolve(target);
  try {
    return await realpath(resolved);
  } catch {
    const parent = path.dirname(resolved);
    return parent === resolved ? resolved : path.join(await canonical(parent), path.basename(resolved));
  }
}

/** a is b, or inside b. */
function within(a: string, b: string): boolean {
  const relative = path.relative(b, a);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The gateway folders this configuration writes to; none with the embedded simulator. */
export function gatewayPlaces(config: KioskConfig): Place[] {
  if (config.gateway.adapter !== 'oqs-folder') return [];
  const { request, result, face } = config.gateway.folders;
  return [
    { key: 'gateway.folders.request', path: request },
    { key: 'gateway.folders.result', path: result },
    ...(face ? [{ key: 'gateway.folders.face', path: face }] : []),
  ];
}

/**
 * The problems of every place the kiosk writes, each as "key: what is wrong (path)"; empty when all is well.
 * `logPath` is the log file in use (the configured `log.path` or the default one).
 */
export async function placeProblems(config: KioskConfig, logPath: string): Promise<string[]> {
  const problems: string[] = [];
  const logKey = config.log.path ? 'log.path' : 'log.path（空欄: 既定の場所）';
  const inMemory = logPath === IN_MEMORY_LOG;
  if (!inMemory) {
    if (!path.isAbsolute(logPath)) {
      problems.push(`${logKey}: 絶対パスで書いてください（${logPath}）`);
    } else {
      const problem = await logFileProblem(logPath);
      if (problem) problems.push(`${logKey}: ${problem}（${logPath}）`);
    }
  }
  const logFolder = inMemory ? undefined : await canonical(path.dirname(logPath));
  for (const place of gatewayPlaces(config)) {
    if (!place.path) {
      problems.push(`${place.key}: 資格確認端末のフォルダを指定してください`);
      continue;
    }
    if (!path.isAbsolute(place.path)) {
      problems.push(`${place.key}: 絶対パスで書いてください（${place.path}）`);
      continue;
    }
    const problem = await folderProblem(place.path);
    if (problem) {
      problems.push(`${place.key}: ${problem}（${place.path}）`);
      continue;
    }
    // The log, its -wal/-shm files and its backups stay apart from files another system reads and deletes.
    if (logFolder !== undefined) {
      const folder = await canonical(place.path);
      if (within(folder, logFolder) || within(logFolder, folder)) {
        problems.push(
          `${place.key}: 記録（ログ）のフォルダと同じか、その中・その外側のフォルダは使えません（${place.path}）`,
        );
      }
    }
  }
  return problems;
}

/** Throws `config.invalid` naming each place the kiosk cannot write; called once at start. */
export async function checkPlaces(config: KioskConfig, logPath: string): Promise<void> {
  const problems = await placeProblems(config, logPath);
  if (problems.length === 0) return;
  throw new KioskError(
    'config.invalid',
    `設定ファイルに誤りがあります。次の項目を直してください:\n${problems.map((line) => `  ${line}`).join('\n')}`,
  );
}
