// One step of the central schema: a version number, a name, and the SQL that makes it (run in one transaction).

export interface CentralMigration {
  version: number;
  name: string;
  /** SQL statements, run in order inside the migration's transaction. */
  statements: readonly string[];
}
