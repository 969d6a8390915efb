/*
 * API benchmarks on PostgreSQL, side by side in one run (`pnpm bench`). Needs a PostgreSQL server:
 * BENCH_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test.
 *
 *   api-nested-vs-bare   req/s of a province's units with their latest explained outcome
 *                        ÷ req/s of a bare graphql-yoga `{ __typename }` (load from a second process)
 *   sql-statements-10    SQL statements of that query for 10 and 1,000 units (must be equal)
 *   sql-statements-1000
 *   rollup-vs-groupby    the national roll-up (report) ÷ a raw SQL GROUP BY of the same rows
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { createYoga, createSchema } from 'graphql-yoga';

process.env['TEST_DATABASE_URL'] ??= process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
process.env['NODE_ENV'] ??= 'production';
const { createSeededTestDatabase } = await import('@antt/db/testing');
const { createApi } = await import('../src/yoga.ts');
const { DEMO_PASSWORD } = await import('@antt/db');

const run = promisify(execFile);
const autocannon = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
const DURATION_SECONDS = Number(process.env['BENCH_SECONDS'] ?? 8);

const NESTED = `query($first: Int!) {
  units(filter: { provinceCode: "31", kinds: ["commune", "ward", "specialZone"] }, first: $first) {
    totalCount
    edges { node {
      code fullName
      parent { code }
      assessment(programId: "safeSecurityOrder") { periodYear outcome explanation { status summary failingCriteria { code reason } } }
    } }
  }
}`;

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` }));
  });
}

/** Requests per second from a separate process, so the load generator does not share the event loop. */
async function requestsPerSecond(url: string, body: unknown, token?: string): Promise<number> {
  const auth = token ? ['-H', `authorization=Bearer ${token}`] : [];
  const { stdout } = await run(
    process.execPath,
    [autocannon, '-j', '-c', '8', '-d', String(DURATION_SECONDS), '-m', 'POST', '-H', 'content-type=application/json', ...auth, '-b', JSON.stringify(body), url],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const result = JSON.parse(stdout) as { requests: { average: number }; non2xx: number; errors: number };
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`load test against ${url} had ${result.non2xx} non-2xx and ${result.errors} errors`);
  return result.requests.average;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeMedian(fn: () => Promise<unknown>, rounds = 15): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return median(times);
}

const db = await createSeededTestDatabase('postgres');
try {
  const api = createApi({ db, today: () => '2026-11-23' });
  const bare = createYoga({ schema: createSchema({ typeDefs: 'type Query { hello: String }' }), logging: false });
  const apiServer = await listen(api);
  const bareServer = await listen(bare);

  let token: string | undefined;
  const gql = async (query: string, variables?: Record<string, unknown>) => {
    const response = await api.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body;
  };
  // Measured as a signed-in national administrator: the whole country is in scope.
  token = (await gql(`mutation { login(username: "bocongan", password: "${DEMO_PASSWORD}") { ... on SessionToken { token } } }`)).data.login.token;

  const statements10 = (await db.statements.measure(() => gql(NESTED, { first: 10 }))).count;
  const statements1000 = (await db.statements.measure(() => gql(NESTED.replace('kinds: ["commune", "ward", "specialZone"]', 'kinds: ["residentialArea"]'), { first: 1000 }))).count;

  const nestedRps = await requestsPerSecond(apiServer.url, { query: NESTED, variables: { first: 20 } }, token);
  const bareRps = await requestsPerSecond(bareServer.url, { query: '{ __typename }' });

  const report = `{ report(programId: "safeSecurityOrder", periodYear: 2026) { ... on Report { units met notMet notAssessed sharePercent } } }`;
  const reportMs = await timeMedian(() => gql(report));
  const groupByMs = await timeMedian(() =>
    db.query(
      `SELECT coalesce(a.outcome, 'notAssessed') AS outcome, count(*)::int AS n
         FROM "UnitVersion" v
         LEFT JOIN "Assessment" a ON a."unitId" = v."unitId" AND a."programId" = 'safeSecurityOrder' AND a."periodYear" = 2026
        WHERE v."validFrom" <= '2026-11-15' AND (v."validTo" IS NULL OR v."validTo" >= '2026-11-15')
          AND v.kind = ANY(ARRAY['commune', 'ward', 'specialZone', 'township'])
        GROUP BY 1`,
    ),
  );

  console.log(`nested ${nestedRps.toFixed(0)} req/s, bare ${bareRps.toFixed(0)} req/s; report ${reportMs.toFixed(1)} ms, GROUP BY ${groupByMs.toFixed(1)} ms`);
  console.log(`BENCH api-nested-vs-bare ${(nestedRps / bareRps).toFixed(3)} x target >= 0.3`);
  console.log(`BENCH sql-statements-10 ${statements10} statements target = ${statements1000}`);
  console.log(`BENCH sql-statements-1000 ${statements1000} statements target = ${statements10}`);
  console.log(`BENCH rollup-vs-groupby ${(reportMs / groupByMs).toFixed(2)} x target <= 2`);

  apiServer.server.close();
  bareServer.server.close();
} finally {
  await db.close();
}
