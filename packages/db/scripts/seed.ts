// Seeds the database named by DATABASE_URL, or the embedded PGlite one: `pnpm --filter @antt/db seed`.
import { createDatabase } from '../src/client.ts';
import { seedDatabase } from '../src/seed/seed.ts';

const db = await createDatabase({ migrate: true });
try {
  const started = performance.now();
  const counts = await seedDatabase(db, { log: (line) => console.log(line) });
  console.log(`seeded ${db.location} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
} finally {
  await db.close();
}
