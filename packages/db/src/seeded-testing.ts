import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { createDatabase, type Database } from './client.ts';
import { migrationsHash } from './migrate.ts';
import { databaseUrl, withAdmin } from './postgres-admin.ts';
import { pgliteFromCache } from './pglite-cache.ts';
import { seedDatabase } from './seed/seed.ts';
import { quoteIdentifier, type DatabaseKind } from './sql.ts';

/*
 * Test databases that start seeded (administrative history, templates, demo province), built once
 * per change of the seed and copied per test file: a cached PGlite data directory, or a PostgreSQL
 * template database (CREATE DATABASE … TEMPLATE copies files, in well under a second).
 */

const root = fileURLToPath(new URL('../../../', import.meta.url));

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, keep));
    else if (keep(entry)) out.push(path);
  }
  return out.sort();
}

let cachedKey: string | undefined;

/** Changes whenever the migrations, the seed, its data or the domain rules it evaluates change. */
export function seedHash(): string {
  if (cachedKey) return cachedKey;
  const hash = createHash('sha256').update(migrationsHash());
  const sources = [
    ...filesUnder(join(root, 'packages/db/src/seed'), (name) => name.endsWith('.ts') && !name.endsWith('.test.ts')),
    ...filesUnder(join(root, 'packages/db/data'), (name) => name.endsWith('.csv')),
    ...filesUnder(join(root, 'packages/criteria/src'), (name) => name.endsWith('.ts') && !name.endsWith('.test.ts')),
  ];
  for (const file of sources) hash.update(file.slice(root.length)).update(readFileSync(file));
  cachedKey = hash.digest('hex').slice(0, 16);
  return cachedKey;
}

async function seedPglite(pglite: PGlite): Promise<void> {
  const db = await createDatabase({ pglite, migrate: true });
  // The template's PGlite stays open for the cache to dump it; only Prisma is released here.
  await seedDatabase(db);
  await db.prisma.$disconnect();
}

const TEMPLATE_PREFIX = 'antt_seed_';
const SEEDED_LOCK = 72_707_370;

async function ensurePostgresTemplate(): Promise<string> {
  const template = `${TEMPLATE_PREFIX}${seedHash()}`;
  await withAdmin(async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [SEEDED_LOCK]);
    try {
      const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (rows.length > 0) return;
      const building = `antt_seedbuild_${randomBytes(4).toString('hex')}`;
      await client.query(`CREATE DATABASE ${quoteIdentifier(building)}`);
      try {
        const db = await createDatabase({ url: databaseUrl(building), migrate: true, poolSize: 4 });
        try {
          await seedDatabase(db);
        } finally {
          await db.close();
        }
        await client.query(`ALTER DATABASE ${quoteIdentifier(building)} RENAME TO ${quoteIdentifier(template)}`);
      } catch (error) {
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(building)} WITH (FORCE)`);
        throw error;
      }
      // Templates of older seeds are of no further use.
      const old = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname <> $2', [`${TEMPLATE_PREFIX}%`, template]);
      for (const { datname } of old.rows) await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(datname)} WITH (FORCE)`).catch(() => undefined);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [SEEDED_LOCK]);
    }
  });
  return template;
}

/**
 * A database of its own that starts with the full seed. Tests may change it freely: it is a copy,
 * dropped (PostgreSQL) or discarded (PGlite) on `close()`.
 */
export async function createSeededTestDatabase(kind: DatabaseKind = 'pglite'): Promise<Database> {
  if (kind === 'pglite') {
    const pglite = await pgliteFromCache(`seeded-${seedHash()}`, seedPglite);
    return createDatabase({ pglite });
  }
  const template = await ensurePostgresTemplate();
  const name = `antt_test_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE ${quoteIdentifier(template)}`));
  const drop = () => withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`)).then(() => undefined);
  try {
    return await createDatabase({ url: databaseUrl(name), poolSize: 4, onClose: drop });
  } catch (error) {
    await drop();
    throw error;
  }
}
