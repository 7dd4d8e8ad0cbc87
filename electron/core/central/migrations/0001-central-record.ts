// Central migration 1: terminals, confirmations, purge records, heartbeats, chain heads, roles and row-level security.
import { CENTRAL_COLUMNS, type CentralColumn } from '../central-columns';
import type { CentralMigration } from './migration';

const ZERO_HASH = `'\\x${'00'.repeat(32)}'::bytea`;

const columnDefinition = (c: CentralColumn): string =>
  `${c.central} ${c.kind}${c.required ? ' NOT NULL' : ''}${c.central === 'local_id' ? ' CHECK (local_id > 0)' : ''}`;

/** Every stored column of a confirmation apart from the key's terminal and the time of arrival. */
const contentColumns = ['chain_format', ...CENTRAL_COLUMNS.map((c) => c.central), 'prev_hash', 'hash'];
const purgeContentColumns = [
  'chain_format',
  'purged_at',
  'cutoff_day',
  'removed_count',
  'first_removed_id',
  'last_removed_id',
  'anchor_id',
  'anchor_hash',
  'prev_hash',
  'hash',
];

const tuple = (prefix: string, columns: readonly string[]): string =>
  `(${columns.map((c) => `${prefix}.${c}`).join(', ')})`;

export const centralMigration0001: CentralMigration = {
  version: 1,
  name: 'central-record',
  statements: [
    // Group roles (cluster-wide, so they may exist from another clinic database): terminals log in as members
    // of kiosk_terminal, the staff console's clinic view as a member of kiosk_console.
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kiosk_terminal') THEN CREATE ROLE kiosk_terminal NOLOGIN; END IF;
       IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kiosk_console') THEN CREATE ROLE kiosk_console NOLOGIN; END IF;
     END $$`,
    `CREATE TABLE kiosk_central.terminals (
       terminal_id text PRIMARY KEY CHECK (terminal_id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$'),
       role_name name NOT NULL UNIQUE,
       description text NOT NULL DEFAULT '',
       added_at timestamptz NOT NULL DEFAULT now(),
       retired_at timestamptz
     )`,
    // The terminal a database role ships as: only an active (not retired) terminal has one. Runs as the
    // schema owner so a terminal role needs no read access to the terminals table.
    `CREATE FUNCTION kiosk_central.terminal_of(role name) RETURNS text
       LANGUAGE sql STABLE SECURITY DEFINER SET search_path = kiosk_central, pg_temp AS $$
       SELECT terminal_id FROM kiosk_central.terminals WHERE role_name = role AND retired_at IS NULL
     $$`,
    `CREATE TABLE kiosk_central.confirmations (
       terminal_id text NOT NULL DEFAULT kiosk_central.terminal_of(current_user)
         REFERENCES kiosk_central.terminals ON UPDATE RESTRICT ON DELETE RESTRICT,
       chain_format integer NOT NULL CHECK (chain_format IN (1, 2)),
       ${CENTRAL_COLUMNS.map(columnDefinition).join(',\n       ')},
       prev_hash bytea NOT NULL CHECK (octet_length(prev_hash) = 32),
       hash bytea NOT NULL CHECK (octet_length(hash) = 32),
       received_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (terminal_id, local_id)
     )`,
    `CREATE INDEX confirmations_by_day ON kiosk_central.confirmations (day, started_ms)`,
    `CREATE TABLE kiosk_central.purges (
       terminal_id text NOT NULL DEFAULT kiosk_central.terminal_of(current_user)
         REFERENCES kiosk_central.terminals ON UPDATE RESTRICT ON DELETE RESTRICT,
       local_id bigint NOT NULL CHECK (local_id > 0),
       chain_format integer NOT NULL CHECK (chain_format IN (1, 2)),
       purged_at text NOT NULL,
       cutoff_day text NOT NULL,
       removed_count bigint NOT NULL,
       first_removed_id bigint,
       last_removed_id bigint,
       anchor_id bigint NOT NULL,
       anchor_hash bytea NOT NULL CHECK (octet_length(anchor_hash) = 32),
       prev_hash bytea NOT NULL CHECK (octet_length(prev_hash) = 32),
       hash bytea NOT NULL CHECK (octet_length(hash) = 32),
       received_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (terminal_id, local_id)
     )`,
    // Where each terminal's chains end centrally: kept by the arrival triggers, read by the terminal itself
    // only through central_head().
    `CREATE TABLE kiosk_central.chain_heads (
       terminal_id text PRIMARY KEY REFERENCES kiosk_central.terminals,
       last_id bigint NOT NULL,
       last_hash bytea NOT NULL,
       purge_id bigint NOT NULL,
       purge_hash bytea NOT NULL
     )`,
    `CREATE TABLE kiosk_central.heartbeats (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       terminal_id text NOT NULL DEFAULT kiosk_central.terminal_of(current_user)
         REFERENCES kiosk_central.terminals ON UPDATE RESTRICT ON DELETE RESTRICT,
       sent_at timestamptz NOT NULL,
       received_at timestamptz NOT NULL DEFAULT now(),
       reader text NOT NULL CHECK (reader IN ('up', 'down', 'unknown')),
       gateway text NOT NULL CHECK (gateway IN ('up', 'down', 'unknown')),
       log text NOT NULL CHECK (log IN ('up', 'down', 'unknown')),
       local_head_id bigint NOT NULL,
       shipped_id bigint NOT NULL,
       lag_rows bigint NOT NULL,
       lag_seconds bigint NOT NULL,
       replication text NOT NULL
     )`,
    `CREATE INDEX heartbeats_by_terminal ON kiosk_central.heartbeats (terminal_id, sent_at DESC)`,
    `CREATE FUNCTION kiosk_central.head_of(terminal text) RETURNS kiosk_central.chain_heads
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = kiosk_central, pg_temp AS $$
       DECLARE head kiosk_central.chain_heads;
       BEGIN
         INSERT INTO kiosk_central.chain_heads VALUES (terminal, 0, ${ZERO_HASH}, 0, ${ZERO_HASH})
           ON CONFLICT (terminal_id) DO NOTHING;
         SELECT * INTO head FROM kiosk_central.chain_heads WHERE terminal_id = terminal FOR UPDATE;
         RETURN head;
       END $$`,
    // A row arrives: the same row again is skipped; another row under the same key is tampering; a row
    // that does not continue the terminal's central chain (or start after a purge record's anchor) is
    // refused. One advisory lock per terminal keeps two uploads of one terminal in order.
    `CREATE FUNCTION kiosk_central.accept_confirmation() RETURNS trigger
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = kiosk_central, pg_temp AS $$
       DECLARE
         old_row kiosk_central.confirmations;
         head kiosk_central.chain_heads;
       BEGIN
         -- Checked before anything is looked up, so a terminal learns nothing of another's rows. session_user:
         -- here current_user is the owner; a terminal logs in as its own role.
         IF NEW.terminal_id IS NULL OR NEW.terminal_id IS DISTINCT FROM kiosk_central.terminal_of(session_user) THEN
           RAISE EXCEPTION 'role % may add rows only as its own active terminal', session_user
             USING ERRCODE = '42501';
         END IF;
         PERFORM pg_advisory_xact_lock(hashtext('kiosk_central.terminal'), hashtext(NEW.terminal_id));
         SELECT * INTO old_row FROM kiosk_central.confirmations
           WHERE terminal_id = NEW.terminal_id AND local_id = NEW.local_id;
         IF FOUND THEN
           IF ${tuple('old_row', contentColumns)} IS NOT DISTINCT FROM ${tuple('NEW', contentColumns)} THEN
             RETURN NULL;
           END IF;
           RAISE EXCEPTION 'row % of terminal % differs from the row already received', NEW.local_id, NEW.terminal_id
             USING ERRCODE = 'KC002', DETAIL = NEW.local_id::text;
         END IF;
         head := kiosk_central.head_of(NEW.terminal_id);
         IF NOT (
           (NEW.local_id = head.last_id + 1 AND NEW.prev_hash = head.last_hash)
           OR (NEW.local_id > head.last_id + 1 AND EXISTS (
             SELECT 1 FROM kiosk_central.purges p
             WHERE p.terminal_id = NEW.terminal_id AND p.anchor_id = NEW.local_id - 1 AND p.anchor_hash = NEW.prev_hash))
         ) THEN
           RAISE EXCEPTION 'row % of terminal % does not continue the central chain (its last row is %)',
             NEW.local_id, NEW.terminal_id, head.last_id
             USING ERRCODE = 'KC001', DETAIL = NEW.local_id::text;
         END IF;
         UPDATE kiosk_central.chain_heads SET last_id = NEW.local_id, last_hash = NEW.hash
           WHERE terminal_id = NEW.terminal_id;
         NEW.received_at := now();
         RETURN NEW;
       END $$`,
    `CREATE TRIGGER confirmations_accept BEFORE INSERT ON kiosk_central.confirmations
       FOR EACH ROW EXECUTE FUNCTION kiosk_central.accept_confirmation()`,
    `CREATE FUNCTION kiosk_central.accept_purge() RETURNS trigger
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = kiosk_central, pg_temp AS $$
       DECLARE
         old_row kiosk_central.purges;
         head kiosk_central.chain_heads;
       BEGIN
         -- Checked before anything is looked up, so a terminal learns nothing of another's rows. session_user:
         -- here current_user is the owner; a terminal logs in as its own role.
         IF NEW.terminal_id IS NULL OR NEW.terminal_id IS DISTINCT FROM kiosk_central.terminal_of(session_user) THEN
           RAISE EXCEPTION 'role % may add rows only as its own active terminal', session_user
             USING ERRCODE = '42501';
         END IF;
         PERFORM pg_advisory_xact_lock(hashtext('kiosk_central.terminal'), hashtext(NEW.terminal_id));
         SELECT * INTO old_row FROM kiosk_central.purges
           WHERE terminal_id = NEW.terminal_id AND local_id = NEW.local_id;
         IF FOUND THEN
           IF ${tuple('old_row', purgeContentColumns)} IS NOT DISTINCT FROM ${tuple('NEW', purgeContentColumns)} THEN
             RETURN NULL;
           END IF;
           RAISE EXCEPTION 'purge record % of terminal % differs from the one already received', NEW.local_id, NEW.terminal_id
             USING ERRCODE = 'KC002', DETAIL = NEW.local_id::text;
         END IF;
         head := kiosk_central.head_of(NEW.terminal_id);
         IF NOT (NEW.local_id = head.purge_id + 1 AND NEW.prev_hash = head.purge_hash) THEN
           RAISE EXCEPTION 'purge record % of terminal % does not continue the central purge chain (its last is %)',
             NEW.local_id, NEW.terminal_id, head.purge_id
             USING ERRCODE = 'KC001', DETAIL = NEW.local_id::text;
         END IF;
         UPDATE kiosk_central.chain_heads SET purge_id = NEW.local_id, purge_hash = NEW.hash
           WHERE terminal_id = NEW.terminal_id;
         NEW.received_at := now();
         RETURN NEW;
       END $$`,
    `CREATE TRIGGER purges_accept BEFORE INSERT ON kiosk_central.purges
       FOR EACH ROW EXECUTE FUNCTION kiosk_central.accept_purge()`,
    // Rows and purge records never change centrally either, whoever asks (the owner included).
    `CREATE FUNCTION kiosk_central.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION '% rows of the central record never change', TG_TABLE_NAME USING ERRCODE = 'KC003';
       END $$`,
    `CREATE TRIGGER confirmations_append_only BEFORE UPDATE OR DELETE ON kiosk_central.confirmations
       FOR EACH ROW EXECUTE FUNCTION kiosk_central.refuse_change()`,
    `CREATE TRIGGER purges_append_only BEFORE UPDATE OR DELETE ON kiosk_central.purges
       FOR EACH ROW EXECUTE FUNCTION kiosk_central.refuse_change()`,
    // A terminal reads back only where its own chains end. session_user: inside a SECURITY DEFINER function
    // current_user is the owner, and a terminal logs in as its own role.
    `CREATE FUNCTION kiosk_central.my_head() RETURNS TABLE (last_id bigint, last_hash bytea, purge_id bigint, purge_hash bytea)
       LANGUAGE sql STABLE SECURITY DEFINER SET search_path = kiosk_central, pg_temp AS $$
       SELECT h.last_id, h.last_hash, h.purge_id, h.purge_hash FROM kiosk_central.chain_heads h
       WHERE h.terminal_id = kiosk_central.terminal_of(session_user)
     $$`,
    // Least privilege: nothing for PUBLIC; a terminal may only add rows, and row-level security holds it to
    // its own terminal id; the console may only read.
    `REVOKE ALL ON SCHEMA kiosk_central FROM PUBLIC`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA kiosk_central FROM PUBLIC`,
    `REVOKE ALL ON ALL FUNCTIONS IN SCHEMA kiosk_central FROM PUBLIC`,
    `GRANT USAGE ON SCHEMA kiosk_central TO kiosk_terminal, kiosk_console`,
    `GRANT EXECUTE ON FUNCTION kiosk_central.terminal_of(name), kiosk_central.my_head() TO kiosk_terminal`,
    `GRANT INSERT ON kiosk_central.confirmations, kiosk_central.purges, kiosk_central.heartbeats TO kiosk_terminal`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA kiosk_central TO kiosk_console`,
    ...['confirmations', 'purges', 'heartbeats'].flatMap((table) => [
      `ALTER TABLE kiosk_central.${table} ENABLE ROW LEVEL SECURITY`,
      `CREATE POLICY ${table}_own_terminal ON kiosk_central.${table} FOR INSERT TO kiosk_terminal
         WITH CHECK (terminal_id = kiosk_central.terminal_of(current_user))`,
      `CREATE POLICY ${table}_console_reads ON kiosk_central.${table} FOR SELECT TO kiosk_console USING (true)`,
    ]),
  ],
};
