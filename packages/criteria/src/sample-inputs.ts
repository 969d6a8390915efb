import { walkCriteria, type ResolvedCriteriaSet, type ResolvedCriterion } from './catalog.ts';
import type { Comparator, Measure } from './definition.ts';
import type { CriterionInput } from './engine.ts';

/** A value that meets (or, with `meet: false`, just misses) a threshold under a comparator. */
function around(comparator: Comparator, threshold: number, meet: boolean, step = 1): number {
  switch (comparator) {
    case '=':
      return meet ? threshold : threshold + step;
    case '<':
      return meet ? threshold - step : threshold;
    case '<=':
      return meet ? threshold : threshold + step;
    case '>':
      return meet ? threshold + step : threshold;
    case '>=':
      return meet ? threshold : threshold - step;
  }
}

function sampleFor(measure: Measure, meet: boolean): CriterionInput | undefined {
  switch (measure.type) {
    case 'boolean': {
      const expected = measure.expected ?? true;
      return { value: meet ? expected : !expected };
    }
    case 'number':
      return { value: Math.max(0, around(measure.comparator, measure.threshold, meet)) };
    case 'change': {
      const previous = 100;
      const percent = around(measure.comparator, measure.thresholdPercent, meet);
      return { value: previous * (1 + percent / 100), previousValue: previous };
    }
    case 'score': {
      const bar = measure.minPoints ?? 0;
      return { value: meet ? measure.maxPoints : Math.max(0, bar > 0 ? bar - 1 : 0) };
    }
    case 'evidence':
      return meet ? { evidence: [{ documentRef: 'sample', contentHash: 'sha256:sample' }] } : { value: false };
    // Computed from children or other programs, never entered.
    case 'childShare':
    case 'programOutcome':
      return undefined;
  }
}

/**
 * Inputs that meet every entered criterion of a set except those listed in `failing`, which just
 * miss their bar. For demo data, previews and tests; never a substitute for real assessments.
 */
export function sampleInputs(
  set: ResolvedCriteriaSet,
  options: { readonly failing?: readonly string[] } = {},
): Record<string, CriterionInput> {
  const failing = new Set(options.failing ?? []);
  const inputs: Record<string, CriterionInput> = {};
  for (const { node } of walkCriteria(set.criteria)) {
    if (!node.measure) continue;
    const input = sampleFor(node.measure, !failing.has(node.id));
    if (input) inputs[node.id] = input;
  }
  return inputs;
}

/** The criteria an assessor enters by hand (not computed from children or other programs). */
export function enteredCriteria(set: ResolvedCriteriaSet): ResolvedCriterion[] {
  const entered: ResolvedCriterion[] = [];
  for (const { node } of walkCriteria(set.criteria)) {
    if (node.measure && node.measure.type !== 'childShare' && node.measure.type !== 'programOutcome') entered.push(node);
  }
  return entered;
}
