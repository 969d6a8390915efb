import { describe, expect, it } from 'vitest';
import type { CriterionDefinition, GradeBand } from './definition.ts';
import { evaluate, requiredChildCount, summarizeEvaluation, type ChildUnit } from './engine.ts';
import { buildSet, children, yesNo } from './testing/build.ts';

/** Group 3, "none of these happened": two yes/no criteria expected to be false, all required. */
function noneOfThese(): CriterionDefinition {
  return {
    id: 'g1',
    code: '3',
    kind: 'group',
    title: { vi: 'Không để xảy ra' },
    rule: { type: 'all' },
    criteria: [
      { id: 'g1.a', code: '3.a', title: { vi: 'Hoạt động chống Đảng' }, measure: { type: 'boolean', expected: false } },
      { id: 'g1.b', code: '3.b', title: { vi: 'Phá hoại mục tiêu' }, measure: { type: 'boolean', expected: false } },
    ],
  };
}

function share(
  thresholdPercent: number,
  comparator: '>=' | '>' = '>=',
  childKinds: string[] = ['residentialArea'],
  extra: Partial<CriterionDefinition> = {},
): CriterionDefinition {
  return {
    id: 'share',
    code: '4',
    title: { vi: 'Tỷ lệ đơn vị được công nhận' },
    measure: { type: 'childShare', programId: 'safeSecurityOrder', childKinds, comparator, thresholdPercent },
    ...extra,
  };
}

