// End to end: the oqs-folder adapter against the terminal simulator, on real files in a real temporary folder.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createOqsFolderGateway,
  type OqsFolderGatewayOptions,
} from '../../../../../../electron/core/gateway/oqs-folder/oqs-folder-gateway';
import { createSimulatorGateway } from '../../../../../../electron/core/gateway/simulator/simulator-gateway';
import {
  startTerminalSimulator,
  type TerminalSimulator,
} from '../../../../../../electron/core/gateway/terminal-simulator';
import { decodeXml } from '../../../../../../electron/core/gateway/xml/encoding';
import { readRequestXml } from '../../../../../../electron/core/gateway/xml/request-xml';
import { readResultDocument } from '../../../../../../electron/core/gateway/xml/result-document';
import { parseResultXml, writeResultXml } from '../../../../../../electron/core/gateway/xml/result-mapper';
import { fixedClock } from '../support/test-cards';
import { asyncRejection as rejection } from '../support/gateway-rejection';
import { keyedFor } from '../support/keyed-request';

/** Path → sha256 of every file under `root`. */
function hashTree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(path.relative(root, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(root);
  return out;
}

let dir: string;
let terminal: TerminalSimulator | undefined;
const gateways: { close(): Promise<void> }[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'oqs-folder-'));
});

