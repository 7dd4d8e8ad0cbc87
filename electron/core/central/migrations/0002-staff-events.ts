// Central migration 2: staff-needed events of the terminals and arriving rows, told by NOTIFY; heartbeats say their interval.
import type { CentralMigration } from './migration';

/** The NOTIFY channel of staff-needed events; the payload names the event row, never a person. */
export const STAFF_EVENTS_CHANNEL = 'kiosk_central_staff';

/** The NOTIFY channel told when rows arrive from any terminal (no payload): the clinic view's list re-reads. */
export const ROWS_CHANNEL = 'kiosk_central_rows';

/**
 * The kinds a terminal reports. `reset` is written when a terminal's replicator starts: every event of that
 * terminal before it is over (the terminal restarted and knows nothing of earlier cards or screens).
 */
export const STAFF_EVENT_KINDS = ['visual-pending', 'card-left', 'out-of-service', 'reset'] as const;

export const centralMigration0002: CentralMigration = {
  version: 2,
  name: 'staff-events',
  statements: [
    // The console judges a heartbeat stale against the interval the terminal itself keeps (older rows: none).
    `ALTER TABLE kiosk_central.heartbeats ADD COLUMN interval_seconds integer CHECK (interval_seconds > 0)`,
    `CREATE TABLE kiosk_central.events (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       terminal_id text NOT NULL DEFAULT kiosk_central.terminal_of(current_user)
         REFERENCES kiosk_central.terminals ON UPDATE RESTRICT ON DELETE RESTRICT,
       kind text NOT NULL CHECK (kind IN (${STAFF_EVENT_KINDS.map((kind) => `'${kind}'`).join(', ')})),
       reader text NOT NULL DEFAULT '' CHECK (length(reader) <= 128),
       active boolean NOT NULL,
       sent_at timestamptz NOT NULL,
       received_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE INDEX events_by_terminal ON kiosk_central.events (terminal_id, id DESC)`,
    // The payload holds the row's id, terminal, kind and state: listeners read nothing personal from it.
    `CREATE FUNCTION kiosk_central.notify_staff_event() RETURNS trigger
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = kiosk_central, pg_temp AS $$
       BEGIN
         PERFORM pg_notify('${STAFF_EVENTS_CHANNEL}', json_build_object(
           'id', NEW.id, 'terminal', NEW.terminal_id, 'kind', NEW.kind, 'reader', NEW.reader, 'active', NEW.active
         )::text);
         RETURN NULL;
       END $$`,
    `CREATE TRIGGER events_notify AFTER INSERT ON kiosk_central.events
       FOR EACH ROW EXECUTE FUNCTION kiosk_central.notify_staff_event()`,
    `CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON kiosk_central.events
       FOR EACH ROW EXECUTE FUNCTION kiosk_central.refuse_change()`,
    // Once per upload statement, not per row: a backlog of thousands of rows is one notice per batch.
    `CREATE FUNCTION kiosk_central.notify_rows() RETURNS trigger
       LANGUAGE plpgsql SECURITY DEFINER SET search_path = kiosk_central, pg_temp AS $$
       BEGIN
         PERFORM pg_notify('${ROWS_CHANNEL}', '');
         RETURN NULL;
       END $$`,
    `CREATE TRIGGER confirmations_notify AFTER INSERT ON kiosk_central.confirmations
       FOR EACH STATEMENT EXECUTE FUNCTION kiosk_central.notify_rows()`,
    `REVOKE ALL ON kiosk_central.events FROM PUBLIC`,
    `REVOKE ALL ON FUNCTION kiosk_central.notify_staff_event(), kiosk_central.notify_rows() FROM PUBLIC`,
    `GRANT INSERT ON kiosk_central.events TO kiosk_terminal`,
    `GRANT SELECT ON kiosk_central.events TO kiosk_console`,
    `ALTER TABLE kiosk_central.events ENABLE ROW LEVEL SECURITY`,
    // A terminal adds events only as itself, like its rows and heartbeats (migration 1).
    `CREATE POLICY events_own_terminal ON kiosk_central.events FOR INSERT TO kiosk_terminal
       WITH CHECK (terminal_id = kiosk_central.terminal_of(current_user))`,
    `CREATE POLICY events_console_reads ON kiosk_central.events FOR SELECT TO kiosk_console USING (true)`,
  ],
};
