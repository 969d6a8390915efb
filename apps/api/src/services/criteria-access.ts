import { mayReadCriteriaSet, pathAndAncestors } from '@antt/criteria';
import type { Context } from '../context.ts';
import type { SetReader } from './criteria-store.ts';

/*
 * Which criteria sets a caller reads: @antt/criteria's `mayReadCriteriaSet` over the caller's
 * criteria.read scopes, as a predicate (single rows) and as the same rule written as a filter on the
 * stored `areaPath` (lists). A set the caller may not read is answered like one that does not exist.
 */

export function setReadScopes(ctx: Pick<Context, 'auth'>): string[] {
  return ctx.auth?.scopes('criteria.read') ?? [];
}

export function setReader(ctx: Pick<Context, 'auth'>): SetReader {
  const scopes = setReadScopes(ctx);
  return (area) => mayReadCriteriaSet(scopes, area);
}

type AreaCondition = { areaPath: { in: string[] } } | { areaPath: { startsWith: string } };
export type AreaWhere = { OR?: AreaCondition[]; areaPath?: { in: string[] } };

/**
 * `mayReadCriteriaSet` (and `mayReadTarget`, the same rule) as a where-clause on `areaPath`: the
 * nation's, any area at or above one of `scopes`, and any area below one.
 */
export function sharedAreaWhere(scopes: readonly string[]): AreaWhere {
  if (scopes.length === 0) return { areaPath: { in: [] } };
  if (scopes.includes('')) return {};
  return {
    OR: [
      { areaPath: { in: ['', ...new Set(scopes.flatMap(pathAndAncestors))] } },
      ...scopes.map((scope) => ({ areaPath: { startsWith: `${scope}/` } })),
    ],
  };
}

/** The criteria sets (or versions) the caller reads, as a filter. */
export function readableSetsWhere(ctx: Pick<Context, 'auth'>): AreaWhere {
  return sharedAreaWhere(setReadScopes(ctx));
}
