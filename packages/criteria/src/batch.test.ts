import { describe, expect, it } from 'vitest';
import { evaluateBatch, STATUS_BY_CODE, STATUS_CODE, statusesOf, toEvaluationBatch, type EvaluationBatch, type UnitCase } from './batch.ts';
import { resolveCriteriaSet, type ResolvedCriteriaSet } from './catalog.ts';
import type { Applicability, CriteriaSetDefinition, CriterionDefinition, GradeBand, Measure, OutcomeRule } from './definition.ts';
import { compileCriteriaSet, evaluate, evaluateStatus, type ChildUnit, type CriterionInput, type Status } from './engine.ts';
import { buildSet, children, yesNo } from './testing/build.ts';
import { seededRandom } from './testing/random.ts';


type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (random: Random, p: number): boolean => random() < p;

const UNIT_KINDS = ['commune', 'ward', 'province'] as const;
const CHILD_KINDS = ['residentialArea', 'agency', 'school', 'enterprise'] as const;
const PROGRAMS = ['p1', 'p2', 'p3'] as const;
const STATUSES: readonly Status[] = ['met', 'notMet', 'notAssessed', 'notApplicable'];
const DATES = ['2024-01-01', '2025-01-01', '2025-06-30', '2026-01-01'] as const;

function randomApplicability(random: Random): Applicability {
  const kinds = UNIT_KINDS.filter(() => chance(random, 0.6));
  const attributes = chance(random, 0.4)
    ? [
        pick(random, [
          { attribute: 'border', equals: true },
          { attribute: 'level', in: ['a', 'b'] },
          { attribute: 'level', notIn: ['c'] },
          { attribute: 'coastal', exists: true },
        ]),
      ]
    : undefined;
  return { ...(kinds.length > 0 && { unitKinds: kinds }), ...(attributes && { attributes }) };
}

function randomMeasure(random: Random): Measure {
  const comparator = pick(random, ['=', '<', '<=', '>', '>='] as const);
  switch (pick(random, ['boolean', 'number', 'change', 'childShare', 'childShareFiltered', 'score', 'programOutcome', 'evidence'] as const)) {
    case 'boolean':
      return chance(random, 0.5) ? { type: 'boolean' } : { type: 'boolean', expected: chance(random, 0.5) };
    case 'number':
      return { type: 'number', comparator, threshold: Math.floor(random() * 4) };
    case 'change':
      return {
        type: 'change',
        comparator,
        thresholdPercent: pick(random, [-20, -5, 0, 10]),
        ...(chance(random, 0.5) && { whenBothZero: pick(random, ['met', 'notMet'] as const) }),
      };
    case 'childShare':
    case 'childShareFiltered': {
      const childKinds = CHILD_KINDS.filter(() => chance(random, 0.5));
      return {
        type: 'childShare',
        programId: pick(random, PROGRAMS),
        childKinds: childKinds.length > 0 ? childKinds : ['residentialArea'],
        comparator: pick(random, ['>=', '>'] as const),
        thresholdPercent: pick(random, [0, 50, 70, 95, 100, 14.2857142857]),
        ...(chance(random, 0.3) && { childAttributes: [pick(random, [{ attribute: 'level', in: ['a', 'b'] }, { attribute: 'level', exists: false }])] }),
      };
    }
    case 'score':
      return chance(random, 0.5) ? { type: 'score', maxPoints: 5 } : { type: 'score', maxPoints: 10, minPoints: pick(random, [0, 3, 10]) };
    case 'programOutcome':
      return { type: 'programOutcome', programId: pick(random, PROGRAMS) };
    case 'evidence':
      return { type: 'evidence' };
  }
}

/** The most a criterion can add to a score rule, as the catalog counts it. */
function maxScore(criterion: CriterionDefinition): number {
  const weight = criterion.weight ?? 1;
  if (criterion.measure?.type === 'score') return criterion.measure.maxPoints * weight;
  if (criterion.rule?.type === 'score' && criterion.criteria) return criterion.criteria.reduce((sum, child) => sum + maxScore(child), 0) * weight;
  return weight;
}

