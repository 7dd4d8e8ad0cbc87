// createGateway: picks the adapter and keeps the simulator's controls behind a face outbox.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGateway, isSimulatorGateway } from '../../../../../electron/core/gateway/create-gateway';
import type { KeyedConfirmation } from '../../../../../electron/core/gateway/qualification-gateway';
import { fixedClock } from './support/test-cards';

const keyed: KeyedConfirmation = {
  route: 'keyed',
  insurerNumber: '01130012',
  symbol: '見本１２',
  number: '3401',
  branch: '00',
  birthdate: '19850412',
  limitConsent: true,
};

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
