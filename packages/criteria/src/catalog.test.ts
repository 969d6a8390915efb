import { describe, expect, it } from 'vitest';
import { createCatalog, parseCriteriaSet, type Program } from './catalog.ts';
import type { CriteriaSetDefinition } from './definition.ts';
import { evaluate } from './engine.ts';
import { children } from './testing/build.ts';

const programs: Program[] = [
  { id: 'safeSecurityOrder', title: { vi: 'An toàn về an ninh, trật tự' } },
  { id: 'newRural192', title: { vi: 'Chỉ tiêu 19.2 nông thôn mới' } },
  { id: 'newRuralModelSecurity', title: { vi: 'Xã nông thôn mới kiểu mẫu — lĩnh vực ANTT' } },
];

function nationalSet(overrides: Partial<CriteriaSetDefinition> = {}): CriteriaSetDefinition {
  return {
    schemaVersion: 1,
    id: 'ntm-19-2',
    version: 1,
    programId: 'newRural192',
    owner: { scope: 'national' },
    status: 'published',
    title: { vi: 'Chỉ tiêu 19.2 (2016–2020)' },
    appliesTo: { unitKinds: ['commune'] },
    rule: { type: 'all' },
    criteria: [
      { id: 'ntm.complaints', code: '19.2.1', title: { vi: 'Không có khiếu kiện đông người kéo dài' }, measure: { type: 'number', comparator: '=', threshold: 0 } },
      { id: 'ntm.serious-crime', code: '19.2.2', title: { vi: 'Không có trọng án' }, measure: { type: 'number', comparator: '=', threshold: 0 } },
      {
        id: 'ntm.kdc-share',
        code: '19.2.3',
        title: { vi: 'Tỷ lệ khu dân cư đạt chuẩn an toàn' },
        measure: { type: 'childShare', programId: 'safeSecurityOrder', childKinds: ['residentialArea'], comparator: '>=', thresholdPercent: 70 },
      },
    ],
    ...overrides,
  };
}

function haiPhongVariant(overrides: Partial<CriteriaSetDefinition> = {}): CriteriaSetDefinition {
  return {
    schemaVersion: 1,
    id: 'hai-phong-model-ntm',
    version: 1,
    programId: 'newRuralModelSecurity',
    owner: { scope: 'province', provinceCode: '31' },
    status: 'published',
    title: { vi: 'Xã NTM kiểu mẫu thành phố Hải Phòng — tiêu chí 16' },
    appliesTo: { unitKinds: ['commune'] },
    extends: { setId: 'ntm-19-2', version: 1 },
    changes: [
      {
        op: 'add',
        criterion: { id: 'hp.criterion-16', code: '16', title: { vi: 'Tiêu chí 16: giữ vững an ninh, trật tự xã hội nông thôn' }, measure: { type: 'boolean' }, unverified: true },
      },
      { op: 'override', targetId: 'ntm.kdc-share', set: { measure: { thresholdPercent: 90 } } },
    ],
    ...overrides,
  };
}

