// `pnpm --filter @antt/db db:reset`: empties the development database and applies every migration.
// PGlite: deletes its folder. PostgreSQL: drops and re-creates the `public` schema, only with --force.
import { rmSync } from 'node:fs';
import { createDatabase, defaultPgliteDataDir } from '../src/client.ts';
import { env } from '../src/env.ts';

if (env.DATABASE_URL) {
  if (!process.argv.includes('--force')) {
    console.error('DATABASE_URL is set: this would erase that PostgreSQL database. Re-run with --force.');
    process.exit(1);
  }
  const db = await createDatabase();
  try {
    await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  } finally {
    await db.close();
  }
} else {
  rmSync(env.PGLITE_DATA_DIR ?? defaultPgliteDataDir, { recursive: true, force: true });
}

const db = await createDatabase({ migrate: true });
try {
  console.log(`${db.kind} ${db.location}: reset, ${db.migrations?.applied.length ?? 0} migrations applied.`);
} finally {
  await db.close();
}
