import { createServer } from 'node:http';
import { createDatabase, seedDatabase } from '@antt/db';
import { readEnv } from './env.ts';
import { createApi } from './yoga.ts';

const env = readEnv();
const db = await createDatabase({ migrate: true });
if (env.SEED_ON_START) {
  // Idempotent: the first start loads units, templates and the demo province; later ones add nothing.
  await seedDatabase(db, { log: (line) => console.log(`seed: ${line}`) });
}
const api = createApi({
  db,
  graphiql: env.NODE_ENV !== 'production',
  onUnexpectedError: (error) => console.error('unexpected error:', error),
});
const server = createServer(api);

server.listen(env.PORT, env.HOST, () => {
  console.log(`ANTT API on http://${env.HOST}:${env.PORT}/graphql (database: ${db.kind})`);
});

async function shutdown(): Promise<void> {
  server.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
