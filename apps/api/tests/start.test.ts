import { createDatabase, DEMO_PARTNER_KEY, hashPassword, secretHash, type Database } from '@antt/db';
import { createSeededTestDatabase } from '@antt/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../src/env.ts';
import { StartRefusedError, startApi, type Started } from '../src/start.ts';

const count = async (db: Database, table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`))[0]!.n;

function post(started: Started, body: unknown, headers: Record<string, string> = {}) {
  return started.api.fetch('http://api.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe('a production start on a fresh database', () => {
  let started: Started;
  beforeAll(async () => {
    started = await startApi(readEnv({ NODE_ENV: 'production' }), { db: await createDatabase({ memory: true }) });
  }, 300_000);
  afterAll(() => started?.close());

  it('seeds units, programs and national templates, but no demo province, user or key', async () => {
    const { db } = started;
    expect(await count(db, 'UnitVersion')).toBeGreaterThan(10_000);
    expect(await count(db, 'Program')).toBe(8);
    expect(await count(db, 'CriteriaSetVersion')).toBeGreaterThan(0);
    expect(await count(db, 'User')).toBe(0);
    expect(await count(db, 'ApiKey')).toBe(0);
    expect(await count(db, 'Assessment')).toBe(0);
    const demoUnits = await db.query(`SELECT 1 FROM "Unit" WHERE code LIKE '%-KDC%'`);
    expect(demoUnits).toEqual([]);
    const login = await post(started, { query: 'mutation { login(username: "bocongan", password: "antt-demo-2026") { __typename } }' });
    expect(await login.json()).toEqual({ data: { login: { __typename: 'InvalidCredentialsError' } } });
  });

  it('answers no introspection and serves no GraphiQL', async () => {
    const response = await post(started, { query: '{ __schema { types { name } } }' });
    const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string }> };
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/introspection/i);
    const page = await started.api.fetch('http://api.test/graphql', { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/graphiql/i);
  });

  it('sends no CORS headers to any origin unless CORS_ORIGINS lists it', async () => {
    const response = await post(started, { query: '{ __typename }' }, { origin: 'http://127.0.0.1:5173' });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('a production start refuses the published demo credentials', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createSeededTestDatabase('pglite');
  });
  afterAll(() => db?.close());
  const production = readEnv({ NODE_ENV: 'production', SEED_ON_START: 'false' });

  it('while a demo user signs in with the demo password or the demo key is live, with a clear message', async () => {
    const refused = startApi(production, { db });
    await expect(refused).rejects.toBeInstanceOf(StartRefusedError);
    await expect(refused).rejects.toThrow(/bocongan.*mật khẩu công khai.*khoá đối tác demo/s);

    // Every demo user gets a password of its own; the key alone still refuses.
    await db.query('UPDATE "User" SET "passwordHash" = $1', [await hashPassword('một mật khẩu riêng của tỉnh')]);
    await expect(startApi(production, { db })).rejects.toThrow(/^(?!.*bocongan).*khoá đối tác demo/s);

    await db.query('UPDATE "ApiKey" SET "revokedAt" = now() WHERE "keyHash" = $1', [secretHash(DEMO_PARTNER_KEY)]);
    const started = await startApi(production, { db });
    expect(started.api).toBeDefined();
  });

  it('unless SEED_DEMO=true asks for the demo', async () => {
    await db.query('UPDATE "ApiKey" SET "revokedAt" = NULL WHERE "keyHash" = $1', [secretHash(DEMO_PARTNER_KEY)]);
    await expect(startApi(readEnv({ NODE_ENV: 'production', SEED_ON_START: 'false' }), { db })).rejects.toBeInstanceOf(StartRefusedError);
    const started = await startApi(readEnv({ NODE_ENV: 'production', SEED_ON_START: 'false', SEED_DEMO: 'true' }), { db });
    expect(started.api).toBeDefined();
  });
});

describe('the environment', () => {
  it('defaults to the demo, introspection and the admin dev origins in development, none of them in production', () => {
    expect(readEnv({})).toMatchObject({ SEED_DEMO: true, GRAPHQL_INTROSPECTION: true, TRUST_PROXY: false, CORS_ORIGINS: ['http://127.0.0.1:5173', 'http://localhost:5173'] });
    expect(readEnv({ NODE_ENV: 'production' })).toMatchObject({ SEED_DEMO: false, GRAPHQL_INTROSPECTION: false, CORS_ORIGINS: [] });
    expect(readEnv({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true', CORS_ORIGINS: 'https://antt.example.gov.vn, https://b.example' })).toMatchObject({
      GRAPHQL_INTROSPECTION: true,
      CORS_ORIGINS: ['https://antt.example.gov.vn', 'https://b.example'],
    });
    expect(() => readEnv({ CORS_ORIGINS: 'https://a.example/path' })).toThrow(/CORS_ORIGINS/);
  });
});