describe('share of child units (seed arithmetic)', () => {
  it.each([
    // TT23 commune rule: 16 of 25 villages = 64% fails and 18 are needed.
    { name: 'TT23: 16/25 at ≥70%', total: 25, met: 16, threshold: 70, comparator: '>=' as const, status: 'notMet', requiredMet: 18, missing: 2 },
    { name: 'TT23: 18/25 at ≥70%', total: 25, met: 18, threshold: 70, comparator: '>=' as const, status: 'met', requiredMet: 18, missing: 0 },
    { name: 'TT23: 17/25 at ≥70%', total: 25, met: 17, threshold: 70, comparator: '>=' as const, status: 'notMet', requiredMet: 18, missing: 1 },
    // An Giang: 97 of 119 communes met 19.2 = 81.5% against an 80% target.
    { name: 'An Giang 97/119 at ≥80%', total: 119, met: 97, threshold: 80, comparator: '>=' as const, status: 'met', requiredMet: 96, missing: 0 },
    // Ngọc Đào: more than 95% of its 13 hamlets, more than 90% of agencies and schools.
    { name: 'Ngọc Đào 13/13 hamlets at >95%', total: 13, met: 13, threshold: 95, comparator: '>' as const, status: 'met', requiredMet: 13, missing: 0 },
    { name: 'Ngọc Đào 12/13 hamlets at >95%', total: 13, met: 12, threshold: 95, comparator: '>' as const, status: 'notMet', requiredMet: 13, missing: 1 },
    { name: 'Ngọc Đào 9/10 agencies at >90%', total: 10, met: 9, threshold: 90, comparator: '>' as const, status: 'notMet', requiredMet: 10, missing: 1 },
    { name: 'Ngọc Đào 10/10 agencies at >90%', total: 10, met: 10, threshold: 90, comparator: '>' as const, status: 'met', requiredMet: 10, missing: 0 },
    { name: 'exactly 90% at ≥90%', total: 20, met: 18, threshold: 90, comparator: '>=' as const, status: 'met', requiredMet: 18, missing: 0 },
  ])('$name → $status', ({ total, met, threshold, comparator, status, requiredMet, missing }) => {
    const set = buildSet([share(threshold, comparator)]);
    const result = evaluate(set, {}, { unit: { kind: 'commune' }, children: children('residentialArea', total, met) });
    const criterion = result.criteria[0]!;
    expect(criterion.status).toBe(status);
    expect(criterion.detail).toMatchObject({ type: 'childShare', met, total, requiredMet, missing });
    expect(result.status).toBe(status);
  });

  it('explains An Giang in Vietnamese with a decimal comma', () => {
    const set = buildSet([share(80, '>=', ['commune'], { measure: { type: 'childShare', programId: 'newRural192', childKinds: ['commune'], comparator: '>=', thresholdPercent: 80, childLabel: 'xã' } })], { unitKinds: ['province'] });
    const result = evaluate(set, {}, { unit: { kind: 'province' }, children: children('commune', 119, 97, 'newRural192') });
    expect(result.criteria[0]!.reason).toBe('Đạt: 97/119 xã đạt (81,5%), yêu cầu ≥ 80%');
    expect(result.criteria[0]!.detail).toMatchObject({ margin: 1 });
  });

  it('says what would change a failing commune: 2 more villages', () => {
    const set = buildSet([yesNo('plan', '1'), share(70, '>=', ['residentialArea'], { measure: { type: 'childShare', programId: 'safeSecurityOrder', childKinds: ['residentialArea'], comparator: '>=', thresholdPercent: 70, childLabel: 'thôn' } })]);
    const result = evaluate(set, { plan: { value: true } }, { unit: { kind: 'commune' }, children: children('residentialArea', 25, 16) });
    expect(result.status).toBe('notMet');
    expect(result.whatWouldChange).toEqual([{ criterionId: 'share', code: '4', text: 'thêm 2 thôn đạt', needed: 2 }]);
    expect(result.summary).toBe('Chưa đạt. Nếu thêm 2 thôn đạt (tiêu chí 4) thì đạt.');
    expect(result.criteria[1]!.reason).toBe('Chưa đạt: 16/25 thôn đạt (64%), yêu cầu ≥ 70%; cần 18, thiếu 2');
  });

  it('keeps a share open while children are still unassessed, and never fails on missing input', () => {
    const set = buildSet([share(70)]);
    const kids = [...children('residentialArea', 17, 17), ...children('residentialArea', 8, 0, 'safeSecurityOrder', 'notAssessed')];
    expect(evaluate(set, {}, { unit: { kind: 'commune' }, children: kids }).status).toBe('notAssessed');
    const hopeless = [...children('residentialArea', 20, 10), ...children('residentialArea', 5, 0, 'safeSecurityOrder', 'notAssessed')];
    expect(evaluate(set, {}, { unit: { kind: 'commune' }, children: hopeless }).status).toBe('notMet');
  });

  it('counts agencies, enterprises and schools together with residential areas (TT124) and skips children the program does not apply to', () => {
    const set = buildSet([share(70, '>=', ['residentialArea', 'agency', 'enterprise', 'school'])]);
    const kids: ChildUnit[] = [
      ...children('residentialArea', 10, 7),
      ...children('agency', 4, 3),
      ...children('school', 2, 2),
      ...children('enterprise', 3, 0, 'safeSecurityOrder', 'notApplicable'),
      ...children('religiousEstablishment', 5, 0),
    ];
    const detail = evaluate(set, {}, { unit: { kind: 'commune' }, children: kids }).criteria[0]!.detail;
    expect(detail).toMatchObject({ met: 12, total: 16, requiredMet: 12, missing: 0 });
  });

  it('filters children by attribute', () => {
    const measure: CriterionDefinition['measure'] = {
      type: 'childShare',
      programId: 'safeSecurityOrder',
      childKinds: ['school'],
      childAttributes: [{ attribute: 'schoolLevel', notIn: ['primary', 'preschool'] }],
      comparator: '>=',
      thresholdPercent: 100,
    };
    const set = buildSet([{ id: 'schools', code: '6', title: { vi: 'Trường học' }, measure }]);
    const kids: ChildUnit[] = [
      { kind: 'school', attributes: { schoolLevel: 'secondary' }, outcomes: { safeSecurityOrder: 'met' } },
      { kind: 'school', attributes: { schoolLevel: 'primary' }, outcomes: { safeSecurityOrder: 'notMet' } },
    ];
    expect(evaluate(set, {}, { unit: { kind: 'commune' }, children: kids }).status).toBe('met');
  });

  it('is not applicable when the unit has no such children', () => {
    const set = buildSet([yesNo('plan', '1'), share(90, '>', ['agency'])]);
    const result = evaluate(set, { plan: { value: true } }, { unit: { kind: 'commune' }, children: [] });
    expect(result.criteria[1]!.status).toBe('notApplicable');
    expect(result.status).toBe('met');
  });

  it.each([
    [25, '>=', 70, 18],
    [119, '>=', 80, 96],
    [13, '>', 95, 13],
    [10, '>', 90, 10],
    [100, '>=', 0, 0],
    [3, '>=', 100, 3],
    [7, '>=', 14.2857142857, 1],
  ] as const)('requiredChildCount(%i, %s %d) = %i', (total, comparator, threshold, expected) => {
    expect(requiredChildCount(total, comparator, threshold)).toBe(expected);
  });
});