describe('parseCriteriaSet: bad definitions give precise paths', () => {
  it.each([
    [
      'a threshold given as text',
      (set: Record<string, unknown>) => {
        const criteria = set['criteria'] as Array<Record<string, unknown>>;
        criteria[1] = { ...criteria[1], measure: { type: 'number', comparator: '=', threshold: 'không' } };
      },
      'criteria[1].measure.threshold',
      'expected a number',
    ],
    [
      'an unknown measure type',
      (set: Record<string, unknown>) => {
        const criteria = set['criteria'] as Array<Record<string, unknown>>;
        criteria[0] = { ...criteria[0], measure: { type: 'vibes' } };
      },
      'criteria[0].measure.type',
      'expected one of',
    ],
    [
      'a negative count of cases',
      (set: Record<string, unknown>) => {
        const criteria = set['criteria'] as Array<Record<string, unknown>>;
        criteria[1] = { ...criteria[1], measure: { type: 'number', comparator: '<=', threshold: -2 } };
      },
      'criteria[1].measure.threshold',
      'không được âm',
    ],
    [
      'a count that must be below zero',
      (set: Record<string, unknown>) => {
        const criteria = set['criteria'] as Array<Record<string, unknown>>;
        criteria[0] = { ...criteria[0], measure: { type: 'number', comparator: '<', threshold: 0 } };
      },
      'criteria[0].measure.threshold',
      'không bao giờ đạt',
    ],
    ['a misspelt field', (set: Record<string, unknown>) => void (set['titel'] = { vi: 'x' }), '', 'unknown field "titel"'],
    ['a percentage above 100', (set: Record<string, unknown>) => {
      const criteria = set['criteria'] as Array<Record<string, unknown>>;
      criteria[2] = { ...criteria[2], measure: { type: 'childShare', programId: 'safeSecurityOrder', childKinds: ['residentialArea'], comparator: '>=', thresholdPercent: 170 } };
    }, 'criteria[2].measure.thresholdPercent', 'expected a percentage from 0 to 100'],
    ['a missing Vietnamese title', (set: Record<string, unknown>) => void (set['title'] = { en: 'Indicator 19.2' }), 'title.vi', 'expected a text'],
    ['a bad province code', (set: Record<string, unknown>) => void (set['owner'] = { scope: 'province', provinceCode: 'HP' }), 'owner.provinceCode', 'expected a 2-digit province code'],
    ['a criterion with both a measure and sub-criteria', (set: Record<string, unknown>) => {
      const criteria = set['criteria'] as Array<Record<string, unknown>>;
      criteria[0] = { ...criteria[0], criteria: [{ id: 'x', code: 'x', title: { vi: 'x' }, measure: { type: 'boolean' } }] };
    }, 'criteria[0].criteria', 'either a measure or sub-criteria'],
    ['bands out of order', (set: Record<string, unknown>) => void (set['rule'] = { type: 'score', bands: [
      { grade: 'weak', title: { vi: 'Yếu' }, minScore: 0, passing: false },
      { grade: 'good', title: { vi: 'Khá' }, minScore: 70, passing: true },
    ] }), 'rule.bands[1].minScore', 'highest minScore down'],
    ['an invalid date', (set: Record<string, unknown>) => void (set['effectiveFrom'] = '2022-13-01'), 'effectiveFrom', 'YYYY-MM-DD'],
    ['an atLeast rule with both count and percent', (set: Record<string, unknown>) => void (set['rule'] = { type: 'atLeast', count: 2, percent: 50 }), 'rule', 'exactly one of count, percent'],
  ])('%s', (_name, mutate, path, message) => {
    const raw = JSON.parse(JSON.stringify(nationalSet())) as unknown as Record<string, unknown>;
    mutate(raw);
    const parsed = parseCriteriaSet(raw);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const issue = parsed.errors.find((candidate) => candidate.path === path);
    expect(issue, JSON.stringify(parsed.errors)).toBeDefined();
    expect(issue!.message).toContain(message);
    expect(issue!.code).toBe('invalidShape');
  });

  it('never throws on garbage', () => {
    for (const garbage of [null, undefined, 42, 'bộ tiêu chí', [], { criteria: 'many' }]) {
      expect(parseCriteriaSet(garbage).ok).toBe(false);
    }
  });
});

