import { describe, expect, it } from 'vitest';
import { parseCriteriaSet } from './catalog.ts';
import {
  MAX_CRITERIA_DEPTH,
  MAX_CRITERIA_PER_SET,
  MAX_PERIOD_YEAR,
  MIN_PERIOD_YEAR,
  checkPeriodYear,
  criteriaTreeSize,
} from './limits.ts';
import { nationalTemplates, provincialExamples } from './templates/index.ts';

const leaf = (id: string) => ({ id, code: id, title: { vi: id }, measure: { type: 'boolean' } });

/** A standalone set whose only criterion is a chain of groups `levels` deep, built without recursion. */
function nestedSet(levels: number) {
  let node: Record<string, unknown> = leaf('c0');
  for (let level = 1; level < levels; level++) node = { id: `c${level}`, code: `c${level}`, title: { vi: `c${level}` }, criteria: [node] };
  return standalone([node]);
}

function standalone(criteria: unknown[]) {
  return {
    schemaVersion: 1,
    id: 'limits-test',
    version: 1,
    programId: 'safeSecurityOrder',
    owner: { scope: 'national' },
    status: 'draft',
    title: { vi: 'Bộ thử giới hạn' },
    appliesTo: { unitKinds: ['commune'] },
    rule: { type: 'all' },
    criteria,
  };
}

describe('criteria-set limits', () => {
  it('leave room above every national template and provincial example', () => {
    // Deepest real tree: 2 levels (groups → criteria → sub-indicators); the largest set has 34 criteria.
    expect(MAX_CRITERIA_DEPTH).toBe(8);
    expect(MAX_CRITERIA_PER_SET).toBe(500);
    for (const set of [...nationalTemplates, ...provincialExamples]) {
      const size = criteriaTreeSize(set);
      expect(size.depth).toBeLessThanOrEqual(3);
      expect(size.count).toBeLessThanOrEqual(40);
      expect(parseCriteriaSet(set).ok).toBe(true);
    }
  });

  it('measures a tree by its deepest chain and all its criteria, added ones included', () => {
    expect(criteriaTreeSize(nestedSet(5))).toEqual({ depth: 5, count: 5 });
    expect(criteriaTreeSize(standalone([leaf('a'), leaf('b'), { id: 'g', criteria: [leaf('c')] }]))).toEqual({ depth: 2, count: 4 });
    expect(criteriaTreeSize({ changes: [{ op: 'add', criterion: { id: 'g', criteria: [leaf('x'), leaf('y')] } }, { op: 'remove', targetId: 'z' }] })).toEqual({ depth: 2, count: 3 });
    expect(criteriaTreeSize('not a set')).toEqual({ depth: 0, count: 0 });
  });

  it('accepts a tree at the depth limit and refuses one level more with a typed issue', () => {
    expect(parseCriteriaSet(nestedSet(8)).ok).toBe(true);
    const deeper = parseCriteriaSet(nestedSet(9));
    expect(deeper.ok).toBe(false);
    if (!deeper.ok) expect(deeper.errors).toEqual([{ code: 'tooDeep', path: 'criteria', message: 'Cây tiêu chí sâu 9 cấp, vượt quá giới hạn 8 cấp' }]);
  });

  it('refuses 100,000 levels without overflowing the stack', () => {
    const started = Date.now();
    const parsed = parseCriteriaSet(nestedSet(100_000));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((issue) => issue.code)).toEqual(['tooDeep', 'tooManyCriteria']);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses more criteria than the limit, counting those added by changes', () => {
    expect(parseCriteriaSet(standalone(Array.from({ length: 500 }, (_, i) => leaf(`c${i}`)))).ok).toBe(true);
    const many = parseCriteriaSet(standalone(Array.from({ length: 10_000 }, (_, i) => leaf(`c${i}`))));
    expect(many.ok).toBe(false);
    if (!many.ok) expect(many.errors).toEqual([{ code: 'tooManyCriteria', path: 'criteria', message: 'Bộ tiêu chí có 10000 tiêu chí, vượt quá giới hạn 500' }]);
    const extension = {
      ...standalone([]),
      criteria: undefined,
      rule: undefined,
      extends: { setId: 'tt124-commune', version: 1 },
      changes: Array.from({ length: 300 }, (_, i) => ({ op: 'add', criterion: { id: `g${i}`, code: `g${i}`, title: { vi: `g${i}` }, criteria: [leaf(`added${i}`)] } })),
    };
    const added = parseCriteriaSet(JSON.parse(JSON.stringify(extension)));
    expect(added.ok).toBe(false);
    if (!added.ok) expect(added.errors.map((issue) => issue.code)).toEqual(['tooManyCriteria']);
  });
});

describe('period years', () => {
  it('are whole years from 2000 to 2100', () => {
    expect([MIN_PERIOD_YEAR, MAX_PERIOD_YEAR]).toEqual([2000, 2100]);
    for (const year of [2000, 2025, 2026, 2100]) expect(checkPeriodYear(year)).toEqual({ ok: true, value: year });
  });

  it('refuse 0, negative, far-future and fractional years with a Vietnamese message', () => {
    for (const year of [0, -5, 1999, 2101, 10_000, 2025.5, Number.NaN]) {
      const checked = checkPeriodYear(year);
      expect(checked.ok).toBe(false);
    }
    expect(checkPeriodYear(10_000)).toEqual({ ok: false, errors: 'Năm của kỳ đánh giá phải từ 2000 đến 2100 (nhận được 10000)' });
    expect(checkPeriodYear(-5)).toEqual({ ok: false, errors: 'Năm của kỳ đánh giá phải từ 2000 đến 2100 (nhận được -5)' });
  });
});