function randomRule(random: Random, criteria: readonly CriterionDefinition[]): OutcomeRule {
  const type = pick(random, ['all', 'atLeast', 'atLeastPercent', 'score'] as const);
  if (type === 'all') return { type: 'all' };
  if (type === 'atLeast') return { type: 'atLeast', count: 1 + Math.floor(random() * criteria.length) };
  if (type === 'atLeastPercent') return { type: 'atLeast', percent: pick(random, [0, 33.3, 50, 80, 100]) };
  const max = criteria.reduce((sum, child) => sum + maxScore(child), 0);
  const fractions = [0.9, 0.6, 0.3, 0].filter(() => chance(random, 0.6));
  const bands: GradeBand[] = (fractions.length > 0 ? fractions : [0.5]).map((fraction, index) => ({
    grade: `g${index}`,
    title: { vi: `Hạng ${index}` },
    minScore: Math.round(fraction * max * 100) / 100 - index * 1e-6,
    passing: chance(random, 0.7),
    ...(chance(random, 0.3) && { requires: pick(random, ['allCritical', 'allRequired'] as const) }),
  }));
  return { type: 'score', bands };
}

function randomCriteria(random: Random, depth: number, next: () => number): CriterionDefinition[] {
  const count = 1 + Math.floor(random() * (depth === 0 ? 6 : 4));
  return Array.from({ length: count }, () => {
    const n = next();
    const base = {
      id: `n${n}`,
      code: String(n),
      title: { vi: `Tiêu chí ${n}` },
      ...(chance(random, 0.2) && { required: false }),
      ...(chance(random, 0.15) && { critical: true }),
      ...(chance(random, 0.3) && { weight: pick(random, [0, 0.5, 2, 3]) }),
      ...(chance(random, 0.15) && { appliesTo: randomApplicability(random) }),
      ...(chance(random, 0.1) && { effectiveFrom: pick(random, DATES.slice(0, 2)) }),
      ...(chance(random, 0.1) && { effectiveTo: pick(random, DATES.slice(2)) }),
    };
    if (depth < 2 && chance(random, 0.3)) {
      const criteria = randomCriteria(random, depth + 1, next);
      return { ...base, kind: 'group' as const, rule: randomRule(random, criteria), criteria };
    }
    return { ...base, measure: randomMeasure(random) };
  });
}

function randomSet(random: Random): ResolvedCriteriaSet {
  let counter = 0;
  const criteria = randomCriteria(random, 0, () => ++counter);
  const definition: CriteriaSetDefinition = {
    schemaVersion: 1,
    id: 'random-set',
    version: 1,
    programId: 'p0',
    owner: { scope: 'national' },
    status: 'published',
    title: { vi: 'Bộ ngẫu nhiên' },
    appliesTo: chance(random, 0.8) ? { unitKinds: ['commune', 'ward'] } : randomApplicability(random),
    rule: randomRule(random, criteria),
    criteria,
  };
  const resolved = resolveCriteriaSet(definition, () => undefined);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.errors));
  return resolved.value;
}

/** Every kind of input the object path can be given, the odd ones included. */
function randomValue(random: Random, likely: () => CriterionInput['value']): CriterionInput['value'] {
  const roll = random();
  if (roll < 0.08) return undefined;
  if (roll < 0.12) return null;
  if (roll < 0.15) return Number.NaN;
  if (roll < 0.17) return pick(random, [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, 1e9]);
  if (roll < 0.22) return pick(random, [true, false, 0, 1, 2, 0.5]);
  if (roll < 0.23) return 'yes' as unknown as number;
  return likely();
}

