import { describe, expect, it } from 'vitest';
import { decideAttempt, freshState, type BackoffPolicy, type ThrottleState, type WindowPolicy } from './throttle-policy.ts';

const backoff: BackoffPolicy = { kind: 'backoff', free: 3, baseDelayMs: 1000, lockAfter: 5, lockMs: 60_000, maxLockMs: 240_000, resetMs: 3_600_000 };
const t0 = new Date('2026-11-23T08:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

/** Attempts at the given seconds after t0; what each was told. */
function run(policy: BackoffPolicy | WindowPolicy, seconds: number[], start: ThrottleState = freshState(t0)) {
  let state = start;
  return seconds.map((s) => {
    const decision = decideAttempt(state, policy, at(s));
    if (decision.allowed) {
      state = decision.next;
      return decision.locks ? 'allowed+locks' : 'allowed';
    }
    return `${decision.reason} ${decision.retryAfterMs / 1000}s`;
  });
}

describe('backoff (sign-ins)', () => {
  it('allows the free attempts, then makes each wait twice as long as the one before', () => {
    expect(run(backoff, [0, 0, 0, 0, 0.5, 1, 1, 3])).toEqual(['allowed', 'allowed', 'allowed', 'delayed 1s', 'delayed 0.5s', 'allowed', 'delayed 2s', 'allowed+locks']);
  });

  it('locks on the lockAfter-th attempt, for lockMs, then for twice as long each time up to maxLockMs', () => {
    const outcomes = run(backoff, [0, 0, 0, 1, 3, 10, 63, 64, 200, 303]);
    expect(outcomes).toEqual(['allowed', 'allowed', 'allowed', 'allowed', 'allowed+locks', 'locked 53s', 'allowed+locks', 'locked 119s', 'allowed+locks', 'locked 137s']);
  });

  it('starts over after a quiet hour', () => {
    expect(run(backoff, [0, 0, 0, 0, 3600, 3600, 3600, 3600])).toEqual(['allowed', 'allowed', 'allowed', 'delayed 1s', 'allowed', 'allowed', 'allowed', 'delayed 1s']);
  });
});

describe('window (public checks)', () => {
  const window: WindowPolicy = { kind: 'window', max: 2, windowMs: 60_000 };
  it('allows max attempts per window and says when the window ends', () => {
    expect(run(window, [0, 10, 20, 59, 60, 61, 62])).toEqual(['allowed', 'allowed', 'delayed 40s', 'delayed 1s', 'allowed', 'allowed', 'delayed 58s']);
  });
});
