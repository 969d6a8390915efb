import { createServer } from 'node:http';
import { readEnv } from './env.ts';
import { StartRefusedError, startApi, type Started } from './start.ts';

const env = readEnv();
let started: Started;
try {
  started = await startApi(env, { log: (line) => console.log(line), onUnexpectedError: (error) => console.error('unexpected error:', error) });
} catch (error) {
  if (!(error instanceof StartRefusedError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const { api, db, events } = started;
const server = createServer(api);

server.listen(env.PORT, env.HOST, () => {
  console.log(`ANTT API on http://${env.HOST}:${env.PORT}/graphql (database: ${db.kind}, events: ${events.transport})`);
});

async function shutdown(): Promise<void> {
  server.close();
  await started.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
