// The clinic view against a real PostgreSQL: two terminals' logs in one record, filters, health, pushed staff needs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CentralConfigSchema } from '../../../electron/core/central/central-config';
import type { ClinicStaffEvent, ClinicView } from '../../../electron/core/central/clinic-view';
import { openLocalLogSource } from '../../../electron/core/central/local-source';
import { fileReplicationState, replicationStatePath } from '../../../electron/core/central/replication-state';
import { createReplicator, type Replicator, type StaffNeed } from '../../../electron/core/central/replicator';
import { connectCentral } from '../../../electron/core/central/start-central';
import { openClinicView, type OpenClinicView } from '../../../electron/core/central/start-clinic-view';
import { manualClock } from '../../support/manual-clock';
import { createPostgresCluster, hasPostgres, type PostgresCluster } from '../../support/postgres';
import {
  addConsole,
  addTerminal,
  centralConfigFor,
  centralCounts,
  clientAs,
  createClinicDatabase,
  DATABASE,
  localLog,
  until,
  type LocalLog,
  type RoleLogin,
} from './central-fixtures';

const available = hasPostgres();

interface Terminal {
  id: string;
  login: RoleLogin;
  local: LocalLog;
  needs: StaffNeed[];
  replicator: Replicator;
  stop(): Promise<void>;
}

