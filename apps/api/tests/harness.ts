import type { Database } from '@antt/db';
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
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  post(body: string, contentType?: string): Promise<Response>;
  close(): Promise<void>;
}

/** An API over its own seeded database (a copy; tests may change it). One per test file. */
export async function startTestApi(kind: DatabaseKind): Promise<TestApi> {
  const db = await createSeededTestDatabase(kind);
  const api = createApi({ db, today: () => TEST_TODAY, onUnexpectedError: (error) => unexpected.push(error) });
  const post = (body: string, contentType = 'application/json') =>
    Promise.resolve(api.fetch('http://api.test/graphql', { method: 'POST', headers: { 'content-type': contentType, accept: 'application/graphql-response+json' }, body }));
  return {
    db,
    api,
    post,
    async gql(query, variables) {
      const response = await post(JSON.stringify({ query, variables }));
      return (await response.json()) as GraphQLResponse<any>;
    },
    close: () => db.close(),
  };
}

export { databaseKindsUnderTest };
