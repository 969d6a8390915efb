/*
 * Abuse benchmark (`pnpm bench`): every request of bench/abuse-corpus sent over HTTP to the API as
 * production serves it (node:http + createApi), while a plain query is asked again and again.
 *
 *   abuse-worst-ms          the slowest answer to an abusive request (each must be refused or
 *                           answered exactly as its corpus file says)
 *   abuse-plain-query-ms    the slowest answer to the plain query meanwhile
 *
 * The requests come from a second process. Database: PostgreSQL when TEST_DATABASE_URL is set (scripts/bench.sh sets it when a server answers),
 * else the embedded PGlite.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadAbuseCorpus, mismatches, type AbuseAnswer, type Credential } from './abuse-corpus/corpus.ts';

const ROUNDS = Number(process.env['BENCH_ABUSE_ROUNDS'] ?? 3);
const PLAIN = `{ unit(code: "31") { ... on Unit { code fullName children(first: 5) { totalCount } } } }`;

async function post(url: string, body: string, token: string | null): Promise<AbuseAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(token && { authorization: `Bearer ${token}` }) },
    body,
  });
  return { status: response.status, body: (await response.json()) as AbuseAnswer['body'] };
}

/** The client, in its own process so that building and sending 20 MB bodies never pauses the server's loop. */
async function client(url: string, tokens: Record<'partnerKey' | 'nationalAdmin', string>): Promise<void> {
  const tokenOf = (credential: Credential) => (credential === null ? null : tokens[credential]);
  // Warm the server (JIT, first reads) with the plain query; the abusive requests are measured cold.
  for (let i = 0; i < 5; i++) await post(url, JSON.stringify({ query: PLAIN }), tokens.nationalAdmin);
  let abusing = true;
  const plainTimes: number[] = [];
  let plainWorstNow = 0;
  const plain = (async () => {
    while (abusing) {
      const started = performance.now();
      const answer = await post(url, JSON.stringify({ query: PLAIN }), tokens.nationalAdmin);
      plainTimes.push(performance.now() - started);
      plainWorstNow = Math.max(plainWorstNow, performance.now() - started);
      if (answer.body.errors || answer.body.data?.['unit']?.code !== '31') throw new Error(`the plain query failed: ${JSON.stringify(answer.body)}`);
    }
  })();
  let failures = 0;
  let worst = { name: '', ms: 0 };
  for (const abuse of loadAbuseCorpus()) {
    let slowest = 0;
    plainWorstNow = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      const answer = await post(url, abuse.body, tokenOf(abuse.credential));
      slowest = Math.max(slowest, performance.now() - started);
      const wrong = mismatches(abuse.expect, answer);
      if (wrong.length > 0) {
        failures += 1;
        console.log(`abuse ${abuse.name}: ${wrong.join('; ')}`);
      }
    }
    console.log(`abuse ${abuse.name.padEnd(26)} ${slowest.toFixed(0).padStart(5)} ms  plain ${plainWorstNow.toFixed(0).padStart(5)} ms  ${abuse.about}`);
    if (slowest > worst.ms) worst = { name: abuse.name, ms: slowest };
  }
  abusing = false;
  await plain;
  const sorted = [...plainTimes].sort((a, b) => a - b);
  console.log(`slowest abusive request: ${worst.name}; plain query answered ${sorted.length} times meanwhile (median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms)`);
  console.log(`BENCH abuse-worst-ms ${worst.ms.toFixed(0)} ms target <= 1000`);
  console.log(`BENCH abuse-plain-query-ms ${sorted[sorted.length - 1]!.toFixed(0)} ms target <= 1000`);
  if (failures > 0) {
    console.log(`${failures} abusive answers differ from their corpus file`);
    process.exit(1);
  }
}

async function serve(): Promise<void> {
  process.env['NODE_ENV'] ??= 'production';
  const { createSeededTestDatabase } = await import('@antt/db/testing');
  const { createApi } = await import('../src/yoga.ts');
  const { DEMO_PARTNER_KEY, DEMO_PASSWORD } = await import('@antt/db');
  const db = await createSeededTestDatabase(process.env['TEST_DATABASE_URL'] ? 'postgres' : 'pglite');
  const server = createServer(createApi({ db, today: () => '2026-11-23' }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  try {
    const login = await post(url, JSON.stringify({ query: `mutation { login(username: "bocongan", password: "${DEMO_PASSWORD}") { ... on SessionToken { token } } }` }), null);
    const tokens = { partnerKey: DEMO_PARTNER_KEY, nationalAdmin: login.body.data?.['login']?.token as string };
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'client', url, JSON.stringify(tokens)], { maxBuffer: 16 * 1024 * 1024 }).catch((error: { stdout?: string }) => {
      process.exitCode = 1;
      return { stdout: error.stdout ?? String(error) };
    });
    process.stdout.write(stdout);
  } finally {
    server.close();
    await db.close();
  }
}

if (process.argv[2] === 'client') await client(process.argv[3]!, JSON.parse(process.argv[4]!) as Record<'partnerKey' | 'nationalAdmin', string>);
else await serve();
process.exit();
