import type { Status } from './explain.ts';
import { requiredChildCount } from './kernel.ts';

/** How many units of an area ended in each outcome for one program and period. */
export interface OutcomeCounts {
  /** Units in scope: every unit of the program's kinds in the area, assessed or not. */
  readonly units: number;
  readonly met: number;
  readonly notMet: number;
  /** In scope but without a final outcome (no assessment yet, or one still missing inputs). */
  readonly notAssessed: number;
  readonly notApplicable: number;
}

export interface TargetCheck {
  readonly thresholdPercent: number;
  readonly reached: boolean;
  /** Units that must still meet the program for the target to be reached; 0 when reached. */
  readonly missing: number;
}

export interface RollupFigures extends OutcomeCounts {
  /** Units with a final outcome (met or not met). */
  readonly assessed: number;
  /** met ÷ (units − not applicable), in percent: "97/119 = 81.5%". Undefined with no unit in scope. */
  readonly sharePercent: number | undefined;
  readonly target: TargetCheck | undefined;
  /** The same figures for the previous period, when known. */
  readonly previous: OutcomeCounts | undefined;
  /** Change of `met` against the previous period. */
  readonly metChange: number | undefined;
  /** Change of the share, in percentage points. */
  readonly shareChangePoints: number | undefined;
}

export function emptyCounts(): OutcomeCounts {
  return { units: 0, met: 0, notMet: 0, notAssessed: 0, notApplicable: 0 };
}

/** Counts outcomes; `undefined` stands for a unit in scope with no assessment at all. */
export function tallyOutcomes(outcomes: Iterable<Status | undefined>): OutcomeCounts {
  let units = 0;
  let met = 0;
  let notMet = 0;
  let notAssessed = 0;
  let notApplicable = 0;
  for (const outcome of outcomes) {
    units++;
    if (outcome === 'met') met++;
    else if (outcome === 'notMet') notMet++;
    else if (outcome === 'notApplicable') notApplicable++;
    else notAssessed++;
  }
  return { units, met, notMet, notAssessed, notApplicable };
}

function share(counts: OutcomeCounts): number | undefined {
  const base = counts.units - counts.notApplicable;
  return base > 0 ? (counts.met / base) * 100 : undefined;
}

/** The figures a report shows for an area: share met, against a target, against last period. */
export function rollupFigures(
  counts: OutcomeCounts,
  options: { readonly targetPercent?: number; readonly previous?: OutcomeCounts } = {},
): RollupFigures {
  const sharePercent = share(counts);
  const base = counts.units - counts.notApplicable;
  const target =
    options.targetPercent === undefined
      ? undefined
      : (() => {
          const needed = requiredChildCount(base, '>=', options.targetPercent);
          return { thresholdPercent: options.targetPercent, reached: counts.met >= needed, missing: Math.max(0, needed - counts.met) };
        })();
  const previous = options.previous;
  const previousShare = previous ? share(previous) : undefined;
  return {
    ...counts,
    assessed: counts.met + counts.notMet,
    sharePercent,
    target,
    previous,
    metChange: previous ? counts.met - previous.met : undefined,
    shareChangePoints: sharePercent !== undefined && previousShare !== undefined ? sharePercent - previousShare : undefined,
  };
}
