// Shared test material for the log: temp folders, a fixed clock and a complete confirmation record.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConfirmationRecord } from '../../../../../electron/core/log/confirmation-log';
import { manualClock, type ManualClinicClock } from '../../../../support/manual-clock';

export interface TempDir {
  dir: string;
  file(name?: string): string;
  remove(): void;
}

export function tempDir(): TempDir {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-log-'));
  return {
    dir,
    file: (name = 'log.sqlite') => path.join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A clinic clock (JST) tests can move. */
export function fixedClock(iso: string): ManualClinicClock {
  return manualClock(iso);
}

/** A full card+PIN confirmation at `startedAt` (JST 10:00 on 2026-11-27 by default). */
export function sampleRecord(overrides: Partial<ConfirmationRecord> = {}): ConfirmationRecord {
  return {
    startedAt: '2026-11-27T01:00:00.000Z',
    endedAt: '2026-11-27T01:00:42.000Z',
    terminal: '受付1',
    reader: 'SONY FeliCa RC-S300/P',
    route: 'card-pin',
    outcome: 'confirmed',
    validity: 1,
    insurerNumber: '06139994',
    symbol: '記号１２',
    number: '3456',
    branch: '01',
    name: '山田 太郎',
    nameKana: 'ヤマダ タロウ',
    birthdate: '19800401',
    copayTenths: 3,
    limitClass: '区分ウ',
    limitConsent: { agreed: true, at: '2026-11-27T01:00:20.000Z' },
    consents: {
      medication: { agreed: true, at: '2026-11-27T01:00:25.000Z' },
      checkup: { agreed: false, at: '2026-11-27T01:00:26.000Z' },
    },
    gateway: 'simulator',
    gatewayRequestId: 'REQ-0001',
    certificateSerialHash: 'a'.repeat(64),
    receptionNumber: 1,
    durations: { card: 1200, gateway: 800, total: 42000 },
    ...overrides,
  };
}
