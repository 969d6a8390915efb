import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type CreateDatabaseOptions, type Database, createDatabase } from './client.ts';
import { env } from './env.ts';
import { adminUrl, withAdmin } from './postgres-admin.ts';
import { applyMigrations, migrationsHash } from './migrate.ts';
import { cachedDataDir, emptyPglite, pgliteFromCache } from './pglite-cache.ts';
import { type DatabaseKind, pgliteExecutor, quoteIdentifier } from './sql.ts';

export type { DatabaseKind } from './sql.ts';

/**
 * The database kinds integration suites should cover: PGlite always, PostgreSQL too when
 * `TEST_DATABASE_URL` names a server (CI sets it).
 *
 * @example
 * describe.each(databaseKindsUnderTest())('units on %s', (kind) => {
 *   let db: Database;
 *   beforeAll(async () => { db = await createTestDatabase(kind); });
 *   afterAll(() => db.close());
 * });
 */
export function databaseKindsUnderTest(): DatabaseKind[] {
  return env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabaseOptions extends Pick<CreateDatabaseOptions, 'log' | 'poolSize'> {
  /** Apply the migrations (default). With false the database is empty, for testing migrations. */
  migrate?: boolean;
}

/**
 * A fresh, migrated, empty database of its own: an in-memory PGlite loaded from a migrated
 * template (~0.5 s), or a new database `antt_test_*` on `TEST_DATABASE_URL`'s server, dropped on
 * `close()`. Create one per test file (in `beforeAll`); tests inside create the data they need.
 */
export async function createTestDatabase(
  kind: DatabaseKind = 'pglite',
  options: TestDatabaseOptions = {},
): Promise<Database> {
  return kind === 'pglite' ? createPgliteTestDatabase(options) : createPostgresTestDatabase(options);
}

// ---------------------------------------------------------------------------------------------
// PGlite: migrate once into a template whose data directory is cached in the OS temp folder
// (keyed by the PGlite build and the migrations); each test database loads a copy (~0.5 s).

function migratedTemplateKey(): string {
  return `migrated-${migrationsHash()}`;
}

async function migrateTemplate(pglite: PGlite): Promise<void> {
  await applyMigrations(pgliteExecutor(pglite));
}

/**
 * Builds the cached, migrated PGlite template if it is missing. Optional: call it from a vitest
 * `globalSetup` so parallel test files do not each build it on a cold cache.
 */
export async function preparePgliteTemplate(): Promise<void> {
  await cachedDataDir(migratedTemplateKey(), migrateTemplate);
}

async function createPgliteTestDatabase({ migrate = true, ...options }: TestDatabaseOptions): Promise<Database> {
  const pglite = migrate
    ? await pgliteFromCache(migratedTemplateKey(), migrateTemplate)
    : await emptyPglite();
  return createDatabase({ ...options, pglite, migrate });
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: one throw-away database per test database.

const TEST_DATABASE_PREFIX = 'antt_test_';
/** Databases older than this were left by a crashed run and are dropped by the next one. */
const STALE_AFTER_SECONDS = 6 * 60 * 60;

async function dropStaleDatabases(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    'SELECT datname FROM pg_database WHERE datname LIKE $1',
    [`${TEST_DATABASE_PREFIX}%`],
  );
  const now = Math.floor(Date.now() / 1000);
  for (const { datname } of rows) {
    const createdAt = Number(datname.slice(TEST_DATABASE_PREFIX.length).split('_')[0]);
    if (Number.isFinite(createdAt) && now - createdAt > STALE_AFTER_SECONDS) {
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(datname)} WITH (FORCE)`).catch(() => undefined);
    }
  }
}

async function createPostgresTestDatabase({ migrate = true, ...options }: TestDatabaseOptions): Promise<Database> {
  const name = `${TEST_DATABASE_PREFIX}${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (client) => {
    await dropStaleDatabases(client);
    await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
  });
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const drop = () =>
    withAdmin(async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
    });
  try {
    return await createDatabase({ poolSize: 4, ...options, url: url.toString(), migrate, onClose: drop });
  } catch (error) {
    await drop();
    throw error;
  }
}

export { createSeededTestDatabase, seedHash } from './seeded-testing.ts';
