// createGateway: picks the adapter and keeps the simulator's controls behind a face outbox; gatewayConfigFor maps the settings.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../../electron/core/config/load-config';
import {
  createGateway,
  gatewayConfigFor,
  isSimulatorGateway,
} from '../../../../../electron/core/gateway/create-gateway';
import { keyedFor } from './support/keyed-request';
import { fixedClock } from './support/test-cards';

/** Person p01's 資格確認書 (協会けんぽ, 見本１２ 3401-00). */
const keyed = keyedFor('p01');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'create-gateway-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('createGateway', () => {
  it('builds the simulator by default, keeping its fault controls behind a face outbox', async () => {
    const outbox = path.join(dir, 'face');
    const gateway = createGateway({ kind: 'simulator', faceOutboxDir: outbox }, { clock: fixedClock });
    expect(gateway.kind).toBe('simulator');
    expect(isSimulatorGateway(gateway)).toBe(true);
    await gateway.confirm(keyed);
    expect(readdirSync(outbox)).toHaveLength(1);
    if (!isSimulatorGateway(gateway)) throw new Error('not a simulator');
    gateway.setFaults({ error: 'gateway.unavailable' });
    await expect(gateway.confirm(keyed)).rejects.toMatchObject({ code: 'gateway.unavailable' });
    expect(readdirSync(outbox)).toHaveLength(1);
  });

  it('builds the oqs-folder adapter', async () => {
    const gateway = createGateway(
      { kind: 'oqs-folder', dir, medicalInstitutionCode: '0110113719', timeoutMs: 1000 },
      { clock: fixedClock },
    );
    expect(gateway.kind).toBe('oqs-folder');
    expect(isSimulatorGateway(gateway)).toBe(false);
    expect((await gateway.health()).ok).toBe(false);
    await gateway.close();
  });
});

describe('gatewayConfigFor', () => {
  const share = (): { request: string; result: string } => ({
    request: path.join(dir, 'req'),
    result: path.join(dir, 'res'),
  });

  it('asks for the simulator by default, answering as the configured institution when one is set', () => {
    expect(gatewayConfigFor(parseConfig({}))).toEqual({ kind: 'simulator' });
    expect(gatewayConfigFor(parseConfig({ clinic: { medicalInstitutionCode: '1310000013' } }))).toEqual({
      kind: 'simulator',
      medicalInstitutionCode: '1310000013',
    });
  });

  it('writes no face outbox from the simulator, even when a face folder is set', () => {
    const config = parseConfig({ gateway: { folders: { face: path.join(dir, 'face') } } });
    expect(gatewayConfigFor(config)).toEqual({ kind: 'simulator' });
  });

  it('points the oqs-folder adapter at the folder holding req/ and res/', () => {
    const config = parseConfig({
      clinic: { medicalInstitutionCode: '0110113719' },
      gateway: {
        adapter: 'oqs-folder',
        timeoutSeconds: 12,
        folders: { ...share(), face: path.join(dir, 'face') },
      },
    });
    expect(gatewayConfigFor(config)).toEqual({
      kind: 'oqs-folder',
      dir: path.resolve(dir),
      medicalInstitutionCode: '0110113719',
      timeoutMs: 12_000,
      faceOutboxDir: path.join(dir, 'face'),
    });
  });

  it.each([
    ['no folders', {}],
    ['a request folder not named req', { request: '/share/in', result: '/share/res' }],
    ['req and res in different folders', { request: '/a/req', result: '/b/res' }],
  ])('refuses %s with config.invalid', (_name, folders) => {
    const config = parseConfig({
      clinic: { medicalInstitutionCode: '0110113719' },
      gateway: { adapter: 'oqs-folder', folders },
    });
    expect(() => gatewayConfigFor(config)).toThrow(
      expect.objectContaining({
        code: 'config.invalid',
        message: expect.stringMatching(/^gateway\.folders: .*req と res/),
      }),
    );
  });

  it('refuses the oqs-folder adapter without a 10-digit institution code', () => {
    const config = parseConfig({ gateway: { adapter: 'oqs-folder', folders: share() } });
    expect(() => gatewayConfigFor(config)).toThrow(/^clinic\.medicalInstitutionCode: .*10桁の医療機関コード/);
  });
});
