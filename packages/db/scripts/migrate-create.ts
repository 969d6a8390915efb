// `pnpm --filter @antt/db migrate:create <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
// with the SQL that takes the existing migrations to prisma/schema.prisma (Prisma's schema engine as
// WebAssembly on PGlite; no native engine, no network). Review the SQL, then commit it.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationsDir, readMigrations } from '../src/migrate.ts';
import { MIGRATION_LOCK_TOML, diffMigrationsToSchema } from '../src/schema-engine.ts';

const rawName = process.argv.slice(2).join('_');
const name = rawName
  .normalize('NFD')
  .replace(/[\u0300-\u036f]/g, '')
  .replace(/đ/gi, 'd')
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, '_')
  .replace(/^_+|_+$/g, '')
  .slice(0, 80);
if (!name) {
  console.error('Usage: pnpm --filter @antt/db migrate:create <name>   (e.g. add_unit_search)');
  process.exit(1);
}

const migrations = readMigrations();
const diff = await diffMigrationsToSchema(migrations);
if (diff.inSync) {
  console.log('prisma/schema.prisma and the migrations already agree: no migration created.');
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
const folder = `${stamp}_${name}`;
if (migrations.some((migration) => migration.name >= folder)) {
  console.error(`A migration named at or after ${folder} exists already; check the system clock.`);
  process.exit(1);
}
mkdirSync(join(migrationsDir, folder), { recursive: true });
writeFileSync(join(migrationsDir, folder, 'migration.sql'), diff.sql);
const lockfile = join(migrationsDir, 'migration_lock.toml');
if (!existsSync(lockfile)) writeFileSync(lockfile, MIGRATION_LOCK_TOML);
console.log(`Created prisma/migrations/${folder}/migration.sql — review it, then apply with \`pnpm --filter @antt/db migrate\`.`);
process.exit(0);
