import type { Status } from './explain.ts';

/**
 * How the results of the units a unit was formed from (through merges and splits) combine into
 * one result for it, when an old period is shown on today's units:
 * - `all`: met only if every predecessor with a result met;
 * - `any`: met if at least one predecessor met;
 * - `majority`: met if more than half of the predecessors with a result met (a tie is not met).
 * Predecessors without a final result (never assessed, not assessed, not applicable) do not vote;
 * with no result at all the restated outcome is `notAssessed`, never `notMet`.
 */
export type RestatementRule = 'all' | 'any' | 'majority';

export const restatementRules: readonly RestatementRule[] = ['all', 'any', 'majority'];

export interface RestatedOutcome {
  readonly status: Extract<Status, 'met' | 'notMet' | 'notAssessed'>;
  /** Predecessors that met, did not meet, and had no final result. */
  readonly met: number;
  readonly notMet: number;
  readonly withoutResult: number;
}

/**
 * @example
 * restateOutcome(['met', 'notMet', undefined], 'all')      // { status: 'notMet', met: 1, notMet: 1, withoutResult: 1 }
 * restateOutcome(['met', 'notMet', undefined], 'any')      // { status: 'met', … }
 * restateOutcome(['met', 'notMet', 'met'], 'majority')     // { status: 'met', … }
 */
export function restateOutcome(outcomes: Iterable<Status | null | undefined>, rule: RestatementRule): RestatedOutcome {
  let met = 0;
  let notMet = 0;
  let withoutResult = 0;
  for (const outcome of outcomes) {
    if (outcome === 'met') met++;
    else if (outcome === 'notMet') notMet++;
    else withoutResult++;
  }
  const counts = { met, notMet, withoutResult };
  if (met + notMet === 0) return { status: 'notAssessed', ...counts };
  const isMet = rule === 'all' ? notMet === 0 : rule === 'any' ? met > 0 : met * 2 > met + notMet;
  return { status: isMet ? 'met' : 'notMet', ...counts };
}
