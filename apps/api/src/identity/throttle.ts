import type { SqlExecutor } from '@antt/db';
import { GraphQLError } from 'graphql';
import { decideAttempt, freshState, retryAfterSeconds, type BackoffPolicy, type ThrottlePolicy, type ThrottleState, type WindowPolicy } from './throttle-policy.ts';

/*
 * Attempts counted in the database ("Throttle", one row per key), so every API instance on one
 * PostgreSQL refuses the same ones. An attempt is counted before the password is hashed: a refused
 * caller costs one small transaction, never a scrypt.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Per account: 5 free attempts, then 1 s, 2 s, 4 s… between attempts; the 10th locks for 15 min, then 30 min… up to a day. */
export const ACCOUNT_POLICY: BackoffPolicy = { kind: 'backoff', free: 5, baseDelayMs: 1000, lockAfter: 10, lockMs: 15 * MINUTE, maxLockMs: DAY, resetMs: DAY };
/** Per client address (an office behind one NAT shares it): 20 free, then doubling delays; the 100th locks. */
export const ADDRESS_POLICY: BackoffPolicy = { kind: 'backoff', free: 20, baseDelayMs: 1000, lockAfter: 100, lockMs: 15 * MINUTE, maxLockMs: DAY, resetMs: DAY };
/** Public certificate checks per client address. */
export const CHECK_POLICY: WindowPolicy = { kind: 'window', max: 30, windowMs: MINUTE };
/** Sign-ins of one address hashing at once in one instance; more are told to wait a second. */
export const MAX_SIGN_INS_IN_FLIGHT_PER_ADDRESS = 1;

export interface Counted {
  readonly key: string;
  /** The first attempt of a series (audited once). */
  readonly first: boolean;
  /** This attempt locked the key. */
  readonly locks: boolean;
  readonly lockedUntil: Date | null;
}

export type Reservation =
  | { readonly allowed: true; readonly counted: readonly Counted[] }
  | { readonly allowed: false; readonly key: string; readonly reason: 'delayed' | 'locked'; readonly retryAfterSeconds: number };

interface Row {
  key: string;
  attempts: number;
  windowStart: Date;
  lastAttempt: Date;
  lockedUntil: Date | null;
  locks: number;
}

let reservations = 0;

/**
 * Counts one attempt against every key, all or none: when any key refuses, none is counted and the
 * longest wait is returned (a lock before a delay).
 */