function randomInput(random: Random, measure: Measure | undefined): CriterionInput | undefined {
  if (chance(random, 0.05)) return undefined;
  switch (measure?.type) {
    case 'boolean':
      return { value: randomValue(random, () => chance(random, 0.75)) };
    case 'number':
      return { value: randomValue(random, () => Math.floor(random() * 5)) };
    case 'change':
      return {
        value: randomValue(random, () => Math.floor(random() * 4)),
        ...(chance(random, 0.9) && { previousValue: randomValue(random, () => Math.floor(random() * 4)) as number | null }),
      };
    case 'score':
      return { value: randomValue(random, () => Math.round(random() * 12 * 2) / 2) };
    case 'evidence': {
      const evidence = Array.from({ length: pick(random, [0, 0, 1, 2]) }, (_, i) => ({ documentRef: `doc-${i}` }));
      return { evidence, ...(chance(random, 0.5) && { value: randomValue(random, () => chance(random, 0.5)) }) };
    }
    default:
      return { value: randomValue(random, () => 1) };
  }
}

function randomChild(random: Random): ChildUnit {
  const outcomes: Record<string, Status | undefined> = {};
  for (const program of PROGRAMS) {
    if (chance(random, 0.9)) outcomes[program] = chance(random, 0.05) ? ('passed' as Status) : pick(random, [...STATUSES, 'met', 'met']);
  }
  return {
    kind: pick(random, CHILD_KINDS),
    ...(chance(random, 0.6) && { attributes: { level: pick(random, ['a', 'b', 'c']) } }),
    outcomes,
  };
}

function randomUnits(random: Random, set: ResolvedCriteriaSet, count: number, asOf: string | undefined): UnitCase[] {
  const leaves: Array<{ id: string; measure: Measure | undefined }> = [];
  const walk = (criteria: ResolvedCriteriaSet['criteria']): void => {
    for (const criterion of criteria) {
      if (criterion.criteria) walk(criterion.criteria);
      else leaves.push({ id: criterion.id, measure: criterion.measure });
    }
  };
  walk(set.criteria);
  return Array.from({ length: count }, () => {
    const inputs: Record<string, CriterionInput> = {};
    for (const leaf of leaves) {
      const input = randomInput(random, leaf.measure);
      if (input) inputs[leaf.id] = input;
    }
    const programOutcomes: Record<string, Status> = {};
    for (const program of PROGRAMS) if (chance(random, 0.8)) programOutcomes[program] = pick(random, STATUSES);
    const attributes = chance(random, 0.7)
      ? { border: chance(random, 0.5), level: pick(random, ['a', 'b', 'c']), ...(chance(random, 0.3) && { coastal: 'yes' }) }
      : undefined;
    const kids = chance(random, 0.1) ? undefined : Array.from({ length: Math.floor(random() * 12) }, () => randomChild(random));
    return {
      inputs,
      context: {
        unit: { kind: pick(random, UNIT_KINDS), ...(attributes && { attributes }) },
        ...(kids && { children: kids }),
        programOutcomes,
        ...(asOf !== undefined && { asOf }),
      },
    };
  });
}

function objectStatuses(set: ResolvedCriteriaSet, units: readonly UnitCase[]): Status[] {
  const compiled = compileCriteriaSet(set);
  return units.map(({ inputs, context }) => {
    const status = evaluateStatus(compiled, inputs, context);
    expect(evaluate(compiled, inputs, context).status).toBe(status);
    return status;
  });
}

