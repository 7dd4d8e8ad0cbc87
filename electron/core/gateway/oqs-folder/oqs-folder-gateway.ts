// The 資格確認端末's shared-folder interface: write req/OQSsiquc01req_<id>.xml, read the matching res/ file (§2.1–§2.4).
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-file';
import { createFaceOutbox, withFaceOutbox } from '../face-outbox';
import { GatewayError, type QualificationGateway, type QualificationResult } from '../qualification-gateway';
import { formatOqsDate, formatOqsDateTime } from '../xml/codes';
import type { XmlEncoding } from '../xml/encoding';
import { keyedToRequestDocument, writeRequestXml } from '../xml/request-xml';
import { parseResultXml } from '../xml/result-mapper';
import { waitForFile } from './wait-for-file';

export const REQUEST_PREFIX = 'OQSsiquc01req_';
export const RESULT_PREFIX = 'OQSsiquc01res_';
export const REQUEST_FOLDER = 'req';
export const RESULT_FOLDER = 'res';

export interface OqsFolderGatewayOptions {
  /** The 資格確認端末's shared folder, holding req/ and res/. */
  dir: string;
  /** 10-digit 医療機関コード written into every request. */
  medicalInstitutionCode: string;
  timeoutMs: number;
  /** Polling interval alongside fs.watch (default 100 ms). */
  pollMs?: number;
  /** How long an unreadable result file must stay unchanged before it is reported as malformed (default 1 s). */
  settleMs?: number;
  encoding?: XmlEncoding;
  clock: () => Date;
  /** When set, every confirmation is also written here as a face-style result file. */
  faceOutboxDir?: string;
}

export const requestFileName = (id: string): string => `${REQUEST_PREFIX}${id}.xml`;
export const resultFileName = (id: string): string => `${RESULT_PREFIX}${id}.xml`;