function numbered(count: number, prefix = 'c'): CriterionDefinition[] {
  return Array.from({ length: count }, (_, index) => yesNo(`${prefix}${index + 1}`, String(index + 1)));
}

function answers(count: number, met: number, prefix = 'c'): Record<string, { value: boolean }> {
  return Object.fromEntries(Array.from({ length: count }, (_, index) => [`${prefix}${index + 1}`, { value: index < met }]));
}

describe('N of M (model ward police, typical commune)', () => {
  it('a ward at 20/20 is met', () => {
    const set = buildSet(numbered(20), { rule: { type: 'atLeast', count: 20 }, unitKinds: ['ward'] });
    const result = evaluate(set, answers(20, 20), { unit: { kind: 'ward' } });
    expect(result.status).toBe('met');
    expect(result.reason).toBe('Đạt: 20/20 tiêu chí đạt, yêu cầu 20/20');
  });

  it('a ward at 18/22 is not met and needs 4 more', () => {
    const set = buildSet(numbered(22), { rule: { type: 'atLeast', count: 22 }, unitKinds: ['ward'] });
    const result = evaluate(set, answers(22, 18), { unit: { kind: 'ward' } });
    expect(result.status).toBe('notMet');
    expect(result.detail).toEqual({ type: 'count', met: 18, applicable: 22, notAssessed: 0, requiredMet: 22 });
    expect(result.whatWouldChange[0]).toMatchObject({ needed: 4, text: 'đạt thêm 4 tiêu chí (trong số 19, 20, 21, 22)' });
  });

  it('Sùng Phài at 28/34 needs 6 more', () => {
    const set = buildSet(numbered(34), { rule: { type: 'atLeast', count: 34 } });
    const result = evaluate(set, answers(34, 28), { unit: { kind: 'commune' } });
    expect(result.status).toBe('notMet');
    expect(result.whatWouldChange[0]!.needed).toBe(6);
  });

  it('a percentage rule counts applicable criteria only', () => {
    const criteria = [...numbered(9), yesNo('border', '10', { appliesTo: { attributes: [{ attribute: 'border', equals: true }] } })];
    const set = buildSet(criteria, { rule: { type: 'atLeast', percent: 80 } });
    const inland = evaluate(set, answers(9, 8), { unit: { kind: 'commune', attributes: { border: false } } });
    expect(inland.criteria.at(-1)!.status).toBe('notApplicable');
    expect(inland.detail).toMatchObject({ met: 8, applicable: 9, requiredMet: 8 });
    expect(inland.status).toBe('met');
  });

  it('waits for unassessed criteria only while they could still decide it', () => {
    const set = buildSet(numbered(5), { rule: { type: 'atLeast', count: 4 } });
    expect(evaluate(set, { c1: { value: true }, c2: { value: true }, c3: { value: true } }, { unit: { kind: 'commune' } }).status).toBe('notAssessed');
    expect(evaluate(set, { c1: { value: false }, c2: { value: false } }, { unit: { kind: 'commune' } }).status).toBe('notMet');
  });

  it('a critical criterion gates the count', () => {
    const criteria = [yesNo('gate', 'G', { critical: true }), ...numbered(4, 'x')];
    const set = buildSet(criteria, { rule: { type: 'atLeast', count: 3 } });
    const result = evaluate(set, { gate: { value: false }, ...answers(4, 4, 'x') }, { unit: { kind: 'commune' } });
    expect(result.status).toBe('notMet');
    expect(result.reason).toContain('tiêu chí then chốt G chưa đạt');
    expect(result.whatWouldChange.map((hint) => hint.criterionId)).toEqual(['gate']);
  });
});

