// Applies the central schema's pending migrations, each in its own transaction, under an advisory lock.
import type { ClientBase } from 'pg';
import { CentralError } from './central-error';
import { CENTRAL_MIGRATIONS } from './migrations/index';
import type { CentralMigration } from './migrations/migration';

/** Held while migrating, so two `central:migrate` runs never interleave. */
const MIGRATION_LOCK = 4_517_001;

export interface MigrationResult {
  from: number;
  to: number;
  applied: string[];
}

/** The version of the central schema in this database (0 when it has none yet). */
export async function centralSchemaVersion(client: ClientBase): Promise<number> {
  const exists = await client.query<{ present: boolean }>(
    "SELECT to_regclass('kiosk_central.schema_migrations') IS NOT NULL AS present",
  );
  if (!exists.rows[0]?.present) return 0;
  const result = await client.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM kiosk_central.schema_migrations',
  );
  return result.rows[0]?.version ?? 0;
}

export async function migrateCentral(
  client: ClientBase,
  migrations: readonly CentralMigration[] = CENTRAL_MIGRATIONS,
): Promise<MigrationResult> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query('CREATE SCHEMA IF NOT EXISTS kiosk_central');
    await client.query(`CREATE TABLE IF NOT EXISTS kiosk_central.schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const from = await centralSchemaVersion(client);
    if (from > migrations.length) {
      throw new CentralError(
        'central.schema',
        `the central schema is at version ${from}, newer than this program knows (${migrations.length})`,
      );
    }
    const applied: string[] = [];
    for (const migration of migrations.slice(from)) {
      await client.query('BEGIN');
      try {
        for (const statement of migration.statements) await client.query(statement);
        await client.query('INSERT INTO kiosk_central.schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new CentralError(
          'central.schema',
          `migration ${migration.version} (${migration.name}) failed: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      applied.push(`${String(migration.version).padStart(4, '0')}-${migration.name}`);
    }
    return { from, to: migrations.length, applied };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
