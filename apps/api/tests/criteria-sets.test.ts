import { nationalPrograms, nationalTemplates, tt124Commune, type CriteriaSetDefinition } from '@antt/criteria';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { databaseKindsUnderTest, startTestApi, unexpected, type TestApi } from './harness.ts';

const BASE = { setId: 'tt124-commune', version: 1 };
const COMMUNE_KINDS = ['commune', 'ward', 'specialZone', 'township'];
const VERSION = `__typename
  ... on CriteriaSetVersion { setId version status revision definition extendsSetId extendsVersion publishedAt retiredAt }
  ... on Error { code message }
  ... on ValidationError { issues { code path message set } }`;
const RESULT = `${VERSION} ... on ConflictError { currentRevision }`;
const CREATE = `mutation($input: CreateCriteriaSetDraftInput!) { r: createCriteriaSetDraft(input: $input) { ${VERSION} } }`;
const UPDATE = `mutation($setId: String!, $version: Int!, $revision: Int!, $definition: JSON!) {
  r: updateCriteriaSetDraft(setId: $setId, version: $version, revision: $revision, definition: $definition) { ${RESULT} } }`;
const STATUS = (verb: 'publish' | 'retire') => `mutation($setId: String!, $version: Int!, $revision: Int!) {
  r: ${verb}CriteriaSetVersion(setId: $setId, version: $version, revision: $revision) { ${RESULT} } }`;
const VALIDATE = `query($definition: JSON!) { r: validateCriteriaSetDefinition(definition: $definition) { valid issues { code path message set } } }`;
const DIFF = `changes { criterionId code kind field before after severity } breaking breakingCount safeCount`;

type Version = { setId: string; version: number; revision: number; definition: CriteriaSetDefinition; [key: string]: any };

/** A small standalone province set; `patch` replaces top-level fields. */
function standalone(id: string, patch: Record<string, unknown> = {}): Record<string, unknown> {
  const definition: Record<string, unknown> = {
    schemaVersion: 1,
    id,
    version: 1,
    programId: 'safeSecurityOrder',
    owner: { scope: 'province', provinceCode: '31' },
    status: 'draft',
    title: { vi: 'Bộ tiêu chí thử nghiệm' },
    appliesTo: { unitKinds: ['commune'] },
    rule: { type: 'all' },
    criteria: [
      { id: `${id}.plan`, code: '1', title: { vi: 'Có kế hoạch' }, measure: { type: 'boolean' } },
      { id: `${id}.incidents`, code: '2', title: { vi: 'Số vụ việc' }, measure: { type: 'number', comparator: '<=', threshold: 0, unit: 'vụ' } },
    ],
    ...patch,
  };
  return definition;
}

const criterion16 = (id: string, patch: Record<string, unknown> = {}) => ({
  op: 'add',
  criterion: { id, code: '16', title: { vi: 'Tiêu chí 16 của thành phố' }, measure: { type: 'boolean' }, ...patch },
});
const threshold = (thresholdPercent: number) => ({ op: 'override', targetId: 'tt124-commune.children.recognised', set: { measure: { thresholdPercent } } });

