import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlExecutor } from './sql.ts';

/** `packages/db/prisma/migrations`, committed; one folder per migration, applied in name order. */
export const migrationsDir = fileURLToPath(new URL('../prisma/migrations/', import.meta.url));

export interface Migration {
  /** The folder name, `<yyyyMMddHHmmss>_<name>`. */
  readonly name: string;
  readonly sql: string;
  /** SHA-256 of `migration.sql` in hex, as Prisma records it. */
  readonly checksum: string;
}

export interface ApplyMigrationsResult {
  /** Names applied by this call, in order. */
  readonly applied: string[];
  /** How many were already recorded as applied. */
  readonly alreadyApplied: number;
}

export class MigrationChecksumError extends Error {
  constructor(readonly migrationName: string) {
    super(
      `Migration ${migrationName} was changed after it was applied to this database. ` +
        'Never edit an applied migration: create a new one (pnpm --filter @antt/db migrate:create <name>), ' +
        'or reset a development database (pnpm --filter @antt/db db:reset).',
    );
    this.name = 'MigrationChecksumError';
  }
}

/** Reads every `<dir>/<name>/migration.sql`, sorted by folder name. */
export function readMigrations(dir: string = migrationsDir): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
    });
}

/** One hash over every migration's name and content: a key for caches of migrated databases. */
export function migrationsHash(migrations: readonly Migration[] = readMigrations()): string {
  const hash = createHash('sha256');
  for (const migration of migrations) hash.update(`${migration.name}\0${migration.checksum}\0`);
  return hash.digest('hex').slice(0, 16);
}

/** The key of Prisma's own migration lock, so our runner and `prisma migrate deploy` exclude each other. */
const ADVISORY_LOCK_KEY = 72707369;

/** Prisma's migration history table, column for column. */
const CREATE_HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
}

async function appliedMigrations(sql: SqlExecutor): Promise<Map<string, string>> {
  const rows = await sql.query<AppliedRow>(
    `SELECT migration_name, checksum FROM "_prisma_migrations"
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  return new Map(rows.map((row) => [row.migration_name, row.checksum]));
}

/**
 * Applies the pending migrations in order, each in its own transaction, and records them in
 * `_prisma_migrations` exactly as `prisma migrate deploy` would. Idempotent and safe to run from
 * several processes at once (they serialise on Prisma's advisory lock). Throws
 * `MigrationChecksumError` when an applied migration's file has changed since.
 *
 * @example
 * await applyMigrations(db); // db from createDatabase(), or pgliteExecutor(pglite)
 */
export async function applyMigrations(
  target: SqlExecutor,
  migrations: readonly Migration[] = readMigrations(),
): Promise<ApplyMigrationsResult> {
  await target.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCK_KEY]);
    await tx.exec(CREATE_HISTORY_TABLE);
  });

  const applied: string[] = [];
  let alreadyApplied = 0;
  const recordedBefore = await appliedMigrations(target);
  for (const migration of migrations) {
    const checksum = recordedBefore.get(migration.name);
    if (checksum !== undefined) {
      if (checksum !== migration.checksum) throw new MigrationChecksumError(migration.name);
      alreadyApplied += 1;
      continue;
    }
    // Another process may have applied it since we looked: decide again under the lock.
    const wasApplied = await target.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCK_KEY]);
      const recorded = (await appliedMigrations(tx)).get(migration.name);
      if (recorded !== undefined) {
        if (recorded !== migration.checksum) throw new MigrationChecksumError(migration.name);
        return true;
      }
      const [{ startedAt } = { startedAt: new Date() }] = await tx.query<{ startedAt: Date }>(
        'SELECT clock_timestamp() AS "startedAt"',
      );
      await tx.exec(migration.sql);
      await tx.query(
        `INSERT INTO "_prisma_migrations"
           (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
         VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`,
        [randomUUID(), migration.checksum, migration.name, startedAt],
      );
      return false;
    });
    if (wasApplied) alreadyApplied += 1;
    else applied.push(migration.name);
  }
  return { applied, alreadyApplied };
}
