/*
 * Abuse benchmark (`pnpm bench`): every request of bench/abuse-corpus sent over HTTP to the API as
 * production serves it (node:http + createApi), while a plain query is asked again and again.
 *
 *   abuse-worst-ms          the slowest answer to an abusive request (each must be refused or
 *                           answered exactly as its corpus file says)
 *   abuse-plain-query-ms    the slowest answer to the plain query meanwhile
 *
 * The abusive requests come from one process and the plain query from another, so that neither
 * client's own work (building a 20 MB body) is counted as the server's. Database: PostgreSQL when
 * TEST_DATABASE_URL is set (scripts/bench.sh sets it when a server answers), else the embedded PGlite.
 */
import { execFile, spawn } from 'node:child_process';
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

/** The abusive client: every corpus case, `ROUNDS` times; prints a line per case and the worst as JSON. */
async function abuser(url: string, tokens: Record<'partnerKey' | 'nationalAdmin', string>): Promise<void> {
  const tokenOf = (credential: Credential) => (credential === null ? null : tokens[credential]);
  const corpus = loadAbuseCorpus();
  let failures = 0;
  let worst = { name: '', ms: 0 };
  for (const abuse of corpus) {
    let slowest = 0;
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
    console.log(`abuse ${abuse.name.padEnd(26)} ${slowest.toFixed(0).padStart(5)} ms  ${abuse.about}`);
    if (slowest > worst.ms) worst = { name: abuse.name, ms: slowest };
  }
  console.log(JSON.stringify({ worst, failures }));
}

/** The plain client, in a process of its own: asks until told to stop, then prints its times as JSON. */
async function plainClient(url: string, token: string): Promise<void> {
  const times: number[] = [];
  let asking = true;
  process.on('SIGTERM', () => {
    asking = false;
  });
  // Warm the server (JIT, first reads) with the plain query; the abusive requests are measured cold.
  for (let i = 0; i < 5; i++) await post(url, JSON.stringify({ query: PLAIN }), token);
  console.log('ready');
  while (asking) {
    const started = performance.now();
    const answer = await post(url, JSON.stringify({ query: PLAIN }), token);
    times.push(performance.now() - started);
    if (answer.body.errors || answer.body.data?.['unit']?.code !== '31') throw new Error(`the plain query failed: ${JSON.stringify(answer.body)}`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(JSON.stringify({ count: sorted.length, median: sorted[Math.floor(sorted.length / 2)] ?? 0, worst: sorted[sorted.length - 1] ?? 0 }));
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
    const self = fileURLToPath(import.meta.url);
    const plain = spawn(process.execPath, ['--import', 'tsx', self, 'plain', url, tokens.nationalAdmin], { stdio: ['ignore', 'pipe', 'inherit'] });
    let plainOutput = '';
    plain.stdout.setEncoding('utf8');
    await new Promise<void>((resolve) => {
      plain.stdout.on('data', (chunk: string) => {
        plainOutput += chunk;
        if (plainOutput.includes('ready')) resolve();
      });
    });
    const plainDone = new Promise<void>((resolve) => plain.on('exit', () => resolve()));
    const abuse = await promisify(execFile)(process.execPath, ['--import', 'tsx', self, 'abuse', url, JSON.stringify(tokens)], { maxBuffer: 16 * 1024 * 1024 }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
    plain.kill('SIGTERM');
    await plainDone;
    const abuseLines = abuse.stdout.trim().split('\n');
    const result = JSON.parse(abuseLines.pop() ?? '{}') as { worst?: { name: string; ms: number }; failures?: number };
    const times = JSON.parse(plainOutput.trim().split('\n').pop() ?? '{}') as { count?: number; median?: number; worst?: number };
    console.log(abuseLines.join('\n'));
    if (!result.worst || times.worst === undefined) throw new Error(`the clients failed:\n${abuse.stdout}\n${plainOutput}`);
    console.log(`slowest abusive request: ${result.worst.name}; plain query answered ${times.count} times meanwhile (median ${times.median!.toFixed(1)} ms)`);
    console.log(`BENCH abuse-worst-ms ${result.worst.ms.toFixed(0)} ms target <= 1000`);
    console.log(`BENCH abuse-plain-query-ms ${times.worst.toFixed(0)} ms target <= 1000`);
    if (result.failures) {
      console.log(`${result.failures} abusive answers differ from their corpus file`);
      process.exitCode = 1;
    }
  } finally {
    server.close();
    await db.close();
  }
}

if (process.argv[2] === 'abuse') await abuser(process.argv[3]!, JSON.parse(process.argv[4]!) as Record<'partnerKey' | 'nationalAdmin', string>);
else if (process.argv[2] === 'plain') await plainClient(process.argv[3]!, process.argv[4]!);
else await serve();
process.exit();