describe.each(databaseKindsUnderTest())('criteria sets on %s', (kind) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi(kind);
  });
  afterAll(() => t?.close());
  afterEach(() => {
    expect(unexpected.splice(0), 'masked server errors').toEqual([]);
  });

  /** Runs a query whose result is aliased `r`, failing on any GraphQL error. */
  async function run(query: string, variables?: Record<string, unknown>): Promise<any> {
    const { data, errors } = await t.gql(query, variables);
    expect(errors).toBeUndefined();
    return data!.r;
  }
  const create = (input: Record<string, unknown>) => run(CREATE, { input });
  const update = (v: Pick<Version, 'setId' | 'version' | 'revision'>, definition: unknown) =>
    run(UPDATE, { setId: v.setId, version: v.version, revision: v.revision, definition });
  const setStatus = (verb: 'publish' | 'retire', v: Pick<Version, 'setId' | 'version' | 'revision'>) =>
    run(STATUS(verb), { setId: v.setId, version: v.version, revision: v.revision });
  const ok = (result: any): Version => {
    expect(result.__typename, JSON.stringify(result)).toBe('CriteriaSetVersion');
    return result;
  };
  /** Hải Phòng's variant of the national TT124 commune set, freshly created. */
  const variant = async (setId: string) =>
    ok(await create({ extendFrom: BASE, setId, provinceCode: '31', title: 'An toàn về ANTT — Hải Phòng' }));
  const withChanges = (v: Version, changes: unknown[]) => ({ ...v.definition, changes });

  /** Everything stored about criteria sets, to assert that a refused request changed nothing. */
  const snapshot = async () => ({
    sets: await t.db.prisma.criteriaSet.findMany({ orderBy: { id: 'asc' }, select: { id: true, programId: true, ownerScope: true, provinceCode: true } }),
    versions: await t.db.prisma.criteriaSetVersion.findMany({
      orderBy: [{ setId: 'asc' }, { version: 'asc' }],
      select: { setId: true, version: true, status: true, revision: true, definition: true, extendsSetId: true, publishedAt: true, retiredAt: true },
    }),
  });
  const stored = async (setId: string, version: number) =>
    t.db.prisma.criteriaSetVersion.findUniqueOrThrow({ where: { setId_version: { setId, version } }, select: { status: true, revision: true, definition: true } });

  it('lists the programs and national templates, with unverified criteria and their provenance', async () => {
    const { data, errors } = await t.gql(`{
      programs { id title sets { id } }
      national: criteriaSets(programId: "safeSecurityOrder", first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { id ownerScope } } }
      all: criteriaSets { totalCount edges { node { ownerScope } } }
      haiPhong: criteriaSets(provinceCode: "31") { totalCount edges { node { id provinceCode program { id } } } }
      v: criteriaSetVersion(setId: "tt124-commune", version: 1) { ... on CriteriaSetVersion { status set { title program { id } }
        criteria { id code depth parentId required unverified measureType expected provenance originSetId originVersion } } }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.programs.map((p: any) => p.id)).toEqual(nationalPrograms.map((p) => p.id).sort());
    const national = [...new Set(nationalTemplates.filter((set) => set.programId === 'safeSecurityOrder').map((set) => set.id))].sort();
    expect(data!.national.totalCount).toBe(national.length);
    expect(data!.national.edges.map((e: any) => e.node.id)).toEqual(national.slice(0, 2));
    expect(data!.national.pageInfo.hasNextPage).toBe(true);
    const next = await t.gql(`query($after: String) { criteriaSets(programId: "safeSecurityOrder", after: $after) { edges { node { id } } } }`, {
      after: data!.national.pageInfo.endCursor,
    });
    expect(next.data!.criteriaSets.edges.map((e: any) => e.node.id)).toEqual(national.slice(2));
    expect(data!.all.totalCount).toBe(new Set(nationalTemplates.map((set) => set.id)).size);
    expect(data!.all.edges.every((e: any) => e.node.ownerScope === 'national')).toBe(true);
    expect(data!.haiPhong.edges).toContainEqual({ node: { id: 'hai-phong-model-ntm-commune-2020', provinceCode: '31', program: { id: 'newRuralModelSecurity' } } });
    expect(data!.haiPhong.totalCount).toBe(data!.haiPhong.edges.length);

    const version = data!.v;
    expect(version.status).toBe('published');
    expect(version.set).toEqual({ title: tt124Commune.title.vi, program: { id: 'safeSecurityOrder' } });
    const leavesAndGroups = JSON.stringify(tt124Commune.criteria).match(/"id":/g)!.length;
    expect(version.criteria).toHaveLength(leavesAndGroups);
    expect(version.criteria.filter((c: any) => c.unverified).map((c: any) => c.code)).toEqual(['3.3', '6']);
    expect(version.criteria.find((c: any) => c.code === '3.3')).toMatchObject({
      depth: 1,
      parentId: 'tt124-commune.kdc-criteria',
      required: true,
      provenance: { article: 'Điều 4', clause: 'Khoản 4', confidence: 'unverified' },
    });
    expect(version.criteria.find((c: any) => c.code === '6')).toMatchObject({ required: false, provenance: { confidence: 'unverified' } });
    expect(version.criteria.find((c: any) => c.code === '5.2')).toMatchObject({ measureType: 'childShare', expected: '≥ 70%' });
    expect(version.criteria.every((c: any) => c.originSetId === 'tt124-commune' && c.originVersion === 1 && c.provenance)).toBe(true);
  });

  it('lets Hải Phòng extend a national set, add criterion 16 and loosen a threshold, and diffs the result', async () => {
    const draft = await variant('hai-phong-tt124-commune');
    expect(draft).toMatchObject({ version: 1, status: 'draft', revision: 1, extendsSetId: 'tt124-commune', extendsVersion: 1 });
    expect(draft.definition).toMatchObject({ owner: { scope: 'province', provinceCode: '31' }, extends: BASE, changes: [], effectiveFrom: tt124Commune.effectiveFrom });
    expect(await t.db.prisma.criteriaSet.findUnique({ where: { id: draft.setId }, select: { ownerScope: true, provinceCode: true, programId: true } })).toEqual({
      ownerScope: 'province',
      provinceCode: '31',
      programId: 'safeSecurityOrder',
    });

    const edited = ok(await update(draft, withChanges(draft, [criterion16('hai-phong.c16'), threshold(60)])));
    expect(edited.revision).toBe(2);
    expect((await stored(draft.setId, 1)).definition).toEqual(edited.definition);
    const { data } = await t.gql(`{ v: criteriaSetVersion(setId: "hai-phong-tt124-commune", version: 1) { ... on CriteriaSetVersion {
      criteria { code expected originSetId } diffWithParent { fromSetId toSetId ${DIFF} } } } }`);
    const diff = data!.v.diffWithParent;
    expect(diff).toMatchObject({ fromSetId: 'tt124-commune', toSetId: 'hai-phong-tt124-commune', breaking: true, breakingCount: 1, safeCount: 1 });
    expect(diff.changes.map(({ criterionId, code, kind, field, before, after, severity }: any) => ({ criterionId, code, kind, field, before, after, severity }))).toEqual([
      { criterionId: 'tt124-commune.children.recognised', code: '5.2', kind: 'changed', field: 'measure.thresholdPercent', before: 70, after: 60, severity: 'safe' },
      { criterionId: 'hai-phong.c16', code: '16', kind: 'added', field: null, before: null, after: expect.objectContaining({ code: '16' }), severity: 'breaking' },
    ]);
    const byCode = new Map(data!.v.criteria.map((c: any) => [c.code, c]));
    expect(byCode.get('16')).toEqual({ code: '16', expected: 'có', originSetId: 'hai-phong-tt124-commune' });
    expect(byCode.get('5.2')).toEqual({ code: '5.2', expected: '≥ 60%', originSetId: 'hai-phong-tt124-commune' });
    expect(byCode.get('4')).toMatchObject({ originSetId: 'tt124-commune' });

    // Version 2 copies version 1 and raises the threshold to 80%: one breaking change between them.
    const v2 = ok(await create({ cloneFrom: { setId: draft.setId, version: 1 } }));
    expect(v2).toMatchObject({ version: 2, status: 'draft', revision: 1, extendsSetId: 'tt124-commune' });
    ok(await update(v2, withChanges(v2, [criterion16('hai-phong.c16'), threshold(80)])));
    const diffs = await t.gql(`query($a: SetRefInput!, $b: SetRefInput!, $base: SetRefInput!) {
      forward: diffCriteriaSetVersions(from: $a, to: $b) { __typename ... on CriteriaSetDiff { fromVersion toVersion ${DIFF} } }
      backward: diffCriteriaSetVersions(from: $b, to: $a) { ... on CriteriaSetDiff { breaking changes { before after severity } } }
      national: diffCriteriaSetVersions(from: $base, to: $b) { ... on CriteriaSetDiff { breakingCount safeCount } }
    }`, { a: { setId: draft.setId, version: 1 }, b: { setId: draft.setId, version: 2 }, base: BASE });
    expect(diffs.errors).toBeUndefined();
    expect(diffs.data!.forward).toMatchObject({ fromVersion: 1, toVersion: 2, breaking: true, breakingCount: 1, safeCount: 0 });
    expect(diffs.data!.forward.changes).toEqual([expect.objectContaining({ code: '5.2', field: 'measure.thresholdPercent', before: 60, after: 80, severity: 'breaking' })]);
    expect(diffs.data!.backward).toEqual({ breaking: false, changes: [{ before: 80, after: 60, severity: 'safe' }] });
    expect(diffs.data!.national).toEqual({ breakingCount: 2, safeCount: 0 });
  });

  it('previews the impact of a draft on the stored 2025 results of Hải Phòng, matching the data', async () => {
    const where = { programId: 'safeSecurityOrder', periodYear: 2025, unit: { versions: { some: { provinceCode: '31', kind: { in: COMMUNE_KINDS } } } } };
    const assessments = await t.db.prisma.assessment.findMany({ where, select: { outcome: true, unit: { select: { code: true } } } });
    const metCodes = assessments.filter((a) => a.outcome === 'met').map((a) => a.unit.code).sort();
    const report = await run(`{ r: report(programId: "safeSecurityOrder", periodYear: 2025, areaCode: "31") { ... on Report { met units } } }`);
    expect(report).toEqual({ met: metCodes.length, units: assessments.length });
    expect(metCodes.length).toBeGreaterThan(0);
    expect(metCodes.length).toBeLessThan(assessments.length);

    const preview = (draft: Version, periodYear?: number) =>
      run(`query($setId: String!, $version: Int!, $periodYear: Int) { r: previewCriteriaSetImpact(setId: $setId, version: $version, periodYear: $periodYear) {
        __typename ... on ImpactPreview { periodYear baseline evaluated unchanged summary metToNotMet { unitCode before after } notMetToMet { unitCode }
          otherChanges { unitCode before after } } ... on Error { message } } }`, { setId: draft.setId, version: draft.version, periodYear });
    const codes = (flips: Array<{ unitCode: string }>) => flips.map((f) => f.unitCode).sort();

    // A required criterion nobody has recorded yet: every commune that met is now waiting for data, none "not met".
    const draft = await variant('hai-phong-impact');
    const added = ok(await update(draft, withChanges(draft, [criterion16('hai-phong-impact.c16')])));
    const unrecorded = await preview(added, 2025);
    expect(unrecorded).toMatchObject({ periodYear: 2025, baseline: 'tt124-commune@1', evaluated: assessments.length, metToNotMet: [], notMetToMet: [] });
    expect(codes(unrecorded.otherChanges)).toEqual(metCodes);
    expect(unrecorded.otherChanges.every((f: any) => f.before === 'met' && f.after === 'notAssessed')).toBe(true);
    expect(unrecorded.unchanged).toBe(assessments.length - metCodes.length);
    expect(unrecorded.summary).toBe(`Kỳ 2025: ${assessments.length} đơn vị; 0 chuyển từ Đạt sang Chưa đạt, 0 từ Chưa đạt sang Đạt, ${metCodes.length} thay đổi khác.`);

    // A required criterion the stored results decide: every residential area must be safe.
    const strict = criterion16('hai-phong-impact.c16', {
      measure: { type: 'childShare', programId: 'safeSecurityOrder', childKinds: ['residentialArea'], comparator: '>=', thresholdPercent: 100 },
    });
    const everyArea = ok(await update(added, withChanges(added, [strict])));
    const failing = await t.db.prisma.assessment.findMany({
      where: {
        ...where,
        outcome: 'met',
        unit: { ...where.unit, children: { some: { kind: 'residentialArea', unit: { assessments: { some: { programId: 'safeSecurityOrder', periodYear: 2025, outcome: { not: 'met' } } } } } } },
      },
      select: { unit: { select: { code: true } } },
    });
    expect(failing.length).toBeGreaterThan(0);
    const decided = await preview(everyArea, 2025);
    expect(decided.metToNotMet.every((f: any) => f.before === 'met' && f.after === 'notMet')).toBe(true);
    expect(codes(decided.metToNotMet)).toEqual(failing.map((a) => a.unit.code).sort());
    expect(decided).toMatchObject({ evaluated: assessments.length, unchanged: assessments.length - failing.length, notMetToMet: [], otherChanges: [] });

    // Without a period, the latest one with results.
    expect((await preview(everyArea)).periodYear).toBe(2026);
  });

  it('publishes a draft, which then never changes, and retires it', async () => {
    const draft = await variant('hai-phong-publish');
    const edited = ok(await update(draft, withChanges(draft, [criterion16('hai-phong-publish.c16')])));
    expect(await setStatus('publish', draft)).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT', currentRevision: 2 });
    const published = ok(await setStatus('publish', edited));
    expect(published).toMatchObject({ status: 'published', revision: 3, retiredAt: null, definition: { status: 'published' } });
    expect(published.publishedAt).toEqual(expect.any(String));

    const before = await snapshot();
    expect(await update(published, { ...published.definition, status: 'draft', changes: [] })).toMatchObject({ __typename: 'ImmutableError', code: 'IMMUTABLE' });
    expect(await setStatus('publish', published)).toMatchObject({ __typename: 'ImmutableError', code: 'IMMUTABLE' });
    expect(await snapshot()).toEqual(before);
    expect((await stored(published.setId, 1)).definition).toEqual(published.definition);

    const retired = ok(await setStatus('retire', published));
    expect(retired).toMatchObject({ status: 'retired', revision: 4, definition: { status: 'retired' }, publishedAt: published.publishedAt });
    expect(retired.retiredAt).toEqual(expect.any(String));
    const afterRetire = await snapshot();
    expect(await update(retired, { ...retired.definition, status: 'draft' })).toMatchObject({ __typename: 'ImmutableError' });
    expect(await setStatus('publish', retired)).toMatchObject({ __typename: 'ImmutableError' });
    expect(await setStatus('retire', retired)).toMatchObject({ __typename: 'ImmutableError' });
    expect(await snapshot()).toEqual(afterRetire);
  });

  // JSON drops `undefined`, so a patch removes a field by setting it to undefined.
  const [plan, incidents] = standalone('hai-phong-invalid').criteria as Array<Record<string, unknown>>;
  it.each([
    ['a threshold given as text', { criteria: [plan, { ...incidents, measure: { type: 'number', comparator: '<=', threshold: '0' } }] }, 'invalidShape', 'criteria[1].measure.threshold'],
    ['a duplicate code', { criteria: [plan, { ...incidents, code: '1' }] }, 'duplicateCode', 'criteria[1].code'],
    ['an unknown program', { programId: 'safetyAndOrder' }, 'unknownProgram', 'programId'],
    ['an extends of a set that does not exist', { extends: { setId: 'no-such-set', version: 1 }, changes: [], criteria: undefined, rule: undefined }, 'unknownSet', 'extends'],
    ['a misspelt field', { criteria: [{ ...plan, mesure: { type: 'boolean' }, measure: undefined }, incidents] }, 'invalidShape', 'criteria[0]'],
    ['a misspelt top-level field', { appliesTO: { unitKinds: ['commune'] } }, 'invalidShape', ''],
  ])('refuses %s with a precise path and stores nothing', async (_name, patch, code, path) => {
    const definition = standalone('hai-phong-invalid', patch);
    const before = await snapshot();
    const report = await run(VALIDATE, { definition });
    expect(report.valid).toBe(false);
    expect(report.issues).toContainEqual(expect.objectContaining({ code, path }));
    const created = await create({ definition });
    expect(created).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION' });
    expect(created.issues).toEqual(report.issues);
    expect(await snapshot()).toEqual(before);
    expect(await run(VALIDATE, { definition: standalone('hai-phong-invalid') })).toEqual({ valid: true, issues: [] });
  });

  it('refuses an extends cycle, an edit that breaks a set extending the draft, and publishing a set that extends a draft', async () => {
    const a = await variant('hai-phong-cycle-a');
    const b = ok(await create({ extendFrom: { setId: a.setId, version: 1 }, setId: 'hai-phong-cycle-b', provinceCode: '31' }));
    const before = await snapshot();
    const looped = { ...a.definition, extends: { setId: b.setId, version: 1 } };
    const cycle = { code: 'extendsCycle', path: 'extends', message: expect.stringContaining('hai-phong-cycle-b@1') };
    expect((await run(VALIDATE, { definition: looped })).issues).toEqual([expect.objectContaining(cycle)]);
    expect(await update(a, looped)).toMatchObject({ __typename: 'ValidationError', issues: [cycle] });
    expect(await create({ definition: { ...standalone('hai-phong-self', { criteria: undefined, rule: undefined }), extends: { setId: 'hai-phong-self', version: 1 }, changes: [] } })).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ code: 'extendsCycle', path: 'extends' }],
    });
    expect(await setStatus('publish', b)).toMatchObject({ __typename: 'ValidationError', issues: [{ code: 'immutable', path: 'extends' }] });
    expect(await snapshot()).toEqual(before);

    // b overrides criterion 4; a may not drop it from under b.
    ok(await update(b, withChanges(b, [{ op: 'override', targetId: 'tt124-commune.police', set: { note: 'Hải Phòng' } }])));
    const overriding = await snapshot();
    expect(await update(a, withChanges(a, [{ op: 'remove', targetId: 'tt124-commune.police' }]))).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ code: 'unknownTarget', path: 'changes[0].targetId', set: 'hai-phong-cycle-b@1' }],
    });
    expect(await snapshot()).toEqual(overriding);
    expect(await run(`{ r: criteriaSetVersion(setId: "hai-phong-cycle-b", version: 1) { ... on CriteriaSetVersion { criteria { code } } } }`)).toEqual({
      criteria: expect.arrayContaining([{ code: '4' }]),
    });
  });

  it('lets exactly one of two concurrent saves of the same revision win', async () => {
    const draft = await variant('hai-phong-race');
    const edits = [withChanges(draft, [criterion16('hai-phong-race.first')]), withChanges(draft, [threshold(90)])];
    const results = await Promise.all(edits.map((definition) => update(draft, definition)));
    const winners = results.filter((r) => r.__typename === 'CriteriaSetVersion');
    const losers = results.filter((r) => r.__typename !== 'CriteriaSetVersion');
    expect(winners).toHaveLength(1);
    expect(losers).toEqual([expect.objectContaining({ __typename: 'ConflictError', code: 'CONFLICT', currentRevision: 2 })]);
    const winner = edits[results.indexOf(winners[0])]!;
    expect(await stored(draft.setId, 1)).toEqual({ status: 'draft', revision: 2, definition: winner });
    // The loser reloads and re-applies its change on the current revision.
    expect(await update({ ...draft, revision: 1 }, edits[0])).toMatchObject({ __typename: 'ConflictError', currentRevision: 2 });
    expect(ok(await update({ ...draft, revision: 2 }, edits[1 - results.indexOf(winners[0])])).revision).toBe(3);

    // Two new versions at once: each gets its own number, or the slower is told the next one — never a server error.
    const copies = await Promise.all([1, 2].map(() => create({ cloneFrom: { setId: draft.setId, version: 1 } })));
    const numbered = copies.filter((c) => c.__typename === 'CriteriaSetVersion').map((c) => c.version);
    expect(numbered.sort()).toEqual([2, 3].slice(0, numbered.length));
    for (const refused of copies.filter((c) => c.__typename !== 'CriteriaSetVersion')) {
      expect(refused).toMatchObject({ __typename: 'ValidationError', issues: [{ path: 'version', message: 'expected 3' }] });
    }
    expect(await t.db.prisma.criteriaSetVersion.count({ where: { setId: draft.setId } })).toBe(1 + numbered.length);
  });

  it('answers NotFoundError for unknown sets and versions, and ValidationError for a skipped version number', async () => {
    const missing = { setId: 'no-such-set', version: 1 };
    const { data, errors } = await t.gql(`query($missing: SetRefInput!, $base: SetRefInput!) {
      version: criteriaSetVersion(setId: "tt124-commune", version: 9) { __typename ... on NotFoundError { entity key } }
      set: criteriaSetVersion(setId: "no-such-set", version: 1) { __typename }
      diff: diffCriteriaSetVersions(from: $base, to: $missing) { __typename ... on NotFoundError { key } }
      impact: previewCriteriaSetImpact(setId: "no-such-set", version: 1) { __typename }
    }`, { missing, base: BASE });
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      version: { __typename: 'NotFoundError', entity: 'CriteriaSetVersion', key: 'tt124-commune@9' },
      set: { __typename: 'NotFoundError' },
      diff: { __typename: 'NotFoundError', key: 'no-such-set@1' },
      impact: { __typename: 'NotFoundError' },
    });
    const before = await snapshot();
    for (const result of [
      await update({ ...missing, revision: 1 }, standalone('no-such-set')),
      await setStatus('publish', { ...missing, revision: 1 }),
      await setStatus('retire', { ...missing, revision: 1 }),
      await create({ extendFrom: missing, setId: 'hai-phong-orphan', provinceCode: '31' }),
      await create({ cloneFrom: missing }),
    ]) {
      expect(result).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND', });
    }
    const skipped = await create({ definition: { ...tt124Commune, version: 3, status: 'draft' } });
    expect(skipped).toMatchObject({ __typename: 'ValidationError', issues: [{ path: 'version', message: 'expected 2' }] });
    expect(await create({ definition: standalone('hai-phong-new', { version: 2 }) })).toMatchObject({ __typename: 'ValidationError', issues: [{ path: 'version', message: 'expected 1' }] });
    expect(await snapshot()).toEqual(before);
  });

  it('keeps a set’s program and owner across its versions', async () => {
    const before = await snapshot();
    // Without `setId` a copy becomes the next version of the same set, which is national.
    const takeover = await create({ cloneFrom: BASE, provinceCode: '31' });
    expect(takeover).toMatchObject({ __typename: 'ValidationError', issues: [expect.objectContaining({ path: 'owner' })] });
    const otherProgram = await create({ definition: { ...tt124Commune, version: 2, status: 'draft', programId: 'newRural192' } });
    expect(otherProgram).toMatchObject({ __typename: 'ValidationError', issues: [expect.objectContaining({ path: 'programId' })] });
    expect(await snapshot()).toEqual(before);
    const draft = await variant('hai-phong-owner');
    const moved = await snapshot();
    expect(await update(draft, { ...draft.definition, owner: { scope: 'national' } })).toMatchObject({ __typename: 'ValidationError', issues: [{ path: 'owner' }] });
    expect(await snapshot()).toEqual(moved);
  });
});