describe('all required criteria', () => {
  it('optional criteria never block, not-applicable ones are neither met nor failed', () => {
    const set = buildSet([
      yesNo('a', '1'),
      yesNo('b', '2', { required: false }),
      yesNo('c', '3', { appliesTo: { unitKinds: ['ward'] } }),
    ]);
    const result = evaluate(set, { a: { value: true }, b: { value: false } }, { unit: { kind: 'commune' } });
    expect(result.status).toBe('met');
    expect(result.criteria.map((c) => c.status)).toEqual(['met', 'notMet', 'notApplicable']);
  });

  it('a missing input is not assessed, not a failure', () => {
    const set = buildSet([yesNo('a', '1'), yesNo('b', '2')]);
    const result = evaluate(set, { a: { value: true } }, { unit: { kind: 'commune' } });
    expect(result.status).toBe('notAssessed');
    expect(result.missingInputs).toEqual(['b']);
    expect(result.summary).toBe('Chưa đủ kết quả: còn 1 tiêu chí chưa có số liệu.');
  });

  it('evaluates nested groups bottom-up', () => {
    const set = buildSet([
      noneOfThese(),
      yesNo('plan', '1'),
    ]);
    const result = evaluate(set, { 'g1.a': { value: false }, 'g1.b': { value: true }, plan: { value: true } }, { unit: { kind: 'commune' } });
    expect(result.criteria.map((c) => [c.id, c.status, c.parentId ?? null])).toEqual([
      ['g1', 'notMet', null],
      ['g1.a', 'met', 'g1'],
      ['g1.b', 'notMet', 'g1'],
      ['plan', 'met', null],
    ]);
    expect(result.criteria[2]!.reason).toBe('Chưa đạt: có (yêu cầu không)');
    expect(result.status).toBe('notMet');
    expect(result.whatWouldChange).toEqual([{ criterionId: 'g1.b', code: '3.b', text: 'chuyển thành “không”' }]);
  });

  it('criteria outside their effective dates do not apply', () => {
    const set = buildSet([yesNo('old', '1', { effectiveTo: '2022-02-09' }), yesNo('new', '2', { effectiveFrom: '2022-02-10' })]);
    const result = evaluate(set, { new: { value: true } }, { unit: { kind: 'commune' }, asOf: '2023-11-15' });
    expect(result.criteria[0]!.status).toBe('notApplicable');
    expect(result.status).toBe('met');
  });

  it('a set for other unit kinds is not applicable at all', () => {
    const set = buildSet([yesNo('a', '1')], { unitKinds: ['ward'] });
    const result = evaluate(set, { a: { value: true } }, { unit: { kind: 'commune' } });
    expect(result.status).toBe('notApplicable');
    expect(result.reason).toContain('“xã”');
  });
});