afterEach(async () => {
  await Promise.all(gateways.splice(0).map((g) => g.close()));
  await terminal?.stop();
  terminal = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function folderGateway(overrides: Partial<OqsFolderGatewayOptions> = {}) {
  const gateway = createOqsFolderGateway({
    dir,
    medicalInstitutionCode: '0110113719',
    timeoutMs: 10_000,
    pollMs: 20,
    clock: fixedClock,
    ...overrides,
  });
  gateways.push(gateway);
  return gateway;
}

async function startTerminal(
  options: Parameters<typeof startTerminalSimulator>[0] extends infer O ? Partial<O> : never = {},
) {
  terminal = await startTerminalSimulator({ dir, clock: fixedClock, pollMs: 20, ...options });
  return terminal;
}

describe('oqs-folder gateway with the terminal simulator', () => {
  it.each(['utf8', 'sjis'] as const)('writes a request, reads the normal answer (%s)', async (encoding) => {
    await startTerminal({ encoding });
    const result = await folderGateway({ encoding }).confirm(keyedFor('p05'));
    expect(result.gateway).toBe('oqs-folder');
    expect(result.validity).toBe(1);
    expect(result.persons[0]).toMatchObject({
      name: '仮名　ウメ',
      insurerNumber: '39131016',
      copayTenths: 1,
    });
    expect(result.persons[0]?.limit?.label).toBe('一般Ⅰ');
    const reqFiles = readdirSync(path.join(dir, 'req'));
    expect(reqFiles).toEqual([`OQSsiquc01req_${result.requestId}.xml`]);
    const reqBytes = readFileSync(path.join(dir, 'req', reqFiles[0] ?? ''));
    expect(decodeXml(reqBytes).encoding).toBe(encoding);
    const request = readRequestXml(reqBytes);
    expect(request.header).toEqual({
      QualificationConfirmationDate: '20261127',
      MedicalInstitutionCode: '0110113719',
      ArbitraryFileIdentifier: result.requestId,
    });
    const resBytes = readFileSync(path.join(dir, 'res', `OQSsiquc01res_${result.requestId}.xml`));
    expect(decodeXml(resBytes).encoding).toBe(encoding);
  });

  it('is answered for the request it sent: another institution on 2026-04-01 gets that date and code back', async () => {
    // 1310123458: 13 1 01 2345 with the §7 check digit (2-1 weights from the right: 22 → 8).
    const otherInstitution = '1310123458';
    await startTerminal({ encoding: 'sjis' });
    const result = await folderGateway({
      medicalInstitutionCode: otherInstitution,
      clock: () => new Date('2026-04-01T01:00:00Z'),
    }).confirm(keyedFor('p01'));
    expect([result.qualificationConfirmationDate, result.medicalInstitutionCode]).toEqual([
      '20260401',
      otherInstitution,
    ]);
    const header = readResultDocument(
      readFileSync(path.join(dir, 'res', `OQSsiquc01res_${result.requestId}.xml`)),
    ).header;
    expect(header).toMatchObject({
      ArbitraryFileIdentifier: result.requestId,
      MedicalInstitutionCode: otherInstitution,
      QualificationConfirmationDate: '20260401',
      // The terminal's own clock: when it processed the request.
      ProcessExecutionTime: '20261127100000',
    });
  });

  it('withholds 限度額 without consent only for requests dated before 2024-10-07 (§3)', async () => {
    await startTerminal();
    // In fiscal year 2024 p01 (born 1985-04-12 as of 2026) was born two years earlier (population-year.ts).
    const keyed = { ...keyedFor('p01'), birthdate: '19830412', limitConsent: false };
    const on = (day: string) => folderGateway({ clock: () => new Date(`${day}T01:00:00Z`) }).confirm(keyed);
    expect((await on('2024-10-06')).persons[0]?.limit).toBeUndefined();
    expect((await on('2024-10-07')).persons[0]?.limit?.classFlag).toBe('A03');
  });

  it('writes a 6-digit 国保 insurer number right-justified to 8 characters', async () => {
    await startTerminal();
    const result = await folderGateway().confirm(keyedFor('p03'));
    const request = readRequestXml(
      readFileSync(path.join(dir, 'req', `OQSsiquc01req_${result.requestId}.xml`)),
    );
    expect(request.search.InsurerNumber).toBe('  138057');
    expect(result.persons[0]?.insurerNumber).toBe('138057');
  });

  it('accepts a late answer that arrives within the timeout', async () => {
    await startTerminal({ delayMs: 300 });
    const result = await folderGateway({ timeoutMs: 10_000 }).confirm(keyedFor('p01'));
    expect(result.persons[0]?.name).toBe('試験　太郎');
  });

  it('times out with gateway.timeout and names the file it waited for', async () => {
    const gateway = createSimulatorGateway({ clock: fixedClock, faults: { timeout: true } });
    await startTerminal({ gateway });
    const error = await rejection(folderGateway({ timeoutMs: 300 }).confirm(keyedFor('p01')));
    expect(error.code).toBe('gateway.timeout');
    expect(error.message).toMatch(/res\/OQSsiquc01res_\w+\.xml/);
  });

  it('reports a malformed answer clearly once the file has stopped changing', async () => {
    await startTerminal({
      gateway: createSimulatorGateway({ clock: fixedClock, faults: { malformed: true } }),
    });
    const error = await rejection(folderGateway({ settleMs: 200 }).confirm(keyedFor('p01')));
    expect(error.code).toBe('gateway.malformed-response');
    expect(error.message).toContain('応答ファイルが壊れています');
  });

  it('reports a file that never completes before the timeout as malformed, not as a timeout', async () => {
    await startTerminal({
      gateway: createSimulatorGateway({ clock: fixedClock, faults: { malformed: true } }),
    });
    const error = await rejection(
      folderGateway({ settleMs: 60_000, timeoutMs: 2_000 }).confirm(keyedFor('p01')),
    );
    expect(error.code).toBe('gateway.malformed-response');
    expect(error.message).toContain('時間内に完成しませんでした');
  });

  it('waits for a partial file to be completed by the terminal', async () => {
    await startTerminal({ partialWritePauseMs: 250 });
    const result = await folderGateway({ settleMs: 5_000 }).confirm(keyedFor('p08'));
    expect(result.persons[0]?.specificDiseases.map((d) => d.category)).toEqual(['1', '2']);
  });

  it('waits for a partial file written by hand, then completed', async () => {
    const gateway = folderGateway({ settleMs: 5_000 });
    mkdirSync(path.join(dir, 'req'));
    mkdirSync(path.join(dir, 'res'));
    const pending = gateway.confirm(keyedFor('p01'));
    let reqName: string | undefined;
    while (!reqName) {
      reqName = (await readdir(path.join(dir, 'req'))).find((n) => n.startsWith('OQSsiquc01req_'));
      if (!reqName) await delay(10);
    }
    const id = reqName.slice('OQSsiquc01req_'.length, -'.xml'.length);
    const simulated = await createSimulatorGateway({ clock: fixedClock }).confirm(keyedFor('p01'));
    const bytes = writeResultXml({ ...simulated, requestId: id }, 'sjis');
    const resFile = path.join(dir, 'res', `OQSsiquc01res_${id}.xml`);
    await writeFile(resFile, bytes.subarray(0, 300));
    await delay(200); // several polls see the partial file
    await writeFile(resFile, bytes);
    const result = await pending;
    expect([result.requestId, result.persons[0]?.name]).toEqual([id, '試験　太郎']);
  });

  it('passes "processing" and system errors through as GatewayError', async () => {
    await startTerminal();
    const gateway = folderGateway();
    expect((await rejection(gateway.confirm(keyedFor('p15')))).code).toBe('gateway.processing');
    const error = await rejection(gateway.confirm(keyedFor('p16')));
    expect([error.code, error.systemCode]).toEqual(['gateway.rejected', '4151']);
  });

  it('handles two requests in flight at once', async () => {
    await startTerminal({ delayMs: 100 });
    const gateway = folderGateway();
    const [a, b] = await Promise.all([gateway.confirm(keyedFor('p01')), gateway.confirm(keyedFor('p13'))]);
    expect(a.requestId).not.toBe(b.requestId);
    expect([a.persons[0]?.name, b.persons[0]?.name]).toEqual(['試験　太郎', '見本　双葉']);
  });

  it('never deletes or alters the clinic files in the shared folder', async () => {
    for (const sub of ['req', 'res', 'face']) mkdirSync(path.join(dir, sub));
    writeFileSync(path.join(dir, 'res', 'OQSsiquc01res_CLINIC0001.xml'), '<XmlMsg>clinic</XmlMsg>');
    writeFileSync(path.join(dir, 'res', 'OQSmuquc01res_BULK.xml'), 'bulk');
    writeFileSync(path.join(dir, 'face', 'OQSsiquc01res_face_0110113719x_20261127000000.xml'), 'face');
    writeFileSync(path.join(dir, 'req', 'YZKsiquc01req_DRUG.xml'), 'drug');
    writeFileSync(path.join(dir, 'notes.txt'), 'memo');
    const before = hashTree(dir);
    await startTerminal();
    await folderGateway().confirm(keyedFor('p01'));
    terminal?.gateway.setFaults({ malformed: true });
    await rejection(folderGateway({ settleMs: 100 }).confirm(keyedFor('p02')));
    terminal?.gateway.setFaults({ timeout: true });
    await rejection(folderGateway({ timeoutMs: 300 }).confirm(keyedFor('p03')));
    const after = hashTree(dir);
    for (const [file, hash] of before) expect(after.get(file), file).toBe(hash);
    const added = [...after.keys()].filter((f) => !before.has(f));
    for (const file of added) expect(file).toMatch(/^(req\/OQSsiquc01req_|res\/OQSsiquc01res_)\w+\.xml$/);
  });

  it('refuses the card routes and registration with a clear gateway.unavailable', async () => {
    const gateway = folderGateway();
    const error = await rejection(
      gateway.confirm({
        route: 'card-visual',
        certificate: new Uint8Array(1),
        tokenKind: 'card',
        limitConsent: false,
      }),
    );
    expect(error.code).toBe('gateway.unavailable');
    expect(error.message).toContain('顔認証付きカードリーダー');
    expect((await rejection(gateway.isRegistered(new Uint8Array(1)))).code).toBe('gateway.unavailable');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an aborted 利用登録 check or registration says it was stopped, with the abort reason as cause', async () => {
    const gateway = folderGateway();
    const controller = new AbortController();
    controller.abort(new Error('the attempt is over'));
    const checking = await rejection(gateway.isRegistered(new Uint8Array(1), controller.signal));
    expect(checking.code).toBe('gateway.unavailable');
    expect(checking.message).toBe('資格確認を中止しました。');
    expect(checking.cause).toBe(controller.signal.reason);
    const registering = await rejection(
      gateway.register(
        {
          route: 'card-pin',
          certificate: new Uint8Array(1),
          challenge: new Uint8Array(1),
          signature: new Uint8Array(1),
        },
        controller.signal,
      ),
    );
    expect(registering.message).toBe('資格確認を中止しました。');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports health: missing folders, then ready', async () => {
    const gateway = folderGateway();
    const missing = await gateway.health();
    expect(missing.ok).toBe(false);
    expect(missing.detail).toContain('req');
    await startTerminal();
    expect((await gateway.health()).ok).toBe(true);
  });

  it('fails clearly when the request folder cannot be written', async () => {
    const error = await rejection(folderGateway().confirm(keyedFor('p01')));
    expect(error.code).toBe('gateway.unavailable');
    expect(error.message).toContain('要求ファイルを書き込めません');
  });

  it('stops waiting on close and on abort', async () => {
    await startTerminal({
      gateway: createSimulatorGateway({ clock: fixedClock, faults: { timeout: true } }),
    });
    const gateway = folderGateway({ timeoutMs: 60_000 });
    const controller = new AbortController();
    const aborted = gateway.confirm(keyedFor('p01'), controller.signal);
    const closed = gateway.confirm(keyedFor('p02'));
    await delay(50);
    controller.abort();
    expect((await rejection(aborted)).message).toContain('中止');
    await gateway.close();
    expect((await rejection(closed)).message).toContain('終了');
  });

  it('also writes each confirmation to the face outbox when configured', async () => {
    await startTerminal({ encoding: 'sjis' });
    const outbox = path.join(dir, 'outbox');
    const result = await folderGateway({ faceOutboxDir: outbox, encoding: 'sjis' }).confirm(keyedFor('p09'));
    const files = readdirSync(outbox);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^OQSsiquc01res_face_0110113719\d+_20261127100000\.xml$/);
    const face = parseResultXml(readFileSync(path.join(outbox, files[0] ?? '')), { gateway: 'oqs-folder' });
    expect(face).toEqual(result);
    expect(face.persons[0]?.nameHasUnrenderable).toBe(true);
  });

  it('answers a request the terminal cannot read with an abnormal end', async () => {
    await startTerminal();
    mkdirSync(path.join(dir, 'req'), { recursive: true });
    writeFileSync(path.join(dir, 'req', 'OQSsiquc01req_BROKEN1.xml'), '<XmlMsg><MessageHeader>');
    const res = path.join(dir, 'res', 'OQSsiquc01res_BROKEN1.xml');
    for (let i = 0; i < 200 && !readdirSync(path.join(dir, 'res')).includes('OQSsiquc01res_BROKEN1.xml'); i++)
      await delay(10);
    const error = await rejection(
      Promise.resolve().then(() => parseResultXml(readFileSync(res), { gateway: 'oqs-folder' })),
    );
    expect([error.code, error.systemCode]).toEqual(['gateway.rejected', 'SIM-REQ']);
  });
});
