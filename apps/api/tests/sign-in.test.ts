import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createUserWithGrant, DEMO_PASSWORD, hashPassword } from '@antt/db';
import { describe, expect, it } from 'vitest';
import { createApi, type Api } from '../src/yoga.ts';
import { databaseKindsUnderTest, TEST_TODAY, useTestApi, type GraphQLResponse } from './harness.ts';

const LOGIN = `mutation($u: String!, $p: String!) {
  login(username: $u, password: $p) {
    __typename
    ... on Error { code message }
    ... on SignInThrottledError { retryAfterSeconds }
    ... on AccountLockedError { retryAfterSeconds }
  }
}`;

async function call(api: Api, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  const response = await api.fetch('http://api.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse;
}

describe.each(databaseKindsUnderTest())('sign-in on %s', (kind) => {
  const t = useTestApi(kind);
  let proxied: Api | undefined;
  // The throttle's clock stands still (slow hashes would otherwise wait out the delays); `age` moves a key's last attempt back.
  const now = new Date();
  /** An API behind a trusted proxy, so each test speaks for the client address it chooses. */
  const api = () => (proxied ??= createApi({ db: t.db, today: () => TEST_TODAY, trustProxy: true, now: () => now }));
  const login = async (username: string, password: string, address: string) => (await call(api(), LOGIN, { u: username, p: password }, { 'x-forwarded-for': `203.0.113.9, ${address}` })).data!['login'];
  const auditCount = async (action: string, entityId: string) =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = $1 AND "entityId" = $2', [action, entityId]))[0]!.n;
  const age = (key: string) => t.db.query(`UPDATE "Throttle" SET "lastAttempt" = "lastAttempt" - interval '2 minutes' WHERE key = $1`, [key]);

  it('stops answering "wrong password" after a few of 200 in a row; locks later; an administrator unlocks', async () => {
    const answers: string[] = [];
    for (let i = 0; i < 200; i++) answers.push((await login('haiphong', `sai ${i}`, '10.0.0.1')).__typename);
    expect(answers.slice(0, 5)).toEqual(Array(5).fill('InvalidCredentialsError'));
    expect(answers.slice(5)).toEqual(Array(195).fill('SignInThrottledError'));
    const throttled = await login('haiphong', DEMO_PASSWORD, '10.0.0.1');
    expect(throttled).toMatchObject({ __typename: 'SignInThrottledError', code: 'SIGN_IN_THROTTLED', retryAfterSeconds: 1 });
    expect(throttled.message).toContain('thử lại sau');
    // 200 anonymous failures left one audit event.
    expect(await auditCount('login.failed', 'haiphong')).toBe(1);

    // A patient attacker who waits out each delay gets one more try per wait; the tenth attempt locks the account.
    await age('account:haiphong');
    expect((await login('haiphong', 'chờ', '10.0.0.1')).__typename).toBe('InvalidCredentialsError');
    expect((await login('haiphong', 'chờ', '10.0.0.1')).__typename).toBe('SignInThrottledError');
    await t.db.query(`UPDATE "Throttle" SET attempts = 9 WHERE key = 'account:haiphong'`);
    await age('account:haiphong');
    expect((await login('haiphong', 'chờ lần 10', '10.0.0.1')).__typename).toBe('InvalidCredentialsError');
    await age('account:haiphong');
    const locked = await login('haiphong', DEMO_PASSWORD, '10.0.0.3');
    expect(locked).toMatchObject({ __typename: 'AccountLockedError', code: 'ACCOUNT_LOCKED' });
    expect(locked.retryAfterSeconds).toBe(15 * 60);
    expect(await auditCount('login.locked', 'haiphong')).toBe(1);
    expect(await auditCount('login.failed', 'haiphong')).toBe(1);

    const UNLOCK = `mutation($u: String!) { unlockSignIn(username: $u) { __typename ... on SignInUnlocked { username cleared } ... on Error { code } } }`;
    const viewer = await t.as('xem.haiphong');
    expect((await viewer.gql(UNLOCK, { u: 'haiphong' })).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const communeAdmin = await t.as('ca.thanhdong');
    expect((await communeAdmin.gql(UNLOCK, { u: 'haiphong' })).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await t.gql(UNLOCK, { u: 'haiphong' })).data).toEqual({ unlockSignIn: { __typename: 'SignInUnlocked', username: 'haiphong', cleared: true } });
    expect(await auditCount('login.unlock', 'haiphong')).toBe(1);
    expect((await t.gql(UNLOCK, { u: 'khong.co.ai' })).data).toEqual({ unlockSignIn: { __typename: 'NotFoundError', code: 'NOT_FOUND' } });
    expect((await login('haiphong', DEMO_PASSWORD, '10.0.0.3')).__typename).toBe('SessionToken');
  }, 180_000);

  it('answers an unknown user as a wrong password: same answer, similar time, throttled alike', async () => {
    const timed = async (username: string, address: string) => {
      const started = performance.now();
      const answer = await login(username, 'không đúng', address);
      return { answer, ms: performance.now() - started };
    };
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      const a = await timed('catp.haiphong', '10.0.1.1');
      const b = await timed('khong.ton.tai', '10.0.1.2');
      expect(b.answer).toEqual(a.answer);
      expect(a.answer).toMatchObject({ __typename: 'InvalidCredentialsError', code: 'INVALID_CREDENTIALS' });
      wrong.push(a.ms);
      unknown.push(b.ms);
    }
    const median = (values: number[]) => [...values].sort((x, y) => x - y)[1]!;
    expect(median(unknown)).toBeGreaterThan(median(wrong) / 2);
    expect(median(unknown)).toBeLessThan(median(wrong) * 2);
    for (let i = 0; i < 2; i++) {
      await timed('catp.haiphong', '10.0.1.1');
      await timed('khong.ton.tai', '10.0.1.2');
    }
    expect((await login('khong.ton.tai', 'x', '10.0.1.2')).__typename).toBe('SignInThrottledError');
    expect((await login('catp.haiphong', 'x', '10.0.1.1')).__typename).toBe('SignInThrottledError');
  }, 120_000);

  it('limits each client address, and a real sign-in stays quick behind 40 concurrent wrong ones for other accounts', async () => {
    const solo = performance.now();
    expect((await login('bcd.thanhdong', DEMO_PASSWORD, '10.0.2.1')).__typename).toBe('SessionToken');
    const soloMs = performance.now() - solo;

    const attack = Array.from({ length: 40 }, (_, i) => login(`nan.nhan${i}`, 'đoán', '10.6.6.6'));
    const started = performance.now();
    const real = await login('ubnd.thanhdong', DEMO_PASSWORD, '10.0.2.2');
    const realMs = performance.now() - started;
    const answers = (await Promise.all(attack)).map((answer) => answer.__typename);
    expect(real.__typename).toBe('SessionToken');
    console.log(`sign-in alone ${soloMs.toFixed(0)} ms, behind 40 concurrent wrong ones ${realMs.toFixed(0)} ms; refused ${answers.filter((a) => a !== 'InvalidCredentialsError').length} of 40`);
    // Before throttling, all 40 hashed first (about ten scrypt rounds on the thread pool ahead of the real one).
    expect(realMs).toBeLessThan(soloMs * 3 + 500);
    expect(answers.filter((a) => a === 'InvalidCredentialsError').length).toBeLessThanOrEqual(1);
    expect(answers.filter((a) => a === 'SignInThrottledError').length).toBeGreaterThanOrEqual(39);

    // One address trying many accounts one after another is slowed after its 20th attempt, whatever the names.
    const sequential: string[] = [];
    for (let i = 0; i < 2; i++) sequential.push((await login(`ten.khac${i}`, 'đoán', '10.6.6.7')).__typename);
    expect((await t.db.query(`SELECT attempts FROM "Throttle" WHERE key = 'address:10.6.6.7'`))[0]).toEqual({ attempts: 2 });
    await t.db.query(`UPDATE "Throttle" SET attempts = 19 WHERE key = 'address:10.6.6.7'`);
    for (let i = 2; i < 5; i++) sequential.push((await login(`ten.khac${i}`, 'đoán', '10.6.6.7')).__typename);
    expect(sequential).toEqual(['InvalidCredentialsError', 'InvalidCredentialsError', 'InvalidCredentialsError', 'SignInThrottledError', 'SignInThrottledError']);
  }, 180_000);

  it('replaces a hash of older parameters (N=2^15) with one at N=2^17 at the next sign-in', async () => {
    await createUserWithGrant(t.db, { username: 'can.bo.cu', displayName: 'Cán bộ cũ', passwordHash: await hashPassword('mật khẩu từ năm 2024', { N: 2 ** 15, r: 8, p: 1 }), role: 'viewer', scopePath: '31' });
    const stored = async () => (await t.db.query<{ passwordHash: string }>('SELECT "passwordHash" FROM "User" WHERE username = $1', ['can.bo.cu']))[0]!.passwordHash;
    expect(await stored()).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect((await login('can.bo.cu', 'mật khẩu từ năm 2024', '10.0.3.1')).__typename).toBe('SessionToken');
    expect(await stored()).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect((await login('can.bo.cu', 'mật khẩu từ năm 2024', '10.0.3.1')).__typename).toBe('SessionToken');
  }, 60_000);

  it("takes the client address from the socket, and X-Forwarded-For only behind a trusted proxy", async () => {
    const server = createServer(t.api).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.77' },
        body: JSON.stringify({ query: LOGIN, variables: { u: 'khong.ai', p: 'x' } }),
      });
    } finally {
      server.close();
    }
    const keys = (await t.db.query<{ key: string }>(`SELECT key FROM "Throttle" WHERE key LIKE 'address:%1%' ORDER BY key`)).map((row) => row.key);
    expect(keys).toContain('address:127.0.0.1');
    expect(keys).not.toContain('address:198.51.100.77');
    expect(keys).not.toContain('address:203.0.113.9');
  });

  it('limits the public certificate check per client address with RATE_LIMITED and retryAfterSeconds', async () => {
    const VERIFY = `query($s: String!) { verifyCertificate(serial: $s) { __typename } }`;
    for (let i = 0; i < 30; i++) {
      const answer = await call(api(), VERIFY, { s: 'không-phải-số-hiệu' }, { 'x-forwarded-for': '10.0.4.1' });
      expect(answer.errors).toBeUndefined();
    }
    const limited = await call(api(), VERIFY, { s: 'không-phải-số-hiệu' }, { 'x-forwarded-for': '10.0.4.1' });
    expect(limited.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited.errors?.[0]?.extensions?.['retryAfterSeconds']).toBeGreaterThanOrEqual(1);
    expect(limited.errors?.[0]?.message).toContain('thử lại sau');
    const other = await call(api(), VERIFY, { s: 'không-phải-số-hiệu' }, { 'x-forwarded-for': '10.0.4.2' });
    expect(other.errors).toBeUndefined();
  });
});

describe('transport', () => {
  const t = useTestApi('pglite');
  const preflight = (api: Api, origin: string) =>
    api.fetch('http://api.test/graphql', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
  const withOrigin = (api: Api, origin: string) =>
    api.fetch('http://api.test/graphql', { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });

  it('gives CORS headers with credentials to configured origins only; a foreign Origin gets none', async () => {
    const api = createApi({ db: t.db, corsOrigins: ['http://127.0.0.1:5173', 'http://localhost:5173'] });
    const allowed = await withOrigin(api, 'http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect((await preflight(api, 'http://127.0.0.1:5173')).headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    for (const server of [api, t.api]) {
      expect((await withOrigin(server, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
      const refused = await preflight(server, 'https://evil.example');
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      expect(refused.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it('answers introspection unless turned off', async () => {
    const QUERY = JSON.stringify({ query: '{ __schema { queryType { name } } }' });
    const ask = async (api: Api) => (await (await api.fetch('http://api.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: QUERY })).json()) as GraphQLResponse;
    expect((await ask(t.api)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const closed = await ask(createApi({ db: t.db, introspection: false }));
    expect(closed.data).toBeUndefined();
    expect(closed.errors?.[0]?.message).toMatch(/introspection/i);
  });
});
