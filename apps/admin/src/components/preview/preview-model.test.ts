import { parseCriteriaSet, resolveCriteriaSet, tt124Commune, type ResolvedCriteriaSet } from '@antt/criteria';
import { describe, expect, it } from 'vitest';
import {
  asResolvedSet,
  evaluatePreview,
  initialState,
  parseDecimal,
  previewFields,
  previewUnitKinds,
  sampleValues,
  toInputs,
  withValue,
  type PreviewState,
} from './preview-model.ts';

function resolve(definition: unknown): ResolvedCriteriaSet {
  const parsed = parseCriteriaSet(definition);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const resolved = resolveCriteriaSet(parsed.value, () => undefined);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.errors));
  return resolved.value;
}

/** What the API sends as `resolved`: the resolved set without its authored definition, through JSON. */
function overTheWire(set: ResolvedCriteriaSet): unknown {
  const { definition: _definition, ...rest } = set;
  return JSON.parse(JSON.stringify(rest));
}

const commune = asResolvedSet(overTheWire(resolve(tt124Commune)))!;

const measured = resolve({
  schemaVersion: 1,
  id: 'preview-test',
  version: 1,
  programId: 'safeSecurityOrder',
  owner: { scope: 'province', provinceCode: '31' },
  status: 'draft',
  title: { vi: 'Bộ thử' },
  appliesTo: { unitKinds: ['commune', 'ward'] },
  rule: { type: 'all' },
  criteria: [
    { id: 'crimes', code: '1', title: { vi: 'Trọng án' }, measure: { type: 'number', comparator: '=', threshold: 0, unit: 'vụ' } },
    { id: 'evils', code: '2', title: { vi: 'Tệ nạn xã hội' }, measure: { type: 'change', comparator: '<=', thresholdPercent: -5, unit: 'vụ' } },
    { id: 'minutes', code: '3', title: { vi: 'Biên bản' }, measure: { type: 'evidence', documentKind: 'biên bản' } },
    { id: 'score', code: '4', title: { vi: 'Điểm' }, measure: { type: 'score', maxPoints: 10, minPoints: 7 } },
    { id: 'tt124', code: '5', title: { vi: 'Đạt ANTT' }, measure: { type: 'programOutcome', programId: 'safeSecurityOrder' } },
  ],
});

function state(values: Record<string, string>, unitKind = 'commune'): PreviewState {
  return { unitKind, values };
}

describe('asResolvedSet', () => {
  it('accepts the API’s resolved JSON and rejects anything else', () => {
    expect(commune.ref).toEqual({ setId: 'tt124-commune', version: 1 });
    expect(asResolvedSet(null)).toBeUndefined();
    expect(asResolvedSet({ criteria: [] })).toBeUndefined();
    expect(asResolvedSet('tt124')).toBeUndefined();
  });
});

describe('previewFields', () => {
  it('has one input per entered criterion, plus the computed ones', () => {
    const fields = previewFields(commune);
    const types = Object.fromEntries([...fields.values()].map((field) => [field.id, field.type]));
    expect(types['tt124-commune.resolution-plan.resolution']).toBe('boolean');
    expect(types['tt124-commune.children.recognised']).toBe('childShare');
    // Groups get no input: their outcome follows from their criteria.
    expect(types['tt124-commune.resolution-plan']).toBeUndefined();
    expect(previewUnitKinds(commune)).toEqual(['commune', 'ward', 'specialZone', 'township']);
  });

  it('reads each measure’s kind of value', () => {
    const fields = previewFields(measured);
    expect(fields.get('crimes')).toEqual({ id: 'crimes', type: 'number', unit: 'vụ' });
    expect(fields.get('score')).toEqual({ id: 'score', type: 'score', maxPoints: 10 });
    expect(fields.get('tt124')).toEqual({ id: 'tt124', type: 'programOutcome', programId: 'safeSecurityOrder' });
  });
});

