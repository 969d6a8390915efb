import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { DEMO_PASSWORD, type Database } from '@antt/db';
import { createSeededTestDatabase, databaseKindsUnderTest, type DatabaseKind } from '@antt/db/testing';
import { createApi, type Api } from '../src/yoga.ts';

/** "Today" in every test, so `asOf` defaults and periods never drift with the calendar. */
export const TEST_TODAY = '2026-11-23';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: unknown[] }>;
}

/** Unexpected (masked) errors of the current test file, for assertions and debugging. */
export const unexpected: unknown[] = [];

export interface TestApi {
  readonly db: Database;
  readonly api: Api;
  /** As the signed-in demo user (national administrator unless `startTestApi` was told otherwise). */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** As another demo user (see DEMO_USERS; signed in once per file), or anonymously with `null`. */
  as(username: string | null): Promise<Pick<TestApi, 'gql' | 'post'>>;
  /** With a bearer secret of one's own: an API key (`key_…`) or a session token. */
  withBearer(secret: string): Pick<TestApi, 'gql' | 'post'>;
  post(body: string, contentType?: string): Promise<Response>;
  close(): Promise<void>;
}

function client(api: Api, token: string | null): Pick<TestApi, 'gql' | 'post'> {
  const post = (body: string, contentType = 'application/json') =>
    Promise.resolve(
      api.fetch('http://api.test/graphql', {
        method: 'POST',
        headers: { 'content-type': contentType, accept: 'application/graphql-response+json', ...(token && { authorization: `Bearer ${token}` }) },
        body,
      }),
    );
  return {
    post,
    async gql(query, variables) {
      const response = await post(JSON.stringify({ query, variables }));
      return (await response.json()) as GraphQLResponse<any>;
    },
  };
}

/** Signs a demo user in through the API itself and returns the session token. */
export async function signIn(api: Api, username: string, password = DEMO_PASSWORD): Promise<string> {
  const { gql } = client(api, null);
  const { data, errors } = await gql(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { __typename ... on SessionToken { token } } }`, { u: username, p: password });
  const token = data?.['login']?.token as string | undefined;
  if (!token) throw new Error(`cannot sign in as ${username}: ${JSON.stringify(errors ?? data)}`);
  return token;
}

/** An API over its own seeded database (a copy; tests may change it). One per test file. */
export async function startTestApi(kind: DatabaseKind, options: { as?: string } = {}): Promise<TestApi> {
  const db = await createSeededTestDatabase(kind);
  const api = createApi({ db, today: () => TEST_TODAY, onUnexpectedError: (error) => unexpected.push(error) });
  const main = client(api, await signIn(api, options.as ?? 'bocongan'));
  // One sign-in per user and file: each is a scrypt at N=2^17 (~0.5 s, more on a busy machine).
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (username: string) => {
    if (!tokens.has(username)) tokens.set(username, signIn(api, username));
    return tokens.get(username)!;
  };
  return {
    db,
    api,
    ...main,
    as: async (username) => client(api, username === null ? null : await tokenOf(username)),
    withBearer: (secret) => client(api, secret),
    close: () => db.close(),
  };
}

export { databaseKindsUnderTest };

/**
 * One API per `describe` block: started before its tests, closed after them, and every test must
 * end without a masked server error (bad input comes back typed, never as "Unexpected error").
 */
export function useTestApi(kind: DatabaseKind, options: { as?: string } = {}): TestApi {
  let current: TestApi | undefined;
  beforeAll(async () => {
    current = await startTestApi(kind, options);
  });
  afterAll(() => current?.close());
  afterEach(() => {
    expect(unexpected.splice(0)).toEqual([]);
  });
  const started = (): TestApi => {
    if (!current) throw new Error('the test API starts in beforeAll');
    return current;
  };
  return {
    get db() {
      return started().db;
    },
    get api() {
      return started().api;
    },
    gql: (query, variables) => started().gql(query, variables),
    as: (username) => started().as(username),
    withBearer: (secret) => started().withBearer(secret),
    post: (body, contentType) => started().post(body, contentType),
    close: () => started().close(),
  };
}
