import pg from 'pg';
import { env } from './env.ts';

/*
 * The PostgreSQL server that test and benchmark databases are created on (TEST_DATABASE_URL), and
 * URLs of databases on it.
 */

export function adminUrl(): string {
  if (!env.TEST_DATABASE_URL) {
    throw new Error('a PostgreSQL test database needs TEST_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test');
  }
  return env.TEST_DATABASE_URL;
}

/** Runs `fn` on a fresh connection to the admin database, closed afterwards. */
export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The URL of another database on the same server. */
export function databaseUrl(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}
