import { calendarDayIn } from '@antt/criteria';
import type { Database } from '@antt/db';
import type { EventBus } from './events/bus.ts';
import type { Actor } from './identity/actor.ts';
import type { Limits } from './identity/throttle.ts';

/**
 * What every resolver receives. The database rides along so that each API instance (and each test
 * database) serves its own data; resolvers hand it to services, never query it for rules.
 */
export interface Context {
  readonly db: Database;
  /** The day "today" is for this request; queries default `asOf` to it. */
  readonly today: string;
  /** The caller, from `Authorization: Bearer …`; null when anonymous. */
  readonly auth: Actor | null;
  /** This API instance's pub/sub: mutations publish what they committed, subscriptions listen. */
  readonly events: EventBus;
  /** The caller's address (socket, or `X-Forwarded-For` behind a trusted proxy); null in-process. */
  readonly clientAddress: string | null;
  /** This instance's clock for throttling and its sign-ins being hashed per address. */
  readonly limits: Limits;
}

/** The UTC calendar day of `date`, as the API's `Date` values and SQL `date` parameters take it. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Today in Vietnam (Asia/Ho_Chi_Minh): a deadline passes at midnight in Hà Nội, not in London. */
export function todayIso(now: Date = new Date()): string {
  return calendarDayIn(now);
}
