import { createServer } from 'node:http';
import { createDatabase, seedDatabase } from '@antt/db';
import { queryLimitsOf, readEnv } from './env.ts';
import { createEventBus } from './events/bus.ts';
import { createApi } from './yoga.ts';

const env = readEnv();
const db = await createDatabase({ migrate: true });
if (env.SEED_ON_START) {
  // Idempotent: the first start loads units, templates and the demo province; later ones add nothing.
  await seedDatabase(db, { log: (line) => console.log(`seed: ${line}`) });
}
const events = createEventBus({
  redisUrl: env.REDIS_URL,
  report: (message, error) => (error ? console.error(`events: ${message}:`, error) : console.log(`events: ${message}`)),
});
const api = createApi({
  db,
  events,
  graphiql: env.NODE_ENV !== 'production',
  limits: queryLimitsOf(env),
  onUnexpectedError: (error) => console.error('unexpected error:', error),
});
const server = createServer(api);

server.listen(env.PORT, env.HOST, () => {
  console.log(`ANTT API on http://${env.HOST}:${env.PORT}/graphql (database: ${db.kind}, events: ${events.transport})`);
});

async function shutdown(): Promise<void> {
  server.close();
  await events.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
