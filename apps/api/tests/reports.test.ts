import { describe, expect, it } from 'vitest';
import { databaseKindsUnderTest, useTestApi } from './harness.ts';

const COMMUNE_LEVEL = ['commune', 'ward', 'specialZone', 'township'];

const FIGURES = `units met notMet notAssessed notApplicable assessed sharePercent metChange shareChangePoints
  target { title thresholdPercent reached missing }
  previous { units met notMet notAssessed notApplicable }`;

interface Counts {
  units: number;
  met: number;
  notMet: number;
  notAssessed: number;
  notApplicable: number;
}

describe.each(databaseKindsUnderTest())('reports on %s', (kind) => {
  const t = useTestApi(kind);

  async function report(variables: Record<string, unknown>, fields: string) {
    const { data, errors } = await t.gql(
      `query($programId: String!, $periodYear: Int!, $areaCode: String, $unitKinds: [String!]) {
        report(programId: $programId, periodYear: $periodYear, areaCode: $areaCode, unitKinds: $unitKinds) {
          __typename ... on Report { ${fields} } ... on NotFoundError { code message }
        }
      }`,
      variables,
    );
    expect(errors).toBeUndefined();
    return data!.report;
  }

  /**
   * The figures counted straight from the tables, a different way than the service does: units of
   * the kinds valid on `onDate` in the province (by province code, not by path), each with its
   * assessment for the program and period if it has one.
   */
  async function sqlCounts(programId: string, periodYear: number, provinceCode: string | null, kinds: string[], onDate: string, groupBy?: 'provinceCode' | 'parentCode') {
    const group = groupBy ? `v."${groupBy}"` : `'all'`;
    const rows = await t.db.query<Counts & { area: string }>(
      `SELECT ${group} AS area,
              count(*)::int AS units,
              count(*) FILTER (WHERE a.outcome = 'met')::int AS met,
              count(*) FILTER (WHERE a.outcome = 'notMet')::int AS "notMet",
              count(*) FILTER (WHERE a.id IS NULL OR a.outcome = 'notAssessed')::int AS "notAssessed",
              count(*) FILTER (WHERE a.outcome = 'notApplicable')::int AS "notApplicable"
         FROM "UnitVersion" v
         LEFT JOIN "Assessment" a ON a."unitId" = v."unitId" AND a."programId" = $1 AND a."periodYear" = $2
        WHERE v.kind = ANY($4::text[]) AND ($3::text IS NULL OR v."provinceCode" = $3)
          AND v."validFrom" <= $5::date AND coalesce(v."validTo", 'infinity'::date) >= $5::date
        GROUP BY 1 ORDER BY 1`,
      [programId, periodYear, provinceCode, kinds, onDate],
    );
    return rows;
  }

  const share = (c: Counts) => (c.met / (c.units - c.notApplicable)) * 100;
  /** Units that must meet for `percent` of the units in scope to have met, in whole units. */
  const needed = (c: Counts, percent: number) => Math.ceil(((c.units - c.notApplicable) * percent) / 100 - 1e-9);

  describe('figures', () => {
    it('TT124 for the communes of Hải Phòng in 2026: counts, share, the 80% target and the change since 2025', async () => {
      const r = await report({ programId: 'safeSecurityOrder', periodYear: 2026, areaCode: '31' }, `onDate unitKinds summary ${FIGURES}`);
      const [now] = await sqlCounts('safeSecurityOrder', 2026, '31', COMMUNE_LEVEL, '2026-11-15');
      const [before] = await sqlCounts('safeSecurityOrder', 2025, '31', COMMUNE_LEVEL, '2025-11-15');
      const { area: _a, ...counts } = now!;
      const { area: _b, ...previous } = before!;
      expect(counts.units).toBe(114);
      expect(r).toMatchObject({ __typename: 'Report', onDate: '2026-11-15', unitKinds: COMMUNE_LEVEL, ...counts, assessed: counts.met + counts.notMet });
      expect(r.sharePercent).toBeCloseTo(share(counts), 9);
      const required = needed(counts, 80);
      expect(r.target).toEqual({
        title: expect.stringContaining('80%'),
        thresholdPercent: 80,
        reached: counts.met >= required,
        missing: Math.max(0, required - counts.met),
      });
      expect(r.previous).toEqual(previous);
      expect(r.metChange).toBe(counts.met - previous.met);
      expect(r.shareChangePoints).toBeCloseTo(share(counts) - share(previous), 9);
      expect(r.summary).toContain(`${counts.met}/${counts.units} đơn vị đạt`);
    });

    it('residential areas against the province’s 85% target, for the province and for one commune', async () => {
      const r = await report({ programId: 'safeSecurityOrder', periodYear: 2026, areaCode: '31', unitKinds: ['residentialArea'] }, `onDate ${FIGURES}`);
      const [{ area: _a, ...counts }] = (await sqlCounts('safeSecurityOrder', 2026, '31', ['residentialArea'], '2026-10-31')) as [Counts & { area: string }];
      // Residential areas are counted as they were at the end of their own period, 31 October.
      expect(r).toMatchObject({ onDate: '2026-10-31', ...counts });
      const required = needed(counts, 85);
      expect(r.target).toMatchObject({ thresholdPercent: 85, reached: counts.met >= required, missing: Math.max(0, required - counts.met) });

      // A commune's report takes its province's target (the province is looked up, not read off the code).
      const commune = await report({ programId: 'safeSecurityOrder', periodYear: 2026, areaCode: '10606', unitKinds: ['residentialArea'] }, `units met target { thresholdPercent }`);
      const [villages] = await t.db.query<{ units: number; met: number }>(
        `SELECT count(*)::int AS units, count(*) FILTER (WHERE a.outcome = 'met')::int AS met
           FROM "UnitVersion" v LEFT JOIN "Assessment" a ON a."unitId" = v."unitId" AND a."programId" = 'safeSecurityOrder' AND a."periodYear" = 2026
          WHERE v."parentCode" = '10606' AND v.kind = 'residentialArea' AND v."validTo" IS NULL`,
      );
      expect(commune).toEqual({ __typename: 'Report', ...villages, target: { thresholdPercent: 85 } });
    });

    it('counts units in scope without any assessment as not assessed: 19.2 over Hải Phòng’s wards and communes', async () => {
      const r = await report({ programId: 'newRural192', periodYear: 2026, areaCode: '31', unitKinds: COMMUNE_LEVEL }, FIGURES);
      const [{ area: _a, ...counts }] = (await sqlCounts('newRural192', 2026, '31', COMMUNE_LEVEL, '2026-11-15')) as [Counts & { area: string }];
      const [{ withoutAssessment }] = (await t.db.query<{ withoutAssessment: number }>(
        `SELECT count(*)::int AS "withoutAssessment" FROM "UnitVersion" v
          WHERE v."provinceCode" = '31' AND v.kind = ANY($1::text[]) AND v."validTo" IS NULL
            AND NOT EXISTS (SELECT 1 FROM "Assessment" a WHERE a."unitId" = v."unitId" AND a."programId" = 'newRural192' AND a."periodYear" = 2026)`,
        [COMMUNE_LEVEL],
      )) as [{ withoutAssessment: number }];
      expect(withoutAssessment).toBeGreaterThan(0);
      expect(r).toMatchObject(counts);
      expect(r.notAssessed).toBe(withoutAssessment);
      // The national 19.2 target applies in every province.
      expect(r.target.thresholdPercent).toBe(80);
    });

    it('has no previous figures when the previous period has no results', async () => {
      const r = await report({ programId: 'safeSecurityOrder', periodYear: 2025, areaCode: '31' }, FIGURES);
      expect(r).toMatchObject({ previous: null, metChange: null, shareChangePoints: null });
      expect(r.units).toBe(114);
    });
  });

  describe('breakdown', () => {
    it('per commune for the residential areas of province 31, each adding up to the total', async () => {
      const r = await report(
        { programId: 'safeSecurityOrder', periodYear: 2026, areaCode: '31', unitKinds: ['residentialArea'] },
        `units met notMet notAssessed breakdown { areaCode units met notMet notAssessed notApplicable target { thresholdPercent } previous { met } metChange }`,
      );
      const expected = await sqlCounts('safeSecurityOrder', 2026, '31', ['residentialArea'], '2026-10-31', 'parentCode');
      const previous = new Map((await sqlCounts('safeSecurityOrder', 2025, '31', ['residentialArea'], '2025-10-31', 'parentCode')).map((row) => [row.area, row]));
      expect(r.breakdown.map((b: any) => ({ area: b.areaCode, units: b.units, met: b.met, notMet: b.notMet, notAssessed: b.notAssessed, notApplicable: b.notApplicable }))).toEqual(expected);
      for (const b of r.breakdown) {
        expect(b.target).toEqual({ thresholdPercent: 85 });
        expect(b.metChange).toBe(b.met - previous.get(b.areaCode)!.met);
      }
      for (const field of ['units', 'met', 'notMet', 'notAssessed'] as const) {
        expect(r.breakdown.reduce((sum: number, b: any) => sum + b[field], 0)).toBe(r[field]);
      }
      // An area of the breakdown reports the same figures as a report on that area.
      const sample = r.breakdown[3];
      const alone = await report({ programId: 'safeSecurityOrder', periodYear: 2026, areaCode: sample.areaCode, unitKinds: ['residentialArea'] }, `units met notMet notAssessed metChange`);
      expect(alone).toEqual({ __typename: 'Report', units: sample.units, met: sample.met, notMet: sample.notMet, notAssessed: sample.notAssessed, metChange: sample.metChange });
    });

    it('per province for the nation, in a fixed number of statements', async () => {
      const query = `units met notMet notAssessed breakdown { areaCode units met notMet notAssessed target { thresholdPercent } }`;
      const { result, count } = await t.db.statements.measure(() => report({ programId: 'safeSecurityOrder', periodYear: 2026, unitKinds: COMMUNE_LEVEL }, query));
      const expected = await sqlCounts('safeSecurityOrder', 2026, null, COMMUNE_LEVEL, '2026-11-15', 'provinceCode');
      expect(expected).toHaveLength(34);
      expect(result.breakdown.map((b: any) => ({ area: b.areaCode, units: b.units, met: b.met, notMet: b.notMet, notAssessed: b.notAssessed }))).toEqual(
        expected.map(({ notApplicable: _n, ...row }) => row),
      );
      expect(result.units).toBe(3321);
      expect(result.breakdown.reduce((sum: number, b: any) => sum + b.units, 0)).toBe(result.units);
      expect(result.breakdown.reduce((sum: number, b: any) => sum + b.met, 0)).toBe(result.met);
      // Only Hải Phòng has a target of its own; no national TT124 target is seeded.
      expect(result.breakdown.filter((b: any) => b.target).map((b: any) => b.areaCode)).toEqual(['31']);
      expect(count).toBeLessThanOrEqual(2);
    });
  });

  describe('criterion failures and drill-down', () => {
    it('counts failures per criterion as the units’ own explanations list them', async () => {
      const r = await report(
        { programId: 'safeSecurityOrder', periodYear: 2026, areaCode: '31' },
        `units criterionFailures { criterionId code title count }
         drillDown(first: 500) { totalCount edges { node { code assessment(programId: "safeSecurityOrder", periodYear: 2026) { explanation { failingCriteria { id code } } } } } }`,
      );
      expect(r.drillDown.totalCount).toBe(r.units);
      const tally = new Map<string, number>();
      for (const { node } of r.drillDown.edges) {
        for (const failing of node.assessment.explanation.failingCriteria) tally.set(failing.id, (tally.get(failing.id) ?? 0) + 1);
      }
      expect(new Map(r.criterionFailures.map((f: any) => [f.criterionId, f.count]))).toEqual(tally);
      expect(r.criterionFailures.length).toBeGreaterThan(0);
      const counts = r.criterionFailures.map((f: any) => f.count);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));

      const sql = await t.db.query<{ code: string; n: number }>(
        `SELECT c->>'code' AS code, count(*)::int AS n
           FROM "Assessment" a
           JOIN "UnitVersion" v ON v."unitId" = a."unitId" AND v."validTo" IS NULL
           CROSS JOIN jsonb_array_elements(a.explanation->'criteria') c
          WHERE a."programId" = 'safeSecurityOrder' AND a."periodYear" = 2026 AND v."provinceCode" = '31'
            AND v.kind = ANY($1::text[]) AND c->>'status' = 'notMet'
          GROUP BY 1 ORDER BY 1`,
        [COMMUNE_LEVEL],
      );
      expect(Object.fromEntries(r.criterionFailures.map((f: any) => [f.code, f.count]))).toEqual(Object.fromEntries(sql.map((row) => [row.code, row.n])));
    });

    it('drills from "not met" to units whose explanations name failing criteria', async () => {
      const r = await report(
        { programId: 'safeSecurityOrder', periodYear: 2026, areaCode: '31', unitKinds: ['residentialArea'] },
        `notMet drillDown(outcome: "notMet", first: 1000) {
          totalCount
          edges { node { code kind parent { code } assessment(programId: "safeSecurityOrder", periodYear: 2026) { outcome explanation { failingCriteria { code reason } } } } }
        }`,
      );
      expect(r.drillDown.totalCount).toBe(r.notMet);
      expect(r.drillDown.edges).toHaveLength(r.notMet);
      const expected = await t.db.query<{ code: string }>(
        `SELECT v.code FROM "UnitVersion" v JOIN "Assessment" a ON a."unitId" = v."unitId"
          WHERE a."programId" = 'safeSecurityOrder' AND a."periodYear" = 2026 AND a.outcome = 'notMet'
            AND v."provinceCode" = '31' AND v.kind = 'residentialArea' AND v."validTo" IS NULL ORDER BY 1`,
      );
      expect(r.drillDown.edges.map((e: any) => e.node.code).sort()).toEqual(expected.map((row) => row.code));
      for (const { node } of r.drillDown.edges) {
        expect(node.kind).toBe('residentialArea');
        expect(node.assessment.outcome).toBe('notMet');
        expect(node.assessment.explanation.failingCriteria.length).toBeGreaterThan(0);
        expect(node.assessment.explanation.failingCriteria.every((c: any) => c.reason.startsWith('Chưa đạt'))).toBe(true);
      }
    });

    it('drills to the not-assessed units, pages with cursors, and takes the area itself into a report on its level', async () => {
      const r = await report(
        { programId: 'newRural192', periodYear: 2026, areaCode: '31', unitKinds: COMMUNE_LEVEL },
        `notAssessed first: drillDown(outcome: "notAssessed", first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { node { code kind assessment(programId: "newRural192", periodYear: 2026) { outcome } } } }`,
      );
      expect(r.first.totalCount).toBe(r.notAssessed);
      expect(r.first.pageInfo.hasNextPage).toBe(true);
      expect(r.first.edges.every((e: any) => e.node.assessment === null && e.node.kind !== 'commune')).toBe(true);
      const { data } = await t.gql(
        `query($after: String) { report(programId: "newRural192", periodYear: 2026, areaCode: "31", unitKinds: ["commune", "ward", "specialZone", "township"]) { ... on Report { drillDown(outcome: "notAssessed", first: 100, after: $after) { edges { node { code } } } } } }`,
        { after: r.first.pageInfo.endCursor },
      );
      const codes = [...r.first.edges, ...data!.report.drillDown.edges].map((e: any) => e.node.code);
      expect(new Set(codes).size).toBe(r.notAssessed);

      // A commune's own report on communes is its own result; its drill-down is the commune itself.
      const own = await report({ programId: 'safeSecurityOrder', periodYear: 2026, areaCode: '10606' }, `units met notMet drillDown { totalCount edges { node { code } } }`);
      const [stored] = await t.db.query<{ outcome: string }>(
        `SELECT a.outcome FROM "Assessment" a JOIN "Unit" u ON u.id = a."unitId" WHERE u.code = '10606' AND a."programId" = 'safeSecurityOrder' AND a."periodYear" = 2026`,
      );
      expect(own).toMatchObject({ units: 1, met: stored!.outcome === 'met' ? 1 : 0, drillDown: { totalCount: 1, edges: [{ node: { code: '10606' } }] } });
    });
  });

  describe('not found', () => {
    it('an unknown area, an area that did not exist in the period, an unknown program', async () => {
      expect(await report({ programId: 'safeSecurityOrder', periodYear: 2026, areaCode: '99' }, 'units')).toEqual({
        __typename: 'NotFoundError',
        code: 'NOT_FOUND',
        message: 'Không tìm thấy đơn vị "99 ngày 2026-11-15"',
      });
      // Hải Dương (30) was merged into Hải Phòng on 1 July 2025.
      expect((await report({ programId: 'safeSecurityOrder', periodYear: 2026, areaCode: '30' }, 'units')).__typename).toBe('NotFoundError');
      expect((await report({ programId: 'safeSecurityOrder', periodYear: 2024, areaCode: '30' }, 'units')).__typename).toBe('Report');
      expect(await report({ programId: 'noSuchProgram', periodYear: 2026, areaCode: '31' }, 'units')).toEqual({
        __typename: 'NotFoundError',
        code: 'NOT_FOUND',
        message: 'Không tìm thấy chương trình "noSuchProgram"',
      });
    });
  });

  describe('coverage', () => {
    async function coverage(variables: Record<string, unknown>, fields: string) {
      const { data, errors } = await t.gql(
        `query($programId: String!, $periodYear: Int!, $areaCode: String, $unitKinds: [String!]${fields.includes('$after') ? ', $after: String' : ''}) {
          coverage(programId: $programId, periodYear: $periodYear, areaCode: $areaCode, unitKinds: $unitKinds) {
            __typename ... on Coverage { ${fields} } ... on NotFoundError { code message }
          }
        }`,
        variables,
      );
      expect(errors).toBeUndefined();
      return data!.coverage;
    }

    it('19.2 covers no ward or special zone: Hải Phòng’s are listed, and match what the report counts as not assessed', async () => {
      const c = await coverage(
        { programId: 'newRural192', periodYear: 2026, areaCode: '31' },
        `onDate units covered uncoveredCount bySet { setId version status units } uncoveredByKind { kind units }
         uncovered(first: 100) { totalCount edges { node { code kind provinceCode } } }`,
      );
      const expected = await t.db.query<{ code: string; kind: string }>(
        `SELECT code, kind FROM "UnitVersion" WHERE "provinceCode" = '31' AND kind IN ('ward', 'specialZone') AND "validTo" IS NULL ORDER BY code`,
      );
      const [{ communes }] = (await t.db.query<{ communes: number }>(
        `SELECT count(*)::int AS communes FROM "UnitVersion" WHERE "provinceCode" = '31' AND kind = 'commune' AND "validTo" IS NULL`,
      )) as [{ communes: number }];
      expect(c).toMatchObject({
        onDate: '2026-11-15',
        units: communes + expected.length,
        covered: communes,
        uncoveredCount: expected.length,
        bySet: [{ setId: 'ntm-19-2-2021', version: 1, status: 'published', units: communes }],
      });
      const byKind = (k: string) => expected.filter((row) => row.kind === k).length;
      expect(c.uncoveredByKind).toEqual([
        { kind: 'ward', units: byKind('ward') },
        { kind: 'specialZone', units: byKind('specialZone') },
      ]);
      expect(c.uncovered.totalCount).toBe(expected.length);
      expect(c.uncovered.edges.map((e: any) => e.node.code).sort()).toEqual(expected.map((row) => row.code));
      expect(c.uncovered.edges.every((e: any) => e.node.provinceCode === '31')).toBe(true);

      const overAll = await report({ programId: 'newRural192', periodYear: 2026, areaCode: '31', unitKinds: COMMUNE_LEVEL }, 'notAssessed');
      expect(overAll.notAssessed).toBe(c.uncoveredCount);
      // By default a report counts what the program governs: 19.2 is for communes (xã) only.
      const byDefault = await report({ programId: 'newRural192', periodYear: 2026, areaCode: '31' }, 'units notAssessed unitKinds');
      expect(byDefault).toMatchObject({ units: communes, notAssessed: 0, unitKinds: ['commune'] });
    });

    it('every unit of the demo province is covered by a TT124 set, each by the one for its kind', async () => {
      const c = await coverage(
        { programId: 'safeSecurityOrder', periodYear: 2026, areaCode: '31', unitKinds: ['residentialArea', 'agency', 'enterprise', 'school', ...COMMUNE_LEVEL] },
        `units covered uncoveredCount bySet { setId units } uncovered { totalCount edges { node { code } } }`,
      );
      const kinds = await t.db.query<{ kind: string; n: number }>(
        `SELECT kind, count(*)::int AS n FROM "UnitVersion" WHERE "provinceCode" = '31' AND "validTo" IS NULL AND kind <> 'province' GROUP BY 1`,
      );
      const n = (...list: string[]) => kinds.filter((row) => list.includes(row.kind)).reduce((sum, row) => sum + row.n, 0);
      expect(c).toMatchObject({ units: n(...kinds.map((row) => row.kind)), uncoveredCount: 0, uncovered: { totalCount: 0, edges: [] } });
      expect(c.covered).toBe(c.units);
      expect(Object.fromEntries(c.bySet.map((s: any) => [s.setId, s.units]))).toEqual({
        'tt124-residential-area': n('residentialArea'),
        'tt124-commune': n(...COMMUNE_LEVEL),
        'tt124-agency-enterprise': n('agency', 'enterprise'),
        'tt124-school': n('school'),
      });
    });

    it('judges a past period by the sets and units of that time: 19.2 in 2020 covered Hải Dương’s communes, not its wards or townships', async () => {
      const c = await coverage(
        { programId: 'newRural192', periodYear: 2020, areaCode: '30' },
        `onDate units covered bySet { setId units } uncoveredByKind { kind units } uncovered(first: 20) { totalCount pageInfo { hasNextPage endCursor } }`,
      );
      const kinds = await t.db.query<{ kind: string; n: number }>(
        `SELECT kind, count(*)::int AS n FROM "UnitVersion"
          WHERE "provinceCode" = '30' AND kind = ANY($1::text[]) AND "validFrom" <= '2020-11-15' AND "validTo" >= '2020-11-15'
          GROUP BY 1 ORDER BY 2 DESC, 1`,
        [COMMUNE_LEVEL],
      );
      const communes = kinds.find((row) => row.kind === 'commune')!.n;
      expect(c).toMatchObject({ onDate: '2020-11-15', covered: communes, bySet: [{ setId: 'ntm-19-2-2016', units: communes }] });
      expect(c.uncoveredByKind).toEqual(kinds.filter((row) => row.kind !== 'commune').map((row) => ({ kind: row.kind, units: row.n })));
      expect(c.uncovered.totalCount).toBe(c.units - communes);
      const next = await coverage({ programId: 'newRural192', periodYear: 2020, areaCode: '30', after: c.uncovered.pageInfo.endCursor }, `uncovered(first: 100, after: $after) { edges { node { code } } }`);
      expect(next.uncovered.edges).toHaveLength(c.uncovered.totalCount - 20);
    });

    it('an unknown program or area', async () => {
      expect(await coverage({ programId: 'noSuchProgram', periodYear: 2026 }, 'units')).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
      expect(await coverage({ programId: 'newRural192', periodYear: 2026, areaCode: '99' }, 'units')).toMatchObject({ __typename: 'NotFoundError' });
    });
  });
});
