// Writes each confirmation as a face-style result file into an outbox, so レセコン polling the face folder receive it (§2.1).
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { GatewayError, type QualificationGateway, type QualificationResult } from './qualification-gateway';
import { formatOqsDateTime } from './xml/codes';
import type { XmlEncoding } from './xml/encoding';
import { writeResultXml } from './xml/result-mapper';

export const FACE_FILE_PREFIX = 'OQSsiquc01res_face_';

/**
 * The part of a face file name between the 10-digit 医療機関コード and the timestamp. One code base
 * emulates it as a 処理コード plus a 17-digit counter; the exact form is unconfirmed (§2.1), so it
 * lives in this one function. Here: "01" + the sequence number padded to 17 digits.
 */
export function faceFileMiddlePart(sequence: number): string {
  return '01' + String(sequence).padStart(17, '0');
}

/** `OQSsiquc01res_face_<医療機関コード><middle>_<yyyyMMddHHmmss>.xml` */
export function faceFileName(medicalInstitutionCode: string, sequence: number, at: Date): string {
  return `${FACE_FILE_PREFIX}${medicalInstitutionCode}${faceFileMiddlePart(sequence)}_${formatOqsDateTime(at)}.xml`;
}

export interface FaceOutboxOptions {
  dir: string;
  medicalInstitutionCode: string;
  clock: () => Date;
  encoding?: XmlEncoding;
}

export interface FaceOutbox {
  /** Write one confirmation; resolves to the file path. */
  write(result: QualificationResult): Promise<string>;
}

export function createFaceOutbox(options: FaceOutboxOptions): FaceOutbox {
  if (!/^\d{10}$/.test(options.medicalInstitutionCode)) {
    throw new GatewayError(
      'gateway.unavailable',
      `医療機関コードは10桁の数字です（設定値: ${options.medicalInstitutionCode}）。`,
    );
  }
  let sequence = 0;
  let ready: Promise<unknown> | undefined;
  return {
    async write(result) {
      ready ??= mkdir(options.dir, { recursive: true });
      await ready;
      const at = options.clock();
      let name: string;
      // Never replace a file already in the folder (e.g. from before a restart): take the next number.
      do {
        sequence += 1;
        name = faceFileName(options.medicalInstitutionCode, sequence, at);
      } while (await exists(path.join(options.dir, name)));
      const bytes = writeResultXml(result, options.encoding ?? 'utf8', {
        medicalInstitutionCode: options.medicalInstitutionCode,
      });
      return writeFileAtomic(options.dir, name, bytes);
    },
  };
}

/**
 * Wrap a gateway so that every successful confirmation is also written to the outbox (without the
 * 限度額 block when the request carries no 限度額 consent). A failure
 * to write the outbox file is reported through `onOutboxError` and does not fail the check-in:
 * the patient's eligibility was confirmed either way.
 */
export function withFaceOutbox<T extends QualificationGateway>(
  gateway: T,
  outbox: FaceOutbox,
  onOutboxError: (error: unknown) => void = (error) =>
    console.error('[gateway] face outbox write failed', error),
): T {
  // The adapters are plain objects of closures, so a copy keeps their extra controls (e.g. setFaults).
  return {
    ...gateway,
    async confirm(request, signal) {
      const result = await gateway.confirm(request, signal);
      try {
        // Without 限度額 consent (a patient who declined its use) the file carries no 限度額 block, even
        // though the system sends it regardless since 2024-10-07 (oqs-and-insurance.md §3).
        await outbox.write(
          request.limitConsent
            ? result
            : { ...result, persons: result.persons.map(({ limit: _limit, ...person }) => person) },
        );
      } catch (error) {
        onOutboxError(error);
      }
      return result;
    },
  } satisfies QualificationGateway;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