export function createOqsFolderGateway(options: OqsFolderGatewayOptions): QualificationGateway {
  if (!/^\d{10}$/.test(options.medicalInstitutionCode)) {
    throw new GatewayError(
      'gateway.unavailable',
      `医療機関コードは10桁の数字です（設定値: ${options.medicalInstitutionCode}）。`,
    );
  }
  const reqDir = path.join(options.dir, REQUEST_FOLDER);
  const resDir = path.join(options.dir, RESULT_FOLDER);
  const pollMs = Math.max(10, options.pollMs ?? 100);
  const settleMs = options.settleMs ?? 1000;
  const encoding = options.encoding ?? 'utf8';
  const pending = new Set<AbortController>();
  let counter = 0;
  let closed = false;

  // yyyyMMddHHmmss + sequence + random: unique across restarts and across kiosks sharing one folder.
  const nextId = (now: Date) =>
    `${formatOqsDateTime(now)}${String(++counter % 1000).padStart(3, '0')}${randomBytes(3).toString('hex')}`;

  const unavailable = (message: string, cause?: unknown) =>
    new GatewayError('gateway.unavailable', message, undefined, cause ? { cause } : undefined);

  const gateway: QualificationGateway = {
    kind: 'oqs-folder',
    async confirm(request, signal) {
      if (closed) throw unavailable('資格確認ゲートウェイは終了しています。');
      if (request.route !== 'keyed') {
        // The terminal reads the card on its own face reader; the folder interface has no card request.
        throw unavailable(
          '資格確認端末のフォルダ連携ではカードによる確認はできません。カードは顔認証付きカードリーダーで確認してください。',
        );
      }
      const now = options.clock();
      const id = nextId(now);
      const doc = keyedToRequestDocument(request, {
        requestId: id,
        medicalInstitutionCode: options.medicalInstitutionCode,
        confirmationDate: formatOqsDate(now),
      });
      const controller = new AbortController();
      const onAbort = () => controller.abort(signal?.reason);
      signal?.addEventListener('abort', onAbort);
      pending.add(controller);
      // Waiting is measured on the monotonic clock: setting the wall clock must not end or stretch it.
      const started = performance.now();
      try {
        try {
          await writeFileAtomic(reqDir, requestFileName(id), writeRequestXml(doc, encoding));
        } catch (cause) {
          throw unavailable(
            `要求ファイルを書き込めません（${reqDir}）。資格確認端末の共有フォルダを確認してください。`,
            cause,
          );
        }
        const name = resultFileName(id);
        const outcome = await waitForFile<QualificationResult | GatewayError>({
          dir: resDir,
          name,
          deadline: started + options.timeoutMs,
          pollMs,
          settleMs,
          now: () => performance.now(),
          signal: controller.signal,
          accept(bytes) {
            try {
              return { done: true, value: parseResultXml(bytes, { gateway: 'oqs-folder', requestId: id }) };
            } catch (error) {
              // Only a malformed file may still be in the middle of being written; any other answer is final.
              if (error instanceof GatewayError && error.code !== 'gateway.malformed-response') {
                return { done: true, value: error };
              }
              return { done: false, error };
            }
          },
        });
        switch (outcome.kind) {
          case 'accepted':
            if (outcome.value instanceof GatewayError) throw outcome.value;
            return outcome.value;
          case 'aborted':
            throw unavailable(
              closed ? '資格確認ゲートウェイは終了しています。' : '資格確認を中止しました。',
              controller.signal.reason,
            );
          case 'timeout':
            throw new GatewayError(
              'gateway.timeout',
              `資格確認端末から ${Math.round(options.timeoutMs / 100) / 10} 秒以内に応答がありません（${RESULT_FOLDER}/${name}）。`,
            );
          case 'rejected': {
            const detail = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
            const why = outcome.settled
              ? '応答ファイルが壊れています'
              : '応答ファイルが時間内に完成しませんでした';
            throw new GatewayError(
              'gateway.malformed-response',
              `${why}（${RESULT_FOLDER}/${name}）: ${detail}`,
              undefined,
              {
                cause: outcome.error,
              },
            );
          }
        }
      } finally {
        pending.delete(controller);
        signal?.removeEventListener('abort', onAbort);
      }
    },
    async isRegistered(_certificate, signal) {
      if (signal?.aborted) throw unavailable('資格確認を中止しました。', signal.reason);
      throw unavailable(
        '保険証利用登録の確認は顔認証付きカードリーダーで行います（フォルダ連携では扱えません）。',
      );
    },
    async register(_request, signal) {
      if (signal?.aborted) throw unavailable('資格確認を中止しました。', signal.reason);
      throw unavailable('保険証利用登録は顔認証付きカードリーダーで行います（フォルダ連携では扱えません）。');
    },
    async health() {
      const problems: string[] = [];
      for (const [dir, mode, label] of [
        [reqDir, constants.W_OK, '書き込み'],
        [resDir, constants.R_OK, '読み取り'],
      ] as const) {
        try {
          if (!(await stat(dir)).isDirectory()) problems.push(`${dir} がフォルダではありません`);
          else await access(dir, mode);
        } catch {
          problems.push(`${dir} に${label}できません`);
        }
      }
      if (options.faceOutboxDir) {
        try {
          await access(options.faceOutboxDir, constants.W_OK);
        } catch {
          problems.push(`${options.faceOutboxDir} に書き込みできません`);
        }
      }
      return problems.length === 0
        ? { ok: true, detail: `資格確認端末フォルダ ${options.dir}` }
        : { ok: false, detail: problems.join('。') };
    },
    async close() {
      closed = true;
      for (const controller of pending) controller.abort();
    },
  };
  if (!options.faceOutboxDir) return gateway;
  return withFaceOutbox(
    gateway,
    createFaceOutbox({
      dir: options.faceOutboxDir,
      medicalInstitutionCode: options.medicalInstitutionCode,
      clock: options.clock,
      encoding,
    }),
  );
}
