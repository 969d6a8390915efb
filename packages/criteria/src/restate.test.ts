import { describe, expect, it } from 'vitest';
import type { Status } from './explain.ts';
import { restateOutcome, restatementRules } from './restate.ts';

const many = (status: Status | undefined, count: number) => Array.from({ length: count }, () => status);

describe('restateOutcome', () => {
  it('ALL: met only when every predecessor with a result met; the unassessed do not count against it', () => {
    expect(restateOutcome(['met', 'met', undefined, 'notAssessed'], 'all')).toEqual({ status: 'met', met: 2, notMet: 0, withoutResult: 2 });
    expect(restateOutcome(['met', 'met', 'notMet'], 'all')).toEqual({ status: 'notMet', met: 2, notMet: 1, withoutResult: 0 });
  });

  it('ANY: met when one predecessor met', () => {
    expect(restateOutcome(['notMet', 'notMet', 'met'], 'any').status).toBe('met');
    expect(restateOutcome(['notMet', null, 'notApplicable'], 'any')).toEqual({ status: 'notMet', met: 0, notMet: 1, withoutResult: 2 });
  });

  it('MAJORITY: more than half of those with a result; a tie is not met', () => {
    expect(restateOutcome([...many('met', 3), ...many('notMet', 2), ...many(undefined, 4)], 'majority').status).toBe('met');
    expect(restateOutcome(['met', 'notMet'], 'majority').status).toBe('notMet');
    expect(restateOutcome([...many('met', 1), ...many('notMet', 2)], 'majority').status).toBe('notMet');
  });

  it('is not assessed, under every rule, when no predecessor has a result (or there is none)', () => {
    for (const rule of restatementRules) {
      expect(restateOutcome([undefined, 'notAssessed'], rule)).toEqual({ status: 'notAssessed', met: 0, notMet: 0, withoutResult: 2 });
      expect(restateOutcome([], rule).status).toBe('notAssessed');
    }
  });

  it('agrees across rules when the predecessors agree, and orders them ALL ⊆ MAJORITY ⊆ ANY', () => {
    const cases: Array<Array<Status | undefined>> = [
      ['met'],
      ['notMet'],
      ['met', 'met', 'notMet'],
      ['met', 'notMet', 'notMet'],
      ['met', undefined, 'notMet', 'met', 'met'],
    ];
    for (const outcomes of cases) {
      const [all, majority, any] = (['all', 'majority', 'any'] as const).map((rule) => restateOutcome(outcomes, rule).status === 'met');
      if (all) expect(majority).toBe(true);
      if (majority) expect(any).toBe(true);
    }
    expect(restateOutcome(['met'], 'all').status).toBe(restateOutcome(['met'], 'any').status);
  });
});