describe('measures', () => {
  const crime: CriterionDefinition = { id: 'crime', code: '2', title: { vi: 'Trọng án' }, measure: { type: 'number', comparator: '=', threshold: 0, unit: 'vụ' } };
  const trend: CriterionDefinition = { id: 'trend', code: '3', title: { vi: 'Tội phạm giảm' }, measure: { type: 'change', comparator: '<=', thresholdPercent: -5, unit: 'vụ' } };

  it.each([
    [{ value: 0 }, 'met', 'Đạt: 0 vụ (yêu cầu = 0 vụ)'],
    [{ value: 2 }, 'notMet', 'Chưa đạt: 2 vụ (yêu cầu = 0 vụ)'],
    [{ value: 'hai' as unknown as number }, 'notAssessed', 'Giá trị không hợp lệ: cần một số'],
    [{}, 'notAssessed', 'Chưa đánh giá: chưa có số liệu'],
  ])('a number against a threshold: %j → %s', (input, status, reason) => {
    const result = evaluate(buildSet([crime]), { crime: input }, { unit: { kind: 'commune' } });
    expect(result.criteria[0]).toMatchObject({ status, reason });
  });

  it.each([
    [94, 100, 'met', 'Đạt: giảm 6% (94 vụ so với 100 vụ kỳ trước), yêu cầu giảm ≥ 5%'],
    [95, 100, 'met', 'Đạt: giảm 5% (95 vụ so với 100 vụ kỳ trước), yêu cầu giảm ≥ 5%'],
    [96, 100, 'notMet', 'Chưa đạt: giảm 4% (96 vụ so với 100 vụ kỳ trước), yêu cầu giảm ≥ 5%'],
    [3, 0, 'notMet', 'Chưa đạt: tăng (kỳ trước bằng 0) (3 vụ so với 0 vụ kỳ trước), yêu cầu giảm ≥ 5%'],
    [0, 0, 'met', 'Đạt: cả hai kỳ đều bằng 0 (yêu cầu giảm ≥ 5%)'],
  ])('change against the previous period: %d vs %d → %s', (value, previousValue, status, reason) => {
    const result = evaluate(buildSet([trend]), { trend: { value, previousValue } }, { unit: { kind: 'commune' } });
    expect(result.criteria[0]).toMatchObject({ status, reason });
  });

  it('a change without last period’s figure is not assessed', () => {
    const result = evaluate(buildSet([trend]), { trend: { value: 10 } }, { unit: { kind: 'commune' } });
    expect(result.criteria[0]!.status).toBe('notAssessed');
  });

  it('says how far a change is from its bar', () => {
    const result = evaluate(buildSet([trend]), { trend: { value: 98, previousValue: 100 } }, { unit: { kind: 'commune' } });
    expect(result.whatWouldChange[0]!.text).toBe('giảm ≥ 5% (tức khoảng 95 vụ trở xuống)');
  });

  it('follows another program’s outcome for the same unit (19.2 of 2021–2025 follows TT124)', () => {
    const set = buildSet(
      [{ id: 'tt124', code: '19.2.1', title: { vi: 'Đạt chuẩn “An toàn về ANTT”' }, measure: { type: 'programOutcome', programId: 'safeSecurityOrder' } }],
      { programId: 'newRural192' },
    );
    expect(evaluate(set, {}, { unit: { kind: 'commune' }, programOutcomes: { safeSecurityOrder: 'met' } }).status).toBe('met');
    expect(evaluate(set, {}, { unit: { kind: 'commune' }, programOutcomes: { safeSecurityOrder: 'notMet' } }).status).toBe('notMet');
    expect(evaluate(set, {}, { unit: { kind: 'commune' } }).status).toBe('notAssessed');
  });

  it('evidence-only criteria need a document', () => {
    const set = buildSet([{ id: 'minutes', code: '1', title: { vi: 'Biên bản họp' }, measure: { type: 'evidence', documentKind: 'biên bản' } }]);
    expect(evaluate(set, { minutes: { evidence: [{ documentRef: 'doc-1', contentHash: 'sha256:ab' }] } }, { unit: { kind: 'commune' } }).status).toBe('met');
    expect(evaluate(set, {}, { unit: { kind: 'commune' } }).status).toBe('notAssessed');
    const refused = evaluate(set, { minutes: { value: false } }, { unit: { kind: 'commune' } });
    expect(refused.criteria[0]).toMatchObject({ status: 'notMet', reason: 'Chưa đạt: không có biên bản' });
  });

  it('rejects a boolean answer given as text without failing the unit', () => {
    const result = evaluate(buildSet([yesNo('a', '1')]), { a: { value: 'yes' as unknown as boolean } }, { unit: { kind: 'commune' } });
    expect(result.status).toBe('notAssessed');
    expect(result.invalidInputs).toEqual(['a']);
  });
});