export async function reserveAttempt(db: SqlExecutor, keys: ReadonlyArray<{ key: string; policy: ThrottlePolicy }>, now: Date = new Date()): Promise<Reservation> {
  // Rows quiet for a day are equivalent to fresh ones: dropped now and then so unknown names do not pile up.
  if (++reservations % 500 === 0) await db.query('DELETE FROM "Throttle" WHERE "lastAttempt" < $1 AND ("lockedUntil" IS NULL OR "lockedUntil" < $2)', [new Date(now.getTime() - DAY), now]);
  const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : 1));
  return db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO "Throttle" (key, attempts, "windowStart", "lastAttempt", locks) SELECT k, 0, $2, $2, 0 FROM unnest($1::text[]) AS k ON CONFLICT (key) DO NOTHING`,
      [sorted.map((k) => k.key), now],
    );
    const rows = await tx.query<Row>(
      'SELECT key, attempts, "windowStart", "lastAttempt", "lockedUntil", locks FROM "Throttle" WHERE key = ANY($1) ORDER BY key FOR UPDATE',
      [sorted.map((k) => k.key)],
    );
    const byKey = new Map(rows.map((row) => [row.key, row]));
    const decided = sorted.map(({ key, policy }) => {
      const row = byKey.get(key);
      const state: ThrottleState = row
        ? { attempts: row.attempts, windowStart: new Date(row.windowStart), lastAttempt: new Date(row.lastAttempt), lockedUntil: row.lockedUntil && new Date(row.lockedUntil), locks: row.locks }
        : freshState(now);
      return { key, decision: decideAttempt(state, policy, now) };
    });
    const refused = decided
      .flatMap(({ key, decision }) => (decision.allowed ? [] : [{ key, ...decision }]))
      .sort((a, b) => (a.reason === b.reason ? b.retryAfterMs - a.retryAfterMs : a.reason === 'locked' ? -1 : 1))[0];
    if (refused) return { allowed: false, key: refused.key, reason: refused.reason, retryAfterSeconds: retryAfterSeconds(refused.retryAfterMs) };
    const counted: Counted[] = [];
    for (const { key, decision } of decided) {
      if (!decision.allowed) continue;
      const next = decision.next;
      await tx.query('UPDATE "Throttle" SET attempts = $2, "windowStart" = $3, "lastAttempt" = $4, "lockedUntil" = $5, locks = $6 WHERE key = $1', [
        key,
        next.attempts,
        next.windowStart,
        next.lastAttempt,
        next.lockedUntil,
        next.locks,
      ]);
      counted.push({ key, first: decision.first, locks: decision.locks, lockedUntil: next.lockedUntil });
    }
    return { allowed: true, counted };
  });
}

/** A successful sign-in: its account starts over; its address gets back the attempt it spent (and any lock that attempt set). */
export async function settleSuccess(db: SqlExecutor, counted: readonly Counted[], accountKey: string): Promise<void> {
  for (const entry of counted) {
    if (entry.key === accountKey) await db.query('DELETE FROM "Throttle" WHERE key = $1', [entry.key]);
    else
      await db.query(
        `UPDATE "Throttle" SET attempts = GREATEST(attempts - 1, 0),
                "lockedUntil" = CASE WHEN $2 THEN NULL ELSE "lockedUntil" END, locks = CASE WHEN $2 THEN GREATEST(locks - 1, 0) ELSE locks END
          WHERE key = $1`,
        [entry.key, entry.locks],
      );
  }
}

/** Ends an account's delays and lock (an administrator's unlock); whether there was anything to end. */
export async function clearThrottle(db: SqlExecutor, key: string): Promise<boolean> {
  const rows = await db.query('DELETE FROM "Throttle" WHERE key = $1 RETURNING key', [key]);
  return rows.length > 0;
}

export const accountKey = (username: string) => `account:${username.slice(0, 256)}`;
export const addressKey = (address: string) => `address:${address}`;
export const checkKey = (address: string) => `check:${address}`;

/** One API instance's side of the limits: its clock, and the sign-ins of each address being hashed right now. */
export class Limits {
  readonly #counts = new Map<string, number>();
  constructor(readonly now: () => Date = () => new Date()) {}
  enter(address: string): boolean {
    const n = this.#counts.get(address) ?? 0;
    if (n >= MAX_SIGN_INS_IN_FLIGHT_PER_ADDRESS) return false;
    this.#counts.set(address, n + 1);
    return true;
  }
  leave(address: string): void {
    const n = (this.#counts.get(address) ?? 1) - 1;
    if (n <= 0) this.#counts.delete(address);
    else this.#counts.set(address, n);
  }
}

/** The public certificate check, limited per client address (none known: an in-process caller, not limited). */
export async function limitPublicCheck(ctx: { readonly db: SqlExecutor; readonly clientAddress: string | null; readonly limits: Limits }): Promise<void> {
  if (!ctx.clientAddress) return;
  const reservation = await reserveAttempt(ctx.db, [{ key: checkKey(ctx.clientAddress), policy: CHECK_POLICY }], ctx.limits.now());
  if (!reservation.allowed) {
    throw new GraphQLError(`Quá nhiều lượt kiểm tra từ địa chỉ này; thử lại sau ${reservation.retryAfterSeconds} giây.`, {
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: reservation.retryAfterSeconds },
    });
  }
}
