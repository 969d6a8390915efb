/*
 * How many attempts a key (an account, a client address) may make, as pure functions of its counted
 * state and the time: `backoff` for sign-ins (a few free attempts, then doubling delays, then a lock
 * that doubles too), `window` for public checks (so many per window). `throttle.ts` keeps the state
 * in the database so that every API instance counts the same attempts.
 */

export interface ThrottleState {
  /** Attempts counted since the key was last quiet (sign-ins) or since `windowStart` (checks). */
  readonly attempts: number;
  readonly windowStart: Date;
  readonly lastAttempt: Date;
  readonly lockedUntil: Date | null;
  /** Locks so far in this series; each lasts twice the one before. */
  readonly locks: number;
}

export interface BackoffPolicy {
  readonly kind: 'backoff';
  /** Attempts before any delay. */
  readonly free: number;
  /** The wait after the first attempt over `free`; it doubles with each further one. */
  readonly baseDelayMs: number;
  /** The attempt that locks the key (it is still verified; the next one waits for the lock). */
  readonly lockAfter: number;
  readonly lockMs: number;
  readonly maxLockMs: number;
  /** A key with no attempt for this long starts over. */
  readonly resetMs: number;
}

export interface WindowPolicy {
  readonly kind: 'window';
  readonly max: number;
  readonly windowMs: number;
}

export type ThrottlePolicy = BackoffPolicy | WindowPolicy;

export type ThrottleDecision =
  | { readonly allowed: true; readonly next: ThrottleState; readonly first: boolean; readonly locks: boolean }
  | { readonly allowed: false; readonly reason: 'delayed' | 'locked'; readonly retryAfterMs: number };

export function freshState(now: Date): ThrottleState {
  return { attempts: 0, windowStart: now, lastAttempt: now, lockedUntil: null, locks: 0 };
}

/** Whether one more attempt may go ahead now, and the state that counts it. */
export function decideAttempt(state: ThrottleState, policy: ThrottlePolicy, now: Date): ThrottleDecision {
  const at = now.getTime();
  if (policy.kind === 'window') {
    const current = at - state.windowStart.getTime() >= policy.windowMs ? freshState(now) : state;
    if (current.attempts >= policy.max) return { allowed: false, reason: 'delayed', retryAfterMs: current.windowStart.getTime() + policy.windowMs - at };
    return { allowed: true, first: current.attempts === 0, locks: false, next: { ...current, attempts: current.attempts + 1, lastAttempt: now } };
  }
  if (state.lockedUntil && at < state.lockedUntil.getTime()) return { allowed: false, reason: 'locked', retryAfterMs: state.lockedUntil.getTime() - at };
  const current = at - state.lastAttempt.getTime() >= policy.resetMs ? freshState(now) : state;
  if (current.attempts >= policy.free) {
    const wait = Math.min(policy.baseDelayMs * 2 ** (current.attempts - policy.free), policy.maxLockMs);
    const readyAt = current.lastAttempt.getTime() + wait;
    if (at < readyAt) return { allowed: false, reason: 'delayed', retryAfterMs: readyAt - at };
  }
  const attempts = current.attempts + 1;
  const next = { ...current, attempts, lastAttempt: now, lockedUntil: null };
  if (attempts < policy.lockAfter) return { allowed: true, first: current.attempts === 0, locks: false, next };
  const lockMs = Math.min(policy.lockMs * 2 ** current.locks, policy.maxLockMs);
  return { allowed: true, first: current.attempts === 0, locks: true, next: { ...next, lockedUntil: new Date(at + lockMs), locks: current.locks + 1 } };
}

/** Seconds to tell a caller to wait: whole, and at least one. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