describe('100-point sheet graded into bands', () => {
  const bands: GradeBand[] = [
    { grade: 'excellent', title: { vi: 'Xuất sắc' }, minScore: 90, passing: true, requires: 'allCritical' },
    { grade: 'good', title: { vi: 'Khá' }, minScore: 70, passing: true },
    { grade: 'average', title: { vi: 'Trung bình' }, minScore: 50, passing: true },
    { grade: 'weak', title: { vi: 'Yếu' }, minScore: 0, passing: false },
  ];
  const sheet: CriterionDefinition[] = [
    { id: 's1', code: '1', title: { vi: 'Nghị quyết, kế hoạch' }, measure: { type: 'score', maxPoints: 30 } },
    { id: 's2', code: '2', title: { vi: 'Tuyên truyền' }, measure: { type: 'score', maxPoints: 30 } },
    { id: 's3', code: '3', title: { vi: 'Ngày hội' }, measure: { type: 'score', maxPoints: 40 } },
    { id: 'gate', code: '4', title: { vi: 'Không để xảy ra trọng án' }, measure: { type: 'boolean' }, critical: true, required: false, weight: 0 },
  ];
  const set = buildSet(sheet, { rule: { type: 'score', bands } });
  const score = (a: number, b: number, c: number, gate = true) =>
    evaluate(set, { s1: { value: a }, s2: { value: b }, s3: { value: c }, gate: { value: gate } }, { unit: { kind: 'commune' } });

  it.each([
    [30, 30, 35, 'excellent', 'met'],
    [25, 25, 25, 'good', 'met'],
    [20, 20, 15, 'average', 'met'],
    [10, 10, 10, 'weak', 'notMet'],
  ])('%d + %d + %d → %s', (a, b, c, grade, status) => {
    const result = score(a, b, c);
    expect(result.grade?.grade).toBe(grade);
    expect(result.status).toBe(status);
  });

  it('drops from excellent to good when a critical criterion fails', () => {
    const result = score(30, 30, 35, false);
    expect(result.grade?.grade).toBe('good');
    expect(result.reason).toMatch(/^Xếp loại Khá: 95/);
  });

  it('says how many points a weak unit lacks', () => {
    expect(score(10, 10, 10).whatWouldChange[0]).toMatchObject({ needed: 20, text: 'thêm 20 điểm để xếp loại Trung bình' });
  });

  it('reports the grades still possible while items are unscored', () => {
    const result = evaluate(set, { s1: { value: 30 }, s2: { value: 30 }, gate: { value: true } }, { unit: { kind: 'commune' } });
    expect(result.status).toBe('notAssessed');
    expect(result.detail).toMatchObject({ type: 'score', possibleGrades: ['excellent', 'good', 'average'] });
  });

  it('refuses a score above the maximum', () => {
    const result = score(31, 30, 35);
    expect(result.invalidInputs).toEqual(['s1']);
    expect(result.criteria[0]!.reason).toBe('Giá trị không hợp lệ: cần số điểm từ 0 đến 30');
  });
});

describe('purity', () => {
  it('gives the same result for the same input and does not mutate it', () => {
    const set = buildSet([yesNo('a', '1'), share(70)]);
    const inputs = Object.freeze({ a: Object.freeze({ value: true }) });
    const context = Object.freeze({ unit: Object.freeze({ kind: 'commune' }), children: Object.freeze(children('residentialArea', 10, 7)) });
    const first = evaluate(set, inputs, context);
    const second = evaluate(set, inputs, context);
    expect(second).toEqual(first);
    expect(JSON.parse(JSON.stringify(first))).toEqual(JSON.parse(JSON.stringify(second)));
  });
});

describe('summarizeEvaluation', () => {
  it('keeps everything but the criteria list, and the criteria and groups not met in order', () => {
    const set = buildSet([
      noneOfThese(),
      yesNo('plan', '1'),
      yesNo('patrol', '2'),
    ]);
    const evaluation = evaluate(set, { 'g1.a': { value: false }, 'g1.b': { value: true }, plan: { value: true }, patrol: { value: false } }, { unit: { kind: 'commune' } });
    const { criteria, ...rest } = evaluation;
    const summary = summarizeEvaluation(evaluation);
    expect(summary.failingCriteria.map((c) => c.id)).toEqual(['g1', 'g1.b', 'patrol']);
    expect(summary.failingCriteria[1]).toBe(criteria[2]);
    expect(summary).toEqual({ ...rest, failingCriteria: summary.failingCriteria });
    expect('criteria' in summary).toBe(false);
  });
});
