import { err, ok, type Result } from './result.ts';

/*
 * Sizes the domain allows, so that no definition or argument can make a server walk without end.
 * The national templates are 2 levels deep (groups → criteria → sub-indicators) and hold at most
 * 34 criteria; the limits leave room for any real set and stop an abusive one before recursion.
 */

/** Levels of criteria in one tree: a top-level criterion is level 1. */
export const MAX_CRITERIA_DEPTH = 8;
/** Criteria in one definition: its whole tree, plus those its changes add. */
export const MAX_CRITERIA_PER_SET = 500;
/** Changes (add, override, remove) in one extension. */
export const MAX_CHANGES_PER_SET = 500;

/** The first and last assessment years any argument may name. */
export const MIN_PERIOD_YEAR = 2000;
export const MAX_PERIOD_YEAR = 2100;

export interface CriteriaTreeSize {
  /** The longest chain of nested criteria (0 when there are none). */
  readonly depth: number;
  readonly count: number;
}

/**
 * Measures an untrusted definition's criteria (its `criteria` and those its `changes` add) without
 * recursion, so that even a tree 100,000 levels deep is measured in constant stack.
 *
 * @example
 * criteriaTreeSize({ criteria: [{ id: 'g', criteria: [{ id: 'a' }] }] }); // { depth: 2, count: 2 }
 */
export function criteriaTreeSize(input: unknown): CriteriaTreeSize {
  const pending: Array<{ list: unknown; level: number }> = [];
  if (isRecord(input)) {
    pending.push({ list: input['criteria'], level: 1 });
    if (Array.isArray(input['changes'])) {
      for (const change of input['changes']) if (isRecord(change) && change['criterion'] !== undefined) pending.push({ list: [change['criterion']], level: 1 });
    }
  }
  let depth = 0;
  let count = 0;
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (!Array.isArray(next.list)) continue;
    for (const node of next.list) {
      count += 1;
      if (next.level > depth) depth = next.level;
      if (isRecord(node) && node['criteria'] !== undefined) pending.push({ list: node['criteria'], level: next.level + 1 });
    }
  }
  return { depth, count };
}

/** A year an argument may name: a whole number from {@link MIN_PERIOD_YEAR} to {@link MAX_PERIOD_YEAR}. */
export function checkPeriodYear(year: number): Result<number, string> {
  if (Number.isInteger(year) && year >= MIN_PERIOD_YEAR && year <= MAX_PERIOD_YEAR) return ok(year);
  return err(`Năm của kỳ đánh giá phải từ ${MIN_PERIOD_YEAR} đến ${MAX_PERIOD_YEAR} (nhận được ${year})`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