describe('evaluateBatch gives the statuses evaluateStatus gives', () => {
  it('on 300 random sets covering every measure, rule, gate, applicability and date', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 300; seed++) {
      const random = seededRandom(seed);
      const set = randomSet(random);
      const asOf = pick(random, [undefined, ...DATES]);
      const units = randomUnits(random, set, 40, asOf);
      const expected = objectStatuses(set, units);
      const actual = statusesOf(evaluateBatch(set, toEvaluationBatch(set, units)));
      for (let u = 0; u < units.length; u++) {
        if (actual[u] !== expected[u]) throw new Error(`seed ${seed}, unit ${u}: batch ${actual[u]}, evaluateStatus ${expected[u]}`);
      }
      for (const status of expected) seen.add(`set:${status}`);
      for (const node of compileCriteriaSet(set).kernel.nodes) {
        seen.add(node.measure ? `measure:${node.measure.type}${node.tally < 0 && node.measure.type === 'childShare' ? ':filtered' : ''}` : `rule:${node.rule!.type}`);
      }
    }
    // The random sets did reach every case this test claims to cover.
    expect([...seen].sort()).toEqual([
      'measure:boolean',
      'measure:change',
      'measure:childShare',
      'measure:childShare:filtered',
      'measure:evidence',
      'measure:number',
      'measure:programOutcome',
      'measure:score',
      'rule:all',
      'rule:atLeast',
      'rule:score',
      'set:met',
      'set:notApplicable',
      'set:notAssessed',
      'set:notMet',
    ]);
  });

  it('across block boundaries, with one compiled set reused for batches of different sizes', () => {
    const random = seededRandom(77);
    const set = buildSet(
      [
        yesNo('plan', '1'),
        { id: 'crime', code: '2', title: { vi: 'Trọng án' }, measure: { type: 'number', comparator: '=', threshold: 0 } },
        { id: 'villages', code: '3', title: { vi: 'Thôn' }, measure: { type: 'childShare', programId: 'p1', childKinds: ['residentialArea'], comparator: '>=', thresholdPercent: 70 } },
      ],
      { unitKinds: ['commune', 'ward'] },
    );
    const compiled = compileCriteriaSet(set);
    for (const size of [0, 1, 511, 512, 513, 1300]) {
      const units = randomUnits(random, set, size, undefined);
      expect(statusesOf(evaluateBatch(compiled, toEvaluationBatch(compiled, units)))).toEqual(objectStatuses(set, units));
    }
  });
});