describe('createCatalog: references, extension and cycles', () => {
  it('resolves a province variant: inherits, adds criterion 16 and overrides a threshold', () => {
    const catalog = createCatalog({ programs, sets: [nationalSet(), haiPhongVariant()] });
    expect(catalog.ok).toBe(true);
    if (!catalog.ok) return;
    const variant = catalog.value.get({ setId: 'hai-phong-model-ntm', version: 1 })!;
    expect(variant.criteria.map((c) => c.code)).toEqual(['19.2.1', '19.2.2', '19.2.3', '16']);
    expect(variant.lineage).toEqual([{ setId: 'hai-phong-model-ntm', version: 1 }, { setId: 'ntm-19-2', version: 1 }]);
    const share = variant.criteria[2]!;
    expect(share.measure).toMatchObject({ type: 'childShare', thresholdPercent: 90, childKinds: ['residentialArea'] });
    expect(share.origin).toEqual({ setId: 'hai-phong-model-ntm', version: 1 });
    expect(variant.criteria[0]!.origin).toEqual({ setId: 'ntm-19-2', version: 1 });
    // The parent is untouched by its child's overrides.
    expect(catalog.value.get({ setId: 'ntm-19-2', version: 1 })!.criteria[2]!.measure).toMatchObject({ thresholdPercent: 70 });

    const inputs = { 'ntm.complaints': { value: 0 }, 'ntm.serious-crime': { value: 0 }, 'hp.criterion-16': { value: true } };
    const context = { unit: { kind: 'commune' }, children: children('residentialArea', 10, 8) };
    expect(evaluate(catalog.value.get({ setId: 'ntm-19-2', version: 1 })!, inputs, context).status).toBe('met');
    const result = evaluate(variant, inputs, context);
    expect(result.status).toBe('notMet');
    expect(result.summary).toContain('thêm 1 khu dân cư đạt');
  });

  it('removes an inherited criterion and inserts after a sibling', () => {
    const variant = haiPhongVariant({
      changes: [
        { op: 'remove', targetId: 'ntm.complaints', reason: 'Không áp dụng ở đặc khu' },
        { op: 'add', after: 'ntm.serious-crime', criterion: { id: 'hp.cameras', code: '19.2.2a', title: { vi: 'Có camera an ninh' }, measure: { type: 'boolean' } } },
      ],
    });
    const catalog = createCatalog({ programs, sets: [nationalSet(), variant] });
    expect(catalog.ok && catalog.value.get({ setId: 'hai-phong-model-ntm', version: 1 })!.criteria.map((c) => c.id)).toEqual([
      'ntm.serious-crime',
      'hp.cameras',
      'ntm.kdc-share',
    ]);
  });

  it('drops an inherited rule field with null and inherits the period scheme', () => {
    const parent = nationalSet({ rule: { type: 'atLeast', count: 3 }, periodSchemeId: 'tt124' });
    const variant = haiPhongVariant({ rule: undefined, changes: [] });
    const withRule = { ...variant, changes: [], rule: { type: 'atLeast' as const, percent: 60 } };
    const catalog = createCatalog({ programs, sets: [parent, withRule] });
    expect(catalog.ok).toBe(true);
    if (!catalog.ok) return;
    const resolved = catalog.value.get({ setId: 'hai-phong-model-ntm', version: 1 })!;
    expect(resolved.rule).toEqual({ type: 'atLeast', percent: 60 });
    expect(resolved.periodSchemeId).toBe('tt124');
    const group = nationalSet({
      criteria: [{ id: 'g', code: 'G', title: { vi: 'Nhóm' }, rule: { type: 'atLeast', count: 1 }, criteria: [{ id: 'g.1', code: 'G.1', title: { vi: 'Một' }, measure: { type: 'boolean' } }, { id: 'g.2', code: 'G.2', title: { vi: 'Hai' }, measure: { type: 'boolean' } }] }],
    });
    const switched = haiPhongVariant({ changes: [{ op: 'override', targetId: 'g', set: { rule: { count: null, percent: 100 } } }] });
    const second = createCatalog({ programs, sets: [group, switched] });
    expect(second.ok && second.value.get({ setId: 'hai-phong-model-ntm', version: 1 })!.criteria[0]!.rule).toEqual({ type: 'atLeast', percent: 100 });
  });

  it.each([
    ['an unknown parent set', [haiPhongVariant()], 'unknownSet', 'extends'],
    [
      "a province's set extending another province's",
      [nationalSet({ id: 'ha-noi-19-2', owner: { scope: 'province', provinceCode: '01' }, status: 'draft' }), haiPhongVariant({ status: 'draft', extends: { setId: 'ha-noi-19-2', version: 1 } })],
      'foreignParent',
      'extends',
    ],
    [
      "a national set extending a province's",
      [haiPhongVariant({ id: 'hp-base', extends: undefined, changes: undefined, rule: { type: 'all' }, criteria: [{ id: 'hp.a', code: 'A', title: { vi: 'A' }, measure: { type: 'boolean' } }] }), nationalSet({ extends: { setId: 'hp-base', version: 1 }, criteria: undefined, programId: 'newRuralModelSecurity' })],
      'foreignParent',
      'extends',
    ],
    [
      'an override of a criterion that does not exist',
      [nationalSet(), haiPhongVariant({ changes: [{ op: 'override', targetId: 'ntm.nothing', set: { required: false } }] })],
      'unknownTarget',
      'changes[0].targetId',
    ],
    [
      'an override that makes a count negative, named where the caller wrote it',
      [nationalSet(), haiPhongVariant({ changes: [{ op: 'override', targetId: 'ntm.serious-crime', set: { measure: { threshold: -1 } } }] })],
      'invalidShape',
      'changes[0].set.measure.threshold',
    ],
    [
      'an override that breaks the measure',
      [nationalSet(), haiPhongVariant({ changes: [{ op: 'override', targetId: 'ntm.kdc-share', set: { measure: { thresholdPercent: 'nhiều' } } }] })],
      'invalidShape',
      'changes[0].set.measure.thresholdPercent',
    ],
    [
      'an added criterion that reuses an inherited code',
      [nationalSet(), haiPhongVariant({ changes: [{ op: 'add', criterion: { id: 'hp.dup', code: '19.2.1', title: { vi: 'Trùng mã' }, measure: { type: 'boolean' } } }] })],
      'duplicateCode',
      'criteria[3].code',
    ],
    [
      'an added criterion that reuses an inherited id',
      [nationalSet(), haiPhongVariant({ changes: [{ op: 'add', criterion: { id: 'ntm.complaints', code: '99', title: { vi: 'Trùng id' }, measure: { type: 'boolean' } } }] })],
      'duplicateId',
      'criteria[3].id',
    ],
    ['a set of an unknown program', [nationalSet({ programId: 'noSuchProgram' })], 'unknownProgram', 'programId'],
    [
      'a share of children in an unknown program',
      [nationalSet({ criteria: [{ id: 'x', code: '1', title: { vi: 'x' }, measure: { type: 'childShare', programId: 'ghost', childKinds: ['residentialArea'], comparator: '>=', thresholdPercent: 70 } }] })],
      'unknownProgram',
      'criteria[0].measure.programId',
    ],
    ['an N-of-M rule asking for more criteria than exist', [nationalSet({ rule: { type: 'atLeast', count: 4 } })], 'inconsistentRule', 'rule.count'],
    [
      'a published variant of a draft parent',
      [nationalSet({ status: 'draft' }), haiPhongVariant()],
      'immutable',
      'extends',
    ],
  ])('%s is an error', (_name, sets, code, path) => {
    const catalog = createCatalog({ programs, sets });
    expect(catalog.ok).toBe(false);
    if (catalog.ok) return;
    expect(catalog.errors, JSON.stringify(catalog.errors)).toContainEqual(expect.objectContaining({ code, path }));
  });

  it('reports a cycle in "extends" instead of looping', () => {
    const a = haiPhongVariant({ id: 'a', extends: { setId: 'b', version: 1 } });
    const b = haiPhongVariant({ id: 'b', extends: { setId: 'a', version: 1 } });
    const catalog = createCatalog({ programs, sets: [a, b] });
    expect(catalog.ok).toBe(false);
    if (catalog.ok) return;
    expect(catalog.errors.filter((issue) => issue.code === 'extendsCycle').map((issue) => issue.set).sort()).toEqual(['a@1', 'b@1']);
  });

  it('reports a cycle between programs that follow each other’s outcome', () => {
    const follows = (id: string, programId: string, other: string) =>
      nationalSet({ id, programId, criteria: [{ id: `${id}.follow`, code: '1', title: { vi: 'Theo chương trình khác' }, measure: { type: 'programOutcome', programId: other } }] });
    const catalog = createCatalog({ programs, sets: [follows('x', 'newRural192', 'safeSecurityOrder'), follows('y', 'safeSecurityOrder', 'newRural192')] });
    expect(catalog.ok).toBe(false);
    if (catalog.ok) return;
    expect(catalog.errors).toContainEqual(expect.objectContaining({ code: 'programCycle', message: expect.stringContaining('newRural192 → safeSecurityOrder → newRural192') }));
  });

  it('rejects a set defined twice and unknown unit kinds', () => {
    const catalog = createCatalog({ programs, sets: [nationalSet(), nationalSet({ appliesTo: { unitKinds: ['villageish'] } })], unitKinds: ['commune', 'residentialArea'] });
    expect(catalog.ok).toBe(false);
    if (catalog.ok) return;
    expect(catalog.errors.map((issue) => issue.code)).toContain('duplicateSet');
    const other = createCatalog({ programs, sets: [nationalSet({ appliesTo: { unitKinds: ['villageish'] } })], unitKinds: ['commune', 'residentialArea'] });
    expect(!other.ok && other.errors).toContainEqual(expect.objectContaining({ code: 'unknownUnitKind', path: 'appliesTo.unitKinds[0]' }));
  });

  it('lists versions oldest first', () => {
    const catalog = createCatalog({ programs, sets: [nationalSet({ version: 2 }), nationalSet()] });
    expect(catalog.ok && catalog.value.versions('ntm-19-2').map((set) => set.ref.version)).toEqual([1, 2]);
  });
});
