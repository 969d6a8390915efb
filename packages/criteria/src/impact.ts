import type { ResolvedCriteriaSet } from './catalog.ts';
import { compileCriteriaSet, evaluateStatus, type CriterionInputs, type EvaluationContext, type Status } from './engine.ts';

export interface ImpactCase {
  /** Whatever identifies the unit to the caller (its code). */
  readonly unit: string;
  readonly inputs: CriterionInputs;
  readonly context: EvaluationContext;
}

export interface OutcomeFlip {
  readonly unit: string;
  readonly before: Status;
  readonly after: Status;
}

export interface ImpactPreview {
  readonly evaluated: number;
  readonly unchanged: number;
  /** Met before, not met after. (Met → not assessed, e.g. a new criterion without data, is in `otherChanges`.) */
  readonly metToNotMet: readonly OutcomeFlip[];
  /** Not met before, met after. */
  readonly notMetToMet: readonly OutcomeFlip[];
  /** Every other change, e.g. met → not assessed because a new criterion has no data yet. */
  readonly otherChanges: readonly OutcomeFlip[];
}

/**
 * What a draft would do to last period's results: each case evaluated under the current set and
 * the draft. "With criterion 16 added, 23 communes would flip from met to not met."
 */
export function previewImpact(
  current: ResolvedCriteriaSet,
  draft: ResolvedCriteriaSet,
  cases: Iterable<ImpactCase>,
): ImpactPreview {
  const before = compileCriteriaSet(current);
  const after = compileCriteriaSet(draft);
  const metToNotMet: OutcomeFlip[] = [];
  const notMetToMet: OutcomeFlip[] = [];
  const otherChanges: OutcomeFlip[] = [];
  let evaluated = 0;
  let unchanged = 0;
  for (const { unit, inputs, context } of cases) {
    evaluated++;
    const was = evaluateStatus(before, inputs, context);
    const will = evaluateStatus(after, inputs, context);
    if (was === will) unchanged++;
    else if (was === 'met' && will === 'notMet') metToNotMet.push({ unit, before: was, after: will });
    else if (was === 'notMet' && will === 'met') notMetToMet.push({ unit, before: was, after: will });
    else otherChanges.push({ unit, before: was, after: will });
  }
  return { evaluated, unchanged, metToNotMet, notMetToMet, otherChanges };
}
