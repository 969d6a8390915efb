import type { ResolvedCriteriaSet } from './catalog.ts';
import { appliesTo, type UnitFacts } from './engine.ts';
import type { IsoDate } from './text.ts';

export interface SetSelectionQuery {
  readonly programId: string;
  readonly unit: UnitFacts;
  /** The province the unit belongs to: its own published sets win over national ones. */
  readonly provinceCode?: string;
  /** The day the assessment is judged on, normally its period's last day. */
  readonly onDate: IsoDate;
}

function effectiveOn(set: ResolvedCriteriaSet, date: IsoDate): boolean {
  return (set.effectiveFrom === undefined || set.effectiveFrom <= date) && (set.effectiveTo === undefined || date <= set.effectiveTo);
}

/**
 * The criteria set that governs one unit in one program on one day: published (or since retired,
 * for past periods), effective on that day, applicable to the unit, the province's own set before the
 * national one, the newest version first. `undefined` means the unit is not covered.
 */
export function selectCriteriaSet(
  sets: Iterable<ResolvedCriteriaSet>,
  query: SetSelectionQuery,
): ResolvedCriteriaSet | undefined {
  let best: ResolvedCriteriaSet | undefined;
  let bestRank = -1;
  for (const set of sets) {
    if (set.programId !== query.programId || set.status === 'draft') continue;
    if (!effectiveOn(set, query.onDate) || !appliesTo(set.appliesTo, query.unit)) continue;
    const own = set.owner.scope === 'province' && set.owner.provinceCode === query.provinceCode;
    if (set.owner.scope === 'province' && !own) continue;
    const rank = (own ? 1_000_000 : 0) + (set.status === 'published' ? 500_000 : 0) + set.ref.version;
    if (rank > bestRank) {
      best = set;
      bestRank = rank;
    }
  }
  return best;
}
