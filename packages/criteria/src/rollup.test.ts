import { describe, expect, it } from 'vitest';
import { rollupFigures, tallyOutcomes } from './rollup.ts';
import type { Status } from './explain.ts';

const many = (status: Status | undefined, count: number) => Array.from({ length: count }, () => status);

describe('rollupFigures', () => {
  it('An Giang: 97 of 119 communes met 19.2 = 81.5% against an 80% target', () => {
    const counts = tallyOutcomes([...many('met', 97), ...many('notMet', 22)]);
    const figures = rollupFigures(counts, { targetPercent: 80 });
    expect(figures.sharePercent).toBeCloseTo(81.51, 2);
    expect(figures.target).toEqual({ thresholdPercent: 80, reached: true, missing: 0 });
  });

  it('Thái Bình: 262/286 communes, and what a 95% target would still need', () => {
    const counts = tallyOutcomes([...many('met', 262), ...many('notMet', 20), ...many(undefined, 4)]);
    const figures = rollupFigures(counts, { targetPercent: 95 });
    expect(figures).toMatchObject({ units: 286, assessed: 282, notAssessed: 4 });
    expect(figures.sharePercent).toBeCloseTo(91.61, 2);
    expect(figures.target).toEqual({ thresholdPercent: 95, reached: false, missing: 10 });
  });

  it('compares with the previous period and leaves not-applicable units out of the share', () => {
    const previous = tallyOutcomes([...many('met', 83), ...many('notMet', 36)]);
    const counts = tallyOutcomes([...many('met', 97), ...many('notMet', 22), ...many('notApplicable', 3)]);
    const figures = rollupFigures(counts, { previous });
    expect(figures.metChange).toBe(14);
    expect(figures.sharePercent).toBeCloseTo(81.51, 2);
    expect(figures.shareChangePoints).toBeCloseTo(81.51 - 69.75, 1);
  });

  it('has no share without units in scope', () => {
    expect(rollupFigures(tallyOutcomes([])).sharePercent).toBeUndefined();
  });
});