describe('parseDecimal', () => {
  it('reads Vietnamese and English decimals, and nothing as "not entered"', () => {
    expect(parseDecimal('')).toBeUndefined();
    expect(parseDecimal('  ')).toBeUndefined();
    expect(parseDecimal(undefined)).toBeUndefined();
    expect(parseDecimal('3')).toBe(3);
    expect(parseDecimal('1,5')).toBe(1.5);
    expect(parseDecimal('-2.25')).toBe(-2.25);
    expect(parseDecimal('ba')).toBeNaN();
  });
});

describe('the live preview of TT124 (commune)', () => {
  const fields = previewFields(commune);
  const plan = 'tt124-commune.resolution-plan.resolution';
  const children = 'tt124-commune.children.recognised';

  it('starts with nothing entered: not assessed, never "not met"', () => {
    const result = evaluatePreview(commune, fields, initialState(commune));
    expect(result.status).toBe('notAssessed');
    expect(result.missingInputs).toContain(plan);
  });

  it('is met when every criterion is, and says what fails when one is toggled off', () => {
    let values = sampleValues(commune, fields, {});
    values = withValue(values, `${children}#total`, '10');
    values = withValue(values, `${children}#met`, '8');
    expect(evaluatePreview(commune, fields, state(values)).status).toBe('met');

    const toggled = evaluatePreview(commune, fields, state(withValue(values, plan, 'false')));
    expect(toggled.status).toBe('notMet');
    expect(toggled.summary).toContain('1.1');
    expect(toggled.criteria.find((criterion) => criterion.id === plan)?.reason).toBe('Chưa đạt: không (yêu cầu có)');
  });

  it('counts made-up child units for the share criterion', () => {
    let values = sampleValues(commune, fields, {});
    values = withValue(values, `${children}#total`, '10');
    values = withValue(values, `${children}#met`, '6');
    const result = evaluatePreview(commune, fields, state(values));
    expect(result.status).toBe('notMet');
    expect(result.criteria.find((criterion) => criterion.id === children)?.reason).toMatch(/^Chưa đạt: 6\/10 .*thiếu 1/);
  });

  it('clears a value back to "not entered"', () => {
    const values = withValue(withValue({}, plan, 'true'), plan, undefined);
    expect(values).toEqual({});
  });
});

describe('the live preview of numbers, changes, documents and scores', () => {
  const fields = previewFields(measured);

  it('turns typed text into the engine’s inputs', () => {
    const values = { crimes: '0', evils: '90', 'evils#previous': '100', minutes: 'true', score: '7,5' };
    expect(toInputs(fields, values)).toEqual({
      crimes: { value: 0 },
      evils: { value: 90, previousValue: 100 },
      minutes: { evidence: [{ documentRef: 'preview' }] },
      score: { value: 7.5 },
    });
  });

  it('lets the engine explain a value it cannot read', () => {
    const result = evaluatePreview(measured, fields, state({ crimes: 'hai' }));
    expect(result.invalidInputs).toEqual(['crimes']);
    expect(result.criteria.find((criterion) => criterion.id === 'crimes')?.reason).toMatch(/^Giá trị không hợp lệ/);
  });

  it('follows another program’s outcome when one is chosen', () => {
    const values = sampleValues(measured, fields, {});
    expect(evaluatePreview(measured, fields, state(values)).status).toBe('notAssessed');
    expect(evaluatePreview(measured, fields, state({ ...values, tt124: 'met' })).status).toBe('met');
    expect(evaluatePreview(measured, fields, state({ ...values, tt124: 'notMet' })).status).toBe('notMet');
  });

  it('fills sample values that meet every entered criterion, as typed text', () => {
    const values = sampleValues(measured, fields, { tt124: 'met' });
    expect(values).toMatchObject({ crimes: '0', evils: '95', 'evils#previous': '100', minutes: 'true', score: '10', tt124: 'met' });
  });
});
