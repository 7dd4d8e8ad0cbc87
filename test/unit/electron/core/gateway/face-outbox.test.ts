// Face outbox: file names, atomic writes in both encodings, no overwrites, failures that do not fail a check-in.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFaceOutbox,
  faceFileName,
  withFaceOutbox,
} from '../../../../../electron/core/gateway/face-outbox';
import { GatewayError } from '../../../../../electron/core/gateway/qualification-gateway';
import { createSimulatorGateway } from '../../../../../electron/core/gateway/simulator/simulator-gateway';
import { decodeXml } from '../../../../../electron/core/gateway/xml/encoding';
import { parseResultXml } from '../../../../../electron/core/gateway/xml/result-mapper';
import { keyedFor } from './support/keyed-request';
import { fixedClock } from './support/test-cards';

/** Person p01's 資格確認書 (協会けんぽ, 見本１２ 3401-00). */
const keyed = keyedFor('p01');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'face-outbox-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('face outbox', () => {
  it('names files OQSsiquc01res_face_<医療機関コード><middle>_<yyyyMMddHHmmss>.xml', () => {
    expect(faceFileName('0110113719', 1, fixedClock())).toBe(
      'OQSsiquc01res_face_01101137190100000000000000001_20261127100000.xml',
    );
  });

  it.each(['utf8', 'sjis'] as const)(
    'writes each confirmation atomically, in %s, readable as the same result',
    async (encoding) => {
      const outbox = path.join(dir, 'face');
      const gateway = withFaceOutbox(
        createSimulatorGateway({ clock: fixedClock }),
        createFaceOutbox({ dir: outbox, medicalInstitutionCode: '0110113719', clock: fixedClock, encoding }),
      );
      const first = await gateway.confirm(keyed);
      const second = await gateway.confirm(keyed);
      const files = readdirSync(outbox).sort();
      expect(files).toEqual([
        'OQSsiquc01res_face_01101137190100000000000000001_20261127100000.xml',
        'OQSsiquc01res_face_01101137190100000000000000002_20261127100000.xml',
      ]);
      const bytes = readFileSync(path.join(outbox, files[0] ?? ''));
      expect(decodeXml(bytes).encoding).toBe(encoding);
      expect(parseResultXml(bytes, { gateway: 'simulator' })).toEqual(first);
      expect(
        parseResultXml(readFileSync(path.join(outbox, files[1] ?? '')), { gateway: 'simulator' }),
      ).toEqual(second);
    },
  );

  it('never replaces a file already in the outbox', async () => {
    mkdirSync(dir, { recursive: true });
    const existing = faceFileName('0110113719', 1, fixedClock());
    writeFileSync(path.join(dir, existing), 'from before a restart');
    const outbox = createFaceOutbox({ dir, medicalInstitutionCode: '0110113719', clock: fixedClock });
    const written = await outbox.write(await createSimulatorGateway({ clock: fixedClock }).confirm(keyed));
    expect(path.basename(written)).toBe(faceFileName('0110113719', 2, fixedClock()));
    expect(readFileSync(path.join(dir, existing), 'utf8')).toBe('from before a restart');
  });

  it('does not fail the check-in when the outbox cannot be written', async () => {
    writeFileSync(path.join(dir, 'blocker'), 'a file where the folder should be');
    const errors: unknown[] = [];
    const gateway = withFaceOutbox(
      createSimulatorGateway({ clock: fixedClock }),
      createFaceOutbox({
        dir: path.join(dir, 'blocker', 'face'),
        medicalInstitutionCode: '0110113719',
        clock: fixedClock,
      }),
      (error) => errors.push(error),
    );
    expect((await gateway.confirm(keyed)).validity).toBe(1);
    expect(errors).toHaveLength(1);
  });

  it('rejects a 医療機関コード that is not 10 digits', () => {
    expect(() => createFaceOutbox({ dir, medicalInstitutionCode: '12345', clock: fixedClock })).toThrow(
      GatewayError,
    );
  });
});
