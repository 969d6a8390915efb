import type { Database } from '@antt/db';

/**
 * What every resolver receives. The database rides along so that each API instance (and each test
 * database) serves its own data; resolvers hand it to services, never query it for rules.
 */
export interface Context {
  readonly db: Database;
  /** The day "today" is for this request; queries default `asOf` to it. */
  readonly today: string;
}

export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
