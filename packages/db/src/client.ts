import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { env } from './env.ts';
import { type Prisma, PrismaClient } from './generated/prisma/client.ts';
import { type ApplyMigrationsResult, applyMigrations } from './migrate.ts';
import { type DatabaseKind, type SqlExecutor, pgPoolExecutor, pgTypes, pgliteExecutor } from './sql.ts';
import { type StatementCounter, countingAdapterFactory, createStatementCounter } from './statements.ts';

/** `.data/pglite` at the repository root (gitignored): the zero-setup database's files. */
export const defaultPgliteDataDir = fileURLToPath(new URL('../../../.data/pglite', import.meta.url));

export interface CreateDatabaseOptions {
  /** A PostgreSQL URL. Default: `DATABASE_URL`; when neither is set, PGlite is used. */
  url?: string;
  /** Use PGlite even when `DATABASE_URL` is set. */
  pglite?: true | PGlite;
  /** PGlite's folder. Default: `PGLITE_DATA_DIR`, else `.data/pglite` at the repository root. */
  dataDir?: string;
  /** An in-memory PGlite that vanishes on close (ignores `dataDir`). */
  memory?: boolean;
  /** Apply pending migrations before returning (see `applyMigrations`). Default: false. */
  migrate?: boolean;
  /** PostgreSQL connection pool size. Default: 10. */
  poolSize?: number;
  /** Prisma's log levels written to stdout/stderr. Default: warnings and errors. */
  log?: Prisma.LogLevel[];
  /** Runs after everything is closed (the test helper drops its database here). */
  onClose?: () => Promise<void>;
}

/**
 * The database of the platform: a Prisma client plus raw SQL, bulk copy and a statement counter,
 * over PGlite (embedded, zero setup) or PostgreSQL.
 */
export interface Database extends SqlExecutor {
  readonly kind: DatabaseKind;
  readonly prisma: PrismaClient;
  /** Statements Prisma has sent; for no-N+1 tests. */
  readonly statements: StatementCounter;
  /** The PGlite folder (`memory://` when in memory) or the PostgreSQL URL without its password. */
  readonly location: string;
  /** What `migrate: true` applied at start, or null when it was not asked for. */
  readonly migrations: ApplyMigrationsResult | null;
  /** Applies pending migrations now. */
  migrate(): Promise<ApplyMigrationsResult>;
  /** Disconnects Prisma and closes PGlite or the pool; without it a process lingers. Idempotent. */
  close(): Promise<void>;
}

function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

interface Driver {
  kind: DatabaseKind;
  location: string;
  sql: SqlExecutor;
  adapter: SqlDriverAdapterFactory;
  close(): Promise<void>;
}

async function openPglite(options: CreateDatabaseOptions): Promise<Driver> {
  let pglite: PGlite;
  let location: string;
  if (options.pglite instanceof PGlite) {
    pglite = options.pglite;
    location = pglite.dataDir ?? 'memory://';
  } else if (options.memory) {
    pglite = await PGlite.create();
    location = 'memory://';
  } else {
    location = resolve(options.dataDir ?? env.PGLITE_DATA_DIR ?? defaultPgliteDataDir);
    mkdirSync(location, { recursive: true });
    pglite = await PGlite.create({ dataDir: location });
  }
  return {
    kind: 'pglite',
    location,
    sql: pgliteExecutor(pglite),
    adapter: new PrismaPGlite(pglite),
    close: () => pglite.close(),
  };
}

function openPostgres(url: string, options: CreateDatabaseOptions): Driver {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types: pgTypes });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  let ended: Promise<void> | undefined;
  return {
    kind: 'postgres',
    location: redactUrl(url),
    sql: pgPoolExecutor(pool),
    adapter: new PrismaPg(pool),
    close: () => (ended ??= pool.end()),
  };
}

/**
 * Opens the database: PostgreSQL when `url` or `DATABASE_URL` is set, otherwise PGlite in
 * `.data/pglite` (or in memory). Close it when done.
 *
 * @example
 * const db = await createDatabase({ migrate: true });
 * try {
 *   await db.prisma.unit.findMany({ take: 10 });
 *   await db.query('SELECT count(*) AS n FROM "Unit"');
 * } finally {
 *   await db.close();
 * }
 */
export async function createDatabase(options: CreateDatabaseOptions = {}): Promise<Database> {
  const url = options.pglite || options.memory ? undefined : (options.url ?? env.DATABASE_URL);
  const driver = url === undefined ? await openPglite(options) : openPostgres(url, options);
  const counter = createStatementCounter();
  const prisma = new PrismaClient({
    adapter: countingAdapterFactory(driver.adapter, counter.record),
    log: options.log ?? ['warn', 'error'],
  });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      try {
        await prisma.$disconnect();
      } finally {
        await driver.close();
        await options.onClose?.();
      }
    })());

  let migrations: ApplyMigrationsResult | null = null;
  if (options.migrate) {
    try {
      migrations = await applyMigrations(driver.sql);
    } catch (error) {
      await close();
      throw error;
    }
  }

  const { sql } = driver;
  return {
    kind: driver.kind,
    location: driver.location,
    prisma,
    statements: counter,
    migrations,
    query: sql.query,
    exec: sql.exec,
    copyRows: sql.copyRows,
    transaction: sql.transaction,
    migrate: () => applyMigrations(sql),
    close,
  };
}