describe.skipIf(!available)('clinic view against PostgreSQL', () => {
  let cluster: PostgresCluster;
  let dir: string;
  let viewer: RoleLogin;
  let clinic: OpenClinicView;
  let view: ClinicView;
  let t1: Terminal;
  let t2: Terminal;
  const events: ClinicStaffEvent[] = [];
  const listening = new AbortController();
  let listener: Promise<void> | undefined;
  let connected = false;
  let connections = 0;
  let rowNotices = 0;

  /** A terminal with its own log, shipping as its own role. The idle wait is long: only a nudge ships a need. */
  async function terminal(id: string, name: string, record: (local: LocalLog) => void): Promise<Terminal> {
    const login = await addTerminal(cluster, dir, id);
    const local = localLog(path.join(dir, `${id}.sqlite`), { terminal: name });
    // Recorded before the replicator starts: its first pass ships them, and its heartbeat then shows no lag.
    record(local);
    const source = openLocalLogSource(local.path);
    const needs: StaffNeed[] = [];
    const central = centralConfigFor(login, cluster.port);
    const replicator = createReplicator({
      source,
      state: fileReplicationState(replicationStatePath(local.path)),
      connect: (signal) => connectCentral(central, {}, signal),
      nowMs: () => local.clock.nowMs(),
      heartbeatMs: 60_000,
      pollMs: 600_000,
      staffNeeded: () => needs,
      backoff: { initialMs: 50, maxMs: 400 },
    });
    const controller = new AbortController();
    const done = replicator.run(controller.signal);
    return {
      id,
      login,
      local,
      needs,
      replicator,
      async stop() {
        controller.abort();
        await done;
        source.close();
        local.log.close();
      },
    };
  }

  beforeAll(async () => {
    cluster = await createPostgresCluster();
    await createClinicDatabase(cluster);
    dir = mkdtempSync(path.join(tmpdir(), 'kiosk-clinic-view-'));
    viewer = await addConsole(cluster, dir);
    t1 = await terminal('t1', '受付1', (local) => local.checkIns(3));
    t2 = await terminal('t2', '受付2', (local) => {
      local.checkIns(1, { outcome: 'error', route: 'keyed', name: '佐藤 はな子', nameKana: 'サトウ ハナコ' });
      local.checkIns(1);
    });
    await until('both terminals shipped', async () => {
      const [a, b] = await Promise.all([centralCounts(cluster, 't1'), centralCounts(cluster, 't2')]);
      return a.rows === 3 && b.rows === 2;
    });
    const central = CentralConfigSchema.parse({
      consoleUrl: `postgres://${viewer.role}@127.0.0.1:${cluster.port}/${DATABASE}`,
      consolePasswordFile: viewer.passwordFile,
      tls: { mode: 'disable' },
    });
    // The clinic's day: the terminals' check-ins began at 09:00 JST on 1 December 2026.
    const opened = openClinicView(central, manualClock('2026-12-01T03:00:00.000Z', '+09:00'));
    if (!opened) throw new Error('the clinic view did not open');
    clinic = opened;
    view = clinic.view;
    listener = view.listen(listening.signal, {
      onEvent: (event) => events.push(event),
      onRows: () => {
        rowNotices += 1;
      },
      onConnected: () => {
        connected = true;
        connections += 1;
      },
    });
  }, 120_000);

  afterAll(async () => {
    listening.abort();
    await listener;
    await t1?.stop();
    await t2?.stop();
    await clinic?.close();
    cluster?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists both terminals’ rows of the clinic’s today, newest first, and pages through them', async () => {
    const page = await view.list({});
    expect(page.day).toBe('2026-12-01');
    expect(page.total).toBe(5);
    expect(page.rows.map((row) => `${row.terminalId}/${row.localId}`).sort()).toEqual([
      't1/1',
      't1/2',
      't1/3',
      't2/1',
      't2/2',
    ]);
    const starts = page.rows.map((row) => row.startedAt);
    expect(starts).toEqual([...starts].sort().reverse());
    // 09:00 JST is the first check-in of either terminal.
    expect(starts.at(-1)).toMatch(/^2026-12-01T09:00:00(\.000)?\+09:00$/);
    const second = await view.list({ limit: 2, offset: 2 });
    expect(second.total).toBe(5);
    expect(second.rows).toEqual(page.rows.slice(2, 4));
    expect((await view.list({ day: '2026-11-30' })).total).toBe(0);
  });

  it('filters by terminal, outcome, route and text (kana typed as hiragana too)', async () => {
    expect((await view.list({ terminal: 't1' })).rows.map((r) => r.terminalId)).toEqual(['t1', 't1', 't1']);
    const errors = await view.list({ outcome: 'error' });
    expect(errors.rows).toHaveLength(1);
    expect(errors.rows[0]).toMatchObject({ terminalId: 't2', route: 'keyed', name: '佐藤 はな子' });
    expect((await view.list({ route: 'keyed' })).total).toBe(1);
    // As a terminal's own list finds: kana typed as hiragana or half-width, a name without its space, and
    // kana inside a name matched whichever way it is typed ('ハナ子' is in no kana column).
    expect((await view.list({ text: 'さとう' })).rows.map((r) => r.name)).toEqual(['佐藤 はな子']);
    expect((await view.list({ text: 'ｻﾄｳ ﾊﾅｺ' })).total).toBe(1);
    expect((await view.list({ text: '佐藤はな子' })).total).toBe(1);
    expect((await view.list({ text: 'ハナ子' })).total).toBe(1);
    expect((await view.list({ text: '佐藤' })).total).toBe(1);
    // Every row carries the sample record's insurer number (log fixtures); a part of it matches too.
    expect((await view.list({ text: '06139994' })).total).toBe(5);
    expect((await view.list({ text: '6139' })).total).toBe(5);
    expect((await view.list({ text: '06139995' })).total).toBe(0);
    expect((await view.list({ text: '%' })).total).toBe(0);
  });

  it('shows each terminal’s latest heartbeat, and one silent for three intervals as 応答なし', async () => {
    await cluster.sql(
      `INSERT INTO kiosk_central.terminals (terminal_id, role_name, description) VALUES
         ('t3', 'kiosk_t3_gone', '受付3'), ('t4', 'kiosk_t4_new', '受付4');
       INSERT INTO kiosk_central.heartbeats
         (terminal_id, sent_at, received_at, reader, gateway, log, local_head_id, shipped_id, lag_rows,
          lag_seconds, replication, interval_seconds)
       VALUES ('t3', now() - interval '10 minutes', now() - interval '10 minutes', 'up', 'down', 'up', 9, 7, 2,
          120, 'ok', 60)`,
      DATABASE,
    );
    const terminals = await view.terminals();
    expect(terminals.map((t) => [t.terminalId, t.state])).toEqual([
      ['t1', 'ok'],
      ['t2', 'ok'],
      ['t3', 'silent'],
      ['t4', 'never'],
    ]);
    const t3 = terminals.find((t) => t.terminalId === 't3');
    expect(t3).toMatchObject({ description: '受付3', gateway: 'down', lagRows: 2, lagSeconds: 120 });
    expect(t3?.heartbeatAgeSeconds).toBeGreaterThanOrEqual(600);
    expect(terminals.find((t) => t.terminalId === 't1')).toMatchObject({ lagRows: 0, replication: 'ok' });
  });

  it('marks the console’s own terminal (the user of its central.url), whose needs reach it from its own core', async () => {
    const central = CentralConfigSchema.parse({
      url: `postgres://${t1.login.role}@127.0.0.1:${cluster.port}/${DATABASE}`,
      passwordFile: t1.login.passwordFile,
      consoleUrl: `postgres://${viewer.role}@127.0.0.1:${cluster.port}/${DATABASE}`,
      consolePasswordFile: viewer.passwordFile,
      tls: { mode: 'disable' },
    });
    const desk = openClinicView(central, manualClock('2026-12-01T03:00:00.000Z', '+09:00'));
    if (!desk) throw new Error('the clinic view did not open');
    try {
      const terminals = await desk.view.terminals();
      expect(
        terminals
          .filter((t) => t.terminalId === 't1' || t.terminalId === 't2')
          .map((t) => [t.terminalId, t.own]),
      ).toEqual([
        ['t1', true],
        ['t2', false],
      ]);
    } finally {
      await desk.close();
    }
    // A console that is no terminal marks none.
    expect((await view.terminals()).some((t) => t.own !== undefined)).toBe(false);
  });

  it('hears a staff need raised and cleared at a terminal, and lists it until it is cleared', async () => {
    await until('listening', () => connected);
    t1.needs.push({ kind: 'visual-pending', reader: 'R1' });
    t1.replicator.nudge();
    await until('the raised need', () =>
      events.some((e) => e.terminal === 't1' && e.kind === 'visual-pending' && e.active),
    );
    expect(events.find((e) => e.kind === 'visual-pending')).toMatchObject({ reader: 'R1' });
    const raised = (await view.terminals()).find((t) => t.terminalId === 't1');
    expect(raised?.needs).toEqual([
      expect.objectContaining({
        kind: 'visual-pending',
        reader: 'R1',
        since: expect.stringContaining('+09:00'),
      }),
    ]);
    t1.needs.splice(0);
    t1.replicator.nudge();
    await until('the cleared need', () =>
      events.some((e) => e.terminal === 't1' && e.kind === 'visual-pending' && !e.active),
    );
    expect((await view.terminals()).find((t) => t.terminalId === 't1')?.needs).toEqual([]);
  });

  it('writes the clinic CSV with each row’s cells exactly as its terminal’s own export writes them', async () => {
    const csv = await view.exportCsv({ from: '2026-12-01', to: '2026-12-01' });
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(6);
    const local = t1.local.log
      .exportCsv({ from: '2026-12-01', to: '2026-12-01' })
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(`端末ID,${local[0]}`);
    for (const line of local.slice(1)) expect(lines).toContain(`t1,${line}`);
  });

  it('lets the console role only read, and a terminal add events only as itself', async () => {
    const asViewer = await clientAs(cluster, viewer);
    const asT2 = await clientAs(cluster, t2.login);
    const refused = (client: pg.Client, sql: string) =>
      expect(client.query(sql)).rejects.toMatchObject({ code: '42501' });
    try {
      await refused(
        asViewer,
        `INSERT INTO kiosk_central.events (terminal_id, kind, active, sent_at) VALUES ('t1', 'card-left', true, now())`,
      );
      await refused(
        asViewer,
        `INSERT INTO kiosk_central.heartbeats (terminal_id, sent_at, reader, gateway, log, local_head_id,
           shipped_id, lag_rows, lag_seconds, replication) VALUES ('t1', now(), 'up', 'up', 'up', 0, 0, 0, 0, 'ok')`,
      );
      await refused(asViewer, `UPDATE kiosk_central.confirmations SET name = 'x'`);
      await refused(asViewer, `DELETE FROM kiosk_central.events`);
      await refused(
        asT2,
        `INSERT INTO kiosk_central.events (terminal_id, kind, active, sent_at) VALUES ('t1', 'card-left', true, now())`,
      );
      // A terminal reads nothing of the others: not even the events.
      await refused(asT2, `SELECT * FROM kiosk_central.events`);
    } finally {
      await asViewer.end();
      await asT2.end();
    }
  });

  it('is told when a terminal’s rows arrive, so the list re-reads without a poll', async () => {
    await until('listening', () => connected);
    const before = rowNotices;
    t2.local.checkIns(1);
    t2.replicator.nudge();
    await until('a notice of arriving rows', () => rowNotices > before);
    expect((await view.list({ terminal: 't2' })).total).toBe(3);
  });

  it('listens again after the server restarts, and hears needs raised after it', async () => {
    await until('listening', () => connected);
    const before = connections;
    cluster.stop('fast');
    cluster.start();
    await until('listening again', () => connections > before);
    t2.needs.push({ kind: 'out-of-service', reader: '' });
    t2.replicator.nudge();
    await until('the need raised after the restart', () =>
      events.some((e) => e.terminal === 't2' && e.kind === 'out-of-service' && e.active),
    );
  });
});
