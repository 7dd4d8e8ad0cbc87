// Every central schema migration, in order. A change is a new file NNNN-<what>.ts appended here; old ones never change.
import { centralMigration0001 } from './0001-central-record';
import { centralMigration0002 } from './0002-staff-events';
import type { CentralMigration } from './migration';

export const CENTRAL_MIGRATIONS: readonly CentralMigration[] = [centralMigration0001, centralMigration0002];

export const CENTRAL_LATEST_VERSION = CENTRAL_MIGRATIONS.length;
