import { DEMO_PARTNER_KEY } from '@antt/db';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { databaseKindsUnderTest, startTestApi, unexpected, type GraphQLResponse, type TestApi } from './harness.ts';

/** Lists, search, reports and drill-downs never include units outside the caller's read scopes. */
describe.each(databaseKindsUnderTest())('read scopes on %s', (kind) => {
  let t: TestApi;
  type Client = Pick<TestApi, 'gql'>;
  let haiphong: Client;
  let thanhdong: Client;
  let partner: Client;
  beforeAll(async () => {
    t = await startTestApi(kind);
    haiphong = await t.as('haiphong');
    thanhdong = await t.as('ca.thanhdong');
    partner = {
      async gql(query, variables) {
        const response = await t.api.fetch('http://api.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${DEMO_PARTNER_KEY}` },
          body: JSON.stringify({ query, variables }),
        });
        return (await response.json()) as GraphQLResponse<any>;
      },
    };
  });
  afterAll(() => t?.close());
  afterEach(() => {
    expect(unexpected.splice(0)).toEqual([]);
  });

  const REPORT = `query($area: String, $kinds: [String!]) {
    report(programId: "safeSecurityOrder", periodYear: 2026, areaCode: $area, unitKinds: $kinds) {
      __typename ... on Report { units met notMet notAssessed notApplicable sharePercent
        breakdown { areaCode units met }
        criterionFailures { code count }
        drillDown(first: 1000) { totalCount edges { node { code } } } }
    }
  }`;

  const codes = (edges: Array<{ node: { code: string } }>) => edges.map((e) => e.node.code);
  const codeOf = (error: GraphQLResponse['errors']) => error?.[0]?.extensions?.['code'];

  /** Units of `kinds` valid on the report date under `path` (the whole country for ''). */
  async function countUnder(path: string, kinds: string[], onDate: string): Promise<number> {
    const rows = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "UnitVersion"
        WHERE kind = ANY($1::text[]) AND "validFrom" <= $2::date AND ("validTo" IS NULL OR "validTo" >= $2::date)
          AND ($3 = '' OR path = $3 OR path LIKE $3 || '/%')`,
      [kinds, onDate, path],
    );
    return rows[0]!.n;
  }

  it('lists and searches only the province of a province administrator', async () => {
    const { data, errors } = await haiphong.gql(`{
      provinces: units(filter: { kinds: ["province"] }) { totalCount edges { node { code } } }
      hanoi: units(filter: { search: "ha noi" }) { totalCount }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.provinces.totalCount).toBe(1);
    expect(codes(data!.provinces.edges)).toEqual(['31']);
    expect(data!.hanoi.totalCount).toBe(0);
  });

  it('refuses a unit outside the scope, and serves one inside it with its children', async () => {
    const outside = await haiphong.gql(`{ unit(code: "01") { __typename ... on Unit { code } } }`);
    expect(codeOf(outside.errors)).toBe('FORBIDDEN');
    expect(outside.data?.unit ?? null).toBeNull();
    const inside = await thanhdong.gql(`{ unit(code: "10507") { __typename ... on Unit { code children(first: 1000) { totalCount } } } }`);
    expect(inside.errors).toBeUndefined();
    expect(inside.data!.unit.children.totalCount).toBeGreaterThan(0);
    const province = await thanhdong.gql(`{ unit(code: "31") { __typename } }`);
    expect(codeOf(province.errors)).toBe('FORBIDDEN');
  });

  it('counts the nation-wide report of a province administrator over their province only', async () => {
    const nation = await haiphong.gql(REPORT);
    const province = await haiphong.gql(REPORT, { area: '31' });
    expect(nation.errors).toBeUndefined();
    expect(province.errors).toBeUndefined();
    const { breakdown: nationBreakdown, ...nationFigures } = nation.data!.report;
    const { breakdown: _provinceBreakdown, ...provinceFigures } = province.data!.report;
    expect(nationFigures).toEqual(provinceFigures);
    expect(nationBreakdown.map((row: { areaCode: string }) => row.areaCode)).toEqual(['31']);
    expect(nationBreakdown[0].units).toBe(nationFigures.units);
    // The same as the national administrator's report on the province.
    const asAdmin = await t.gql(REPORT, { area: '31' });
    const { breakdown: _adminBreakdown, ...adminFigures } = asAdmin.data!.report;
    expect(nationFigures).toEqual(adminFigures);
    const outside = await haiphong.gql(REPORT, { area: '01' });
    expect(codeOf(outside.errors)).toBe('FORBIDDEN');
  });

  it('counts a commune officer’s reports over their commune’s units', async () => {
    const kinds = ['residentialArea'];
    const { data, errors } = await thanhdong.gql(REPORT, { kinds });
    expect(errors).toBeUndefined();
    const onDate = (await t.gql(`{ report(programId: "safeSecurityOrder", periodYear: 2026, unitKinds: ["residentialArea"]) { ... on Report { onDate } } }`)).data!.report.onDate;
    const expected = await countUnder('31/10507', kinds, onDate);
    expect(expected).toBeGreaterThan(0);
    expect(data!.report.units).toBe(expected);
    expect(data!.report.drillDown.totalCount).toBe(expected);
    expect(codes(data!.report.drillDown.edges).length).toBe(expected);
    // Asked for the province that holds it: still only the commune's units.
    const province = await thanhdong.gql(REPORT, { area: '31', kinds });
    expect(province.data!.report.units).toBe(expected);
    // Commune-level kinds: the commune itself.
    const communes = await thanhdong.gql(REPORT);
    expect(communes.data!.report.units).toBe(1);
    expect(codes(communes.data!.report.drillDown.edges)).toEqual(['10507']);
    const coverage = await thanhdong.gql(`{ coverage(programId: "safeSecurityOrder", periodYear: 2026) { ... on Coverage { units } } }`);
    expect(coverage.data!.coverage.units).toBe(1);
  });

  it('restates results onto visible communes only', async () => {
    const query = `query($area: String) { restatedResults(programId: "safeSecurityOrder", periodYear: 2024, areaCode: $area) { __typename ... on RestatedResults { communes { code } totals { communes } } } }`;
    const mine = await thanhdong.gql(query);
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.restatedResults.communes.map((c: { code: string }) => c.code)).toEqual(['10507']);
    const outside = await haiphong.gql(query, { area: '01' });
    expect(codeOf(outside.errors)).toBe('FORBIDDEN');
  });

  it('lets a partner key read reports but not assessments', async () => {
    const report = await partner.gql(REPORT);
    expect(report.errors).toBeUndefined();
    const province = await haiphong.gql(REPORT);
    expect(report.data!.report.units).toBe(province.data!.report.units);
    const refused = await partner.gql(`{ assessmentFor(unitCode: "10507", programId: "safeSecurityOrder", periodYear: 2026) { __typename } }`);
    expect(codeOf(refused.errors)).toBe('FORBIDDEN');
    const nested = await partner.gql(`{ unit(code: "10507") { ... on Unit { code assessment(programId: "safeSecurityOrder") { id } } } }`);
    expect(nested.errors).toBeUndefined();
    expect(nested.data!.unit.assessment).toBeNull();
    const listed = `{ unit(code: "10507") { ... on Unit { assessments { programId periodYear } } } }`;
    expect((await partner.gql(listed)).data!.unit.assessments).toEqual([]);
    // A reader of the ward sees every program's assessment of it, the latest period first.
    const own = (await haiphong.gql(listed)).data!.unit.assessments as Array<{ programId: string; periodYear: number }>;
    expect(own.length).toBeGreaterThan(1);
    expect(own.map((a) => a.periodYear)).toEqual([...own.map((a) => a.periodYear)].sort((a, b) => b - a));
    expect(new Set(own.map((a) => a.programId))).toContain('safeSecurityOrder');
  });

  it('never tells a province whether another province’s unit was assessed, or whether an id exists', async () => {
    const codeOfUnit = async (province: string) =>
      (await t.db.query<{ code: string }>(`SELECT code FROM "UnitVersion" WHERE "validTo" IS NULL AND "provinceCode" = $1 AND kind = 'ward' ORDER BY code LIMIT 1`, [province]))[0]!.code;
    const neverAssessed = `query($code: String!) { assessmentFor(unitCode: $code, programId: "safeSecurityOrder", periodYear: 2031) { __typename ... on Error { code } } }`;
    // Hà Nội's ward has no 2031 assessment: Hải Phòng is refused, as it would be were there one.
    expect(codeOf((await haiphong.gql(neverAssessed, { code: await codeOfUnit('01') })).errors)).toBe('FORBIDDEN');
    // Its own ward's missing assessment, and an unknown unit to the whole country's reader, are NOT_FOUND.
    expect((await haiphong.gql(neverAssessed, { code: await codeOfUnit('31') })).data!.assessmentFor.__typename).toBe('NotFoundError');
    expect((await t.gql(neverAssessed, { code: 'no-such-unit' })).data!.assessmentFor.__typename).toBe('NotFoundError');
    expect(codeOf((await haiphong.gql(neverAssessed, { code: 'no-such-unit' })).errors)).toBe('FORBIDDEN');

    const record = `mutation($id: ID!) { recordCriterionResults(assessmentId: $id, revision: 1, results: []) { __typename } }`;
    const unknownId = '00000000-0000-4000-8000-000000000000';
    expect(codeOf((await haiphong.gql(record, { id: unknownId })).errors)).toBe('FORBIDDEN');
    expect((await t.gql(record, { id: unknownId })).data!.recordCriterionResults.__typename).toBe('NotFoundError');
    const act = `mutation($id: ID!) { actOnAssessment(assessmentId: $id, revision: 1, action: { type: COMPLETE }) { __typename } }`;
    expect(codeOf((await thanhdong.gql(act, { id: unknownId })).errors)).toBe('FORBIDDEN');
    expect((await t.gql(act, { id: unknownId })).data!.actOnAssessment.__typename).toBe('NotFoundError');
  });

  it('shows province criteria sets only to readers in that province', async () => {
    const query = `query($p: String) { criteriaSets(provinceCode: $p, first: 500) { edges { node { id provinceCode } } } }`;
    const own = await haiphong.gql(query, { p: '31' });
    expect(own.errors).toBeUndefined();
    const ownProvincial = own.data!.criteriaSets.edges.filter((e: any) => e.node.provinceCode === '31');
    expect(ownProvincial.length).toBeGreaterThan(0);
    const admin = await t.gql(query, { p: '31' });
    expect(admin.data!.criteriaSets.edges).toEqual(own.data!.criteriaSets.edges);
    const other = await (await t.as('xem.haiphong')).gql(query, { p: '01' });
    expect(other.data!.criteriaSets.edges.every((e: any) => e.node.provinceCode === null)).toBe(true);
  });

  it('refuses anonymous callers', async () => {
    const anonymous = await t.as(null);
    for (const query of [`{ units { totalCount } }`, `{ report(programId: "safeSecurityOrder", periodYear: 2026) { __typename } }`]) {
      const { errors } = await anonymous.gql(query);
      expect(codeOf(errors)).toBe('UNAUTHENTICATED');
    }
  });

  it('leaves the national administrator’s view whole', async () => {
    const { data, errors } = await t.gql(`{
      provinces: units(filter: { kinds: ["province"] }) { totalCount }
      hanoi: unit(code: "01") { __typename }
      report(programId: "safeSecurityOrder", periodYear: 2026) { ... on Report { units breakdown { areaCode } onDate unitKinds } }
      assessmentFor(unitCode: "10507", programId: "safeSecurityOrder", periodYear: 2026) { __typename }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.provinces.totalCount).toBe(34);
    expect(data!.hanoi.__typename).toBe('Unit');
    expect(data!.report.units).toBe(await countUnder('', data!.report.unitKinds, data!.report.onDate));
    expect(data!.report.breakdown.length).toBe(34);
  });
});
