// `pnpm --filter @antt/db migrate`: applies pending migrations to the configured database
// (DATABASE_URL, else PGlite in .data/pglite). Stop the API first when it uses the same PGlite folder.
import { createDatabase } from '../src/client.ts';

const db = await createDatabase();
try {
  const { applied, alreadyApplied } = await db.migrate();
  console.log(`${db.kind} ${db.location}`);
  for (const name of applied) console.log(`  applied ${name}`);
  console.log(`${applied.length} applied, ${alreadyApplied} already applied.`);
} finally {
  await db.close();
}