describe('columns built by hand', () => {
  const set = buildSet([
    yesNo('plan', '1'),
    { id: 'crime', code: '2', title: { vi: 'Trọng án' }, measure: { type: 'number', comparator: '=', threshold: 0 } },
    { id: 'trend', code: '3', title: { vi: 'Giảm' }, measure: { type: 'change', comparator: '<=', thresholdPercent: -5 } },
    { id: 'villages', code: '4', title: { vi: 'Thôn' }, measure: { type: 'childShare', programId: 'safeSecurityOrder', childKinds: ['residentialArea'], comparator: '>=', thresholdPercent: 70 } },
  ]);

  it('reads NaN as no input, 255 as an unrecorded child outcome, and a constant unit kind', () => {
    const batch: EvaluationBatch = {
      size: 4,
      unitKind: 'commune',
      values: {
        plan: Float64Array.of(1, 1, Number.NaN, 0),
        crime: Float64Array.of(0, 0, 0, 0),
        trend: Float64Array.of(8, 8, 8, 8),
      },
      previousValues: { trend: Float64Array.of(10, Number.NaN, 10, 10) },
      children: {
        offsets: Uint32Array.of(0, 3, 6, 6, 7),
        kind: { codes: Uint8Array.of(0, 0, 1, 0, 0, 0, 0), names: ['residentialArea', 'school'] },
        outcomes: { safeSecurityOrder: Uint8Array.of(0, 0, 1, 0, 255, 0, 0) },
      },
    };
    expect(statusesOf(evaluateBatch(set, batch))).toEqual(['met', 'notAssessed', 'notAssessed', 'notMet']);
    // The same units as objects.
    const trend = (previousValue?: number): CriterionInput => (previousValue === undefined ? { value: 8 } : { value: 8, previousValue });
    const objects: UnitCase[] = [
      { inputs: { plan: { value: true }, crime: { value: 0 }, trend: trend(10) }, context: { unit: { kind: 'commune' }, children: [...children('residentialArea', 2, 2), ...children('school', 1, 0)] } },
      { inputs: { plan: { value: true }, crime: { value: 0 }, trend: trend() }, context: { unit: { kind: 'commune' }, children: [...children('residentialArea', 1, 1), { kind: 'residentialArea', outcomes: {} }, ...children('residentialArea', 1, 1)] } },
      { inputs: { crime: { value: 0 }, trend: trend(10) }, context: { unit: { kind: 'commune' } } },
      { inputs: { plan: { value: false }, crime: { value: 0 }, trend: trend(10) }, context: { unit: { kind: 'commune' }, children: children('residentialArea', 1, 1) } },
    ];
    expect(objects.map(({ inputs, context }) => evaluateStatus(set, inputs, context))).toEqual(['met', 'notAssessed', 'notAssessed', 'notMet']);
  });

  it('is not applicable to units of other kinds, by kind code', () => {
    const batch: EvaluationBatch = {
      size: 2,
      unitKind: { codes: Uint16Array.of(1, 0), names: ['commune', 'province'] },
      values: { plan: Float64Array.of(1, 1), crime: Float64Array.of(0, 0), trend: Float64Array.of(0, 0) },
      previousValues: { trend: Float64Array.of(0, 0) },
    };
    const codes = evaluateBatch(set, batch);
    expect([...codes]).toEqual([STATUS_CODE.notApplicable, STATUS_CODE.met]);
    expect(STATUS_BY_CODE[codes[1]!]).toBe('met');
  });

  it('writes into a caller-owned array', () => {
    const out = new Uint8Array(1);
    const batch: EvaluationBatch = { size: 1, unitKind: 'commune', values: { plan: Float64Array.of(0) } };
    expect(evaluateBatch(set, batch, out)).toBe(out);
    expect(out[0]).toBe(STATUS_CODE.notMet);
  });

  it('refuses columns that do not line up, rather than guessing', () => {
    const base: EvaluationBatch = { size: 2, unitKind: 'commune' };
    expect(() => evaluateBatch(set, { ...base, values: { plan: new Float64Array(3) } })).toThrow(/values\["plan"\] has 3 entries, expected 2/);
    expect(() => evaluateBatch(set, { ...base, previousValues: { trend: new Float64Array(1) } })).toThrow(RangeError);
    expect(() => evaluateBatch(set, { ...base, size: -1 })).toThrow(/size/);
    const kinds = { codes: Uint8Array.of(0, 2), names: ['residentialArea'] };
    expect(() => evaluateBatch(set, { ...base, children: { offsets: Uint32Array.of(0, 1), kind: kinds, outcomes: {} } })).toThrow(/children.offsets/);
    expect(() => evaluateBatch(set, { ...base, children: { offsets: Uint32Array.of(0, 2, 1), kind: kinds, outcomes: {} } })).toThrow(/offsets/);
    expect(() => evaluateBatch(set, { ...base, children: { offsets: Uint32Array.of(0, 1, 2), kind: kinds, outcomes: {} } })).toThrow(/kind code 2/);
    expect(() => evaluateBatch(set, { ...base, children: { offsets: Uint32Array.of(0, 1, 2), kind: { codes: Uint8Array.of(0, 0), names: ['residentialArea'] }, outcomes: { safeSecurityOrder: new Uint8Array(5) } } })).toThrow(/outcomes/);
    expect(() => evaluateBatch(set, { ...base, unitKind: { codes: Uint8Array.of(0, 3), names: ['commune'] } })).toThrow(/kind code 3/);
    expect(() => evaluateBatch(set, base, new Uint8Array(1))).toThrow(/out/);
  });

  it('refuses to mix periods in one batch', () => {
    const unit = (asOf: string): UnitCase => ({ inputs: {}, context: { unit: { kind: 'commune' }, asOf } });
    expect(() => toEvaluationBatch(set, [unit('2025-06-30'), unit('2025-12-31')])).toThrow(/asOf/);
  });
});
