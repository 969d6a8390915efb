import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { databaseKindsUnderTest, TEST_TODAY, useTestApi } from './harness.ts';

const COMMUNE_LEVEL = ['commune', 'ward', 'specialZone', 'township'];
const RULES = ['ALL', 'ANY', 'MAJORITY'] as const;

const RESTATED = `query($programId: String!, $periodYear: Int!, $areaCode: String, $asOf: Date, $rule: RestatementRule) {
  restatedResults(programId: $programId, periodYear: $periodYear, areaCode: $areaCode, asOf: $asOf, rule: $rule) {
    __typename
    ... on RestatedResults {
      asOf periodEndsOn rule
      totals { communes met notMet notAssessed sharePercent predecessors predecessorsMet predecessorsNotMet predecessorsWithoutResult }
      communes {
        code outcome predecessorsMet predecessorsNotMet predecessorsWithoutResult
        unit { code validFrom validTo }
        predecessors { code outcome event share unit { code validFrom validTo } }
      }
    }
    ... on Error { code message }
  }
}`;

interface Expected {
  code: string;
  met: number;
  notMet: number;
  withoutResult: number;
  all: string;
  any: string;
  majority: string;
  predecessors: Array<{ code: string; outcome: string | null; event: string; share: string }>;
}

describe.each(databaseKindsUnderTest())('restatement on %s', (kind) => {
  const t = useTestApi(kind);

  async function restated(variables: Record<string, unknown>) {
    const { data, errors } = await t.gql(RESTATED, variables);
    expect(errors).toBeUndefined();
    return data!.restatedResults;
  }

  /**
   * Today's communes of a province with the units linked into them by changes after the period,
   * their stored outcomes, and each rule applied in SQL. The seed has one change (1 July 2025), so
   * the direct links are the whole story.
   */
  async function expectedFromSql(programId: string, periodYear: number, provinceCode: string, periodEndsOn: string): Promise<Expected[]> {
    return t.db.query<Expected>(
      `WITH communes AS (
         SELECT v."unitId", v.code, v.path FROM "UnitVersion" v
          WHERE v."provinceCode" = $3 AND v.kind = ANY($5::text[])
            AND v."validFrom" <= $6::date AND coalesce(v."validTo", 'infinity'::date) >= $6::date
       ), links AS (
         SELECT c.code AS commune, c.path, f.code, a.outcome, l.event, l.share
           FROM communes c
           JOIN "UnitLineage" l ON l."toUnitId" = c."unitId" AND l."effectiveOn" > $4::date AND l."effectiveOn" <= $6::date
           JOIN "Unit" f ON f.id = l."fromUnitId"
           LEFT JOIN "Assessment" a ON a."unitId" = l."fromUnitId" AND a."programId" = $1 AND a."periodYear" = $2
       ), counted AS (
         SELECT commune AS code, path,
                count(*) FILTER (WHERE outcome = 'met')::int AS met,
                count(*) FILTER (WHERE outcome = 'notMet')::int AS "notMet",
                count(*) FILTER (WHERE outcome IS NULL OR outcome NOT IN ('met', 'notMet'))::int AS "withoutResult",
                json_agg(json_build_object('code', code, 'outcome', outcome, 'event', event, 'share', share) ORDER BY code) AS predecessors
           FROM links GROUP BY commune, path
       )
       SELECT code, met, "notMet", "withoutResult", predecessors,
              CASE WHEN met + "notMet" = 0 THEN 'notAssessed' WHEN "notMet" = 0 THEN 'met' ELSE 'notMet' END AS "all",
              CASE WHEN met + "notMet" = 0 THEN 'notAssessed' WHEN met > 0 THEN 'met' ELSE 'notMet' END AS "any",
              CASE WHEN met + "notMet" = 0 THEN 'notAssessed' WHEN met > "notMet" THEN 'met' ELSE 'notMet' END AS majority
         FROM counted ORDER BY path`,
      [programId, periodYear, provinceCode, periodEndsOn, COMMUNE_LEVEL, TEST_TODAY],
    );
  }

  it('keeps a 2020 result on the commune as it was: an old Hải Dương commune, and a code that lives on as a ward', async () => {
    const [gone] = await t.db.query<{ code: string; fullName: string; outcome: string }>(
      `SELECT v.code, v."fullName", a.outcome FROM "UnitVersion" v
         JOIN "Assessment" a ON a."unitId" = v."unitId" AND a."programId" = 'newRural192' AND a."periodYear" = 2020
        WHERE v."provinceCode" = '30' AND v."validTo" = '2025-06-30' AND a.outcome = 'notMet'
          AND NOT EXISTS (SELECT 1 FROM "UnitVersion" n WHERE n."unitId" = v."unitId" AND n."validTo" IS NULL)
        ORDER BY v.code LIMIT 1`,
    );
    const { data } = await t.gql(
      `query($code: String!) {
        then: unit(code: $code, asOf: "2020-11-15") { ... on Unit {
          fullName kind parent { kind }
          assessment(programId: "newRural192", periodYear: 2020) { outcome periodEndsOn setVersion { setId } unit { fullName } explanation { status failingCriteria { code } } }
          successors { event to { provinceCode } }
        } }
        now: unit(code: $code) { __typename }
      }`,
      { code: gone!.code },
    );
    expect(data!.then).toMatchObject({
      fullName: gone!.fullName,
      kind: 'commune',
      parent: { kind: 'district' },
      assessment: { outcome: 'notMet', periodEndsOn: '2020-11-15', setVersion: { setId: 'ntm-19-2-2016' }, unit: { fullName: gone!.fullName }, explanation: { status: 'notMet' } },
    });
    expect(data!.then.assessment.explanation.failingCriteria.length).toBeGreaterThan(0);
    expect(data!.then.successors.length).toBeGreaterThan(0);
    expect(data!.then.successors.every((s: any) => s.to.provinceCode === '31')).toBe(true);
    expect(data!.now).toEqual({ __typename: 'NotFoundError' });

    // 10678 was Xã Bạch Đằng (Hải Dương) in 2020 and is Phường Bắc An Phụ (Hải Phòng) now: the 2020
    // result belongs to the commune of 2020, not to today's ward that absorbed it and others.
    const { data: kept } = await t.gql(`{
      then: unit(code: "10678", asOf: "2020-11-15") { ... on Unit { kind assessment(programId: "newRural192", periodYear: 2020) { outcome } } }
      now: unit(code: "10678") { ... on Unit { kind assessment(programId: "newRural192", periodYear: 2020) { outcome } latest: assessment(programId: "newRural192") { periodYear } } }
    }`);
    const [stored] = await t.db.query<{ outcome: string }>(
      `SELECT a.outcome FROM "Assessment" a JOIN "Unit" u ON u.id = a."unitId" WHERE u.code = '10678' AND a."programId" = 'newRural192' AND a."periodYear" = 2020`,
    );
    expect(kept).toEqual({ then: { kind: 'commune', assessment: { outcome: stored!.outcome } }, now: { kind: 'ward', assessment: null, latest: null } });
  });

  it('restates 2020’s 19.2 results onto today’s communes of Hải Phòng under each rule, as SQL computes them', async () => {
    const expected = await expectedFromSql('newRural192', 2020, '31', '2020-11-15');
    const [{ communes }] = (await t.db.query<{ communes: number }>(
      `SELECT count(*)::int AS communes FROM "UnitVersion" WHERE "provinceCode" = '31' AND kind = ANY($1::text[]) AND "validTo" IS NULL`,
      [COMMUNE_LEVEL],
    )) as [{ communes: number }];
    // Every commune of today's Hải Phòng came out of the 2025 arrangement, so each has links.
    expect(expected).toHaveLength(communes);
    // The rules must disagree somewhere for the comparison to mean anything.
    expect(expected.some((row) => row.all !== row.any)).toBe(true);
    expect(expected.some((row) => row.majority !== row.all && row.majority !== row.any) || expected.some((row) => row.majority !== row.any)).toBe(true);

    const distinct = await t.db.query<{ outcome: string | null; n: number }>(
      `SELECT a.outcome, count(DISTINCT l."fromUnitId")::int AS n
         FROM "UnitLineage" l
         JOIN "UnitVersion" c ON c."unitId" = l."toUnitId" AND c."validTo" IS NULL AND c."provinceCode" = '31' AND c.kind = ANY($1::text[])
         LEFT JOIN "Assessment" a ON a."unitId" = l."fromUnitId" AND a."programId" = 'newRural192' AND a."periodYear" = 2020
        GROUP BY 1`,
      [COMMUNE_LEVEL],
    );
    const predecessors = (outcome: string | null) => distinct.filter((row) => row.outcome === outcome).reduce((sum, row) => sum + row.n, 0);

    for (const rule of RULES) {
      const r = await restated({ programId: 'newRural192', periodYear: 2020, areaCode: '31', rule });
      expect(r).toMatchObject({ __typename: 'RestatedResults', asOf: TEST_TODAY, periodEndsOn: '2020-11-15', rule });
      const key = rule.toLowerCase() as 'all' | 'any' | 'majority';
      expect(
        r.communes.map((c: any) => ({
          code: c.code,
          met: c.predecessorsMet,
          notMet: c.predecessorsNotMet,
          withoutResult: c.predecessorsWithoutResult,
          [key]: c.outcome,
          predecessors: c.predecessors.map((p: any) => ({ code: p.code, outcome: p.outcome, event: p.event, share: p.share })),
        })),
      ).toEqual(expected.map((row) => ({ code: row.code, met: row.met, notMet: row.notMet, withoutResult: row.withoutResult, [key]: row[key], predecessors: row.predecessors })));
      const count = (outcome: string) => expected.filter((row) => row[key] === outcome).length;
      expect(r.totals).toEqual({
        communes,
        met: count('met'),
        notMet: count('notMet'),
        notAssessed: count('notAssessed'),
        sharePercent: expect.closeTo((count('met') / communes) * 100, 9),
        predecessors: distinct.reduce((sum, row) => sum + row.n, 0),
        predecessorsMet: predecessors('met'),
        predecessorsNotMet: predecessors('notMet'),
        predecessorsWithoutResult: predecessors(null),
      });
    }
  });

  it('shows each predecessor as it was, and a split commune in every commune it went into, in part', async () => {
    const r = await restated({ programId: 'newRural192', periodYear: 2020, areaCode: '31' });
    const all = r.communes.flatMap((c: any) => c.predecessors.map((p: any) => ({ ...p, commune: c.code })));
    // Before the change: every predecessor's version ended on 30 June 2025.
    expect(all.every((p: any) => p.unit.validTo === '2025-06-30' && p.unit.code === p.code)).toBe(true);
    expect(r.communes.every((c: any) => c.unit.validFrom === '2025-07-01' && c.unit.validTo === null)).toBe(true);

    const [split] = await t.db.query<{ code: string; into: string[] }>(
      `SELECT f.code, array_agg(c.code ORDER BY c.code) AS into
         FROM "UnitLineage" l JOIN "Unit" f ON f.id = l."fromUnitId"
         JOIN "UnitVersion" c ON c."unitId" = l."toUnitId" AND c."validTo" IS NULL AND c."provinceCode" = '31'
        WHERE l.share = 'partial'
        GROUP BY f.code HAVING count(*) > 1 ORDER BY f.code LIMIT 1`,
    );
    const listed = all.filter((p: any) => p.code === split!.code);
    expect(listed.map((p: any) => p.commune).sort()).toEqual(split!.into);
    expect(listed.every((p: any) => p.share === 'partial' && p.event === 'split')).toBe(true);
    // …yet it is one predecessor in the totals.
    expect(r.totals.predecessors).toBeLessThan(all.length);

    // The predecessor is the unit its own stored result belongs to.
    const sample = all.find((p: any) => p.outcome === 'notMet')!;
    const { data } = await t.gql(`query($code: String!) { unit(code: $code, asOf: "2020-11-15") { ... on Unit { assessment(programId: "newRural192", periodYear: 2020) { outcome } } } }`, {
      code: sample.code,
    });
    expect(data!.unit.assessment.outcome).toBe('notMet');
  });

  it('leaves a commune unchanged since the period standing for itself: 2026 restated is 2026 as reported', async () => {
    const r = await restated({ programId: 'safeSecurityOrder', periodYear: 2026, areaCode: '31', rule: 'MAJORITY' });
    expect(r.communes.every((c: any) => c.predecessors.length === 1 && c.predecessors[0].code === c.code && c.predecessors[0].event === null)).toBe(true);
    const own = await t.db.query<{ code: string; outcome: string }>(
      `SELECT v.code, a.outcome FROM "UnitVersion" v
         JOIN "Assessment" a ON a."unitId" = v."unitId" AND a."programId" = 'safeSecurityOrder' AND a."periodYear" = 2026
        WHERE v."provinceCode" = '31' AND v.kind = ANY($1::text[]) AND v."validTo" IS NULL`,
      [COMMUNE_LEVEL],
    );
    expect(Object.fromEntries(r.communes.map((c: any) => [c.code, c.outcome]))).toEqual(Object.fromEntries(own.map((row) => [row.code, row.outcome])));
    const { data } = await t.gql(`{ report(programId: "safeSecurityOrder", periodYear: 2026, areaCode: "31") { ... on Report { units met notMet notAssessed } } }`);
    const { units, ...figures } = data!.report;
    expect(r.totals).toMatchObject({ communes: units, ...figures });
  });

  it('restates onto the communes of `asOf`: on 31 Dec 2024 Hải Dương’s communes are their own predecessors', async () => {
    const r = await restated({ programId: 'newRural192', periodYear: 2020, areaCode: '30', asOf: '2024-12-31' });
    const [{ units, met, notMet }] = (await t.db.query<{ units: number; met: number; notMet: number }>(
      `SELECT count(*)::int AS units, count(*) FILTER (WHERE a.outcome = 'met')::int AS met, count(*) FILTER (WHERE a.outcome = 'notMet')::int AS "notMet"
         FROM "UnitVersion" v
         LEFT JOIN "Assessment" a ON a."unitId" = v."unitId" AND a."programId" = 'newRural192' AND a."periodYear" = 2020
        WHERE v."provinceCode" = '30' AND v.kind = ANY($1::text[]) AND v."validFrom" <= '2024-12-31' AND v."validTo" >= '2024-12-31'`,
      [COMMUNE_LEVEL],
    )) as [{ units: number; met: number; notMet: number }];
    expect(r).toMatchObject({ asOf: '2024-12-31', totals: { communes: units, met, notMet, notAssessed: units - met - notMet } });
    expect(r.communes.every((c: any) => c.predecessors.length === 1 && c.predecessors[0].code === c.code)).toBe(true);
    // Hải Dương no longer exists today.
    expect(await restated({ programId: 'newRural192', periodYear: 2020, areaCode: '30' })).toEqual({
      __typename: 'NotFoundError',
      code: 'NOT_FOUND',
      message: `Không tìm thấy đơn vị "30 ngày ${TEST_TODAY}"`,
    });
  });

  it('rejects an unknown program or area, a year without a period, and a rule it does not know', async () => {
    expect(await restated({ programId: 'noSuchProgram', periodYear: 2020, areaCode: '31' })).toMatchObject({ __typename: 'NotFoundError', message: 'Không tìm thấy chương trình "noSuchProgram"' });
    expect(await restated({ programId: 'newRural192', periodYear: 2020, areaCode: '99' })).toMatchObject({ __typename: 'NotFoundError' });
    expect(await restated({ programId: 'newRural192', periodYear: 0, areaCode: '31' })).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION' });
    const wrongRule = await t.gql(RESTATED, { programId: 'newRural192', periodYear: 2020, areaCode: '31', rule: 'SOME' });
    expect(wrongRule.errors?.[0]?.message).toMatch(/RestatementRule/);
  });

  it('loads the same number of statements for one commune as for a province', async () => {
    const query = `query($areaCode: String!) { restatedResults(programId: "newRural192", periodYear: 2020, areaCode: $areaCode) { ... on RestatedResults {
      communes { code unit { fullName parent { code } } predecessors { code unit { fullName parent { fullName } assessment(programId: "newRural192", periodYear: 2020) { outcome } } } }
    } } }`;
    const one = await t.db.statements.measure(() => t.gql(query, { areaCode: '10606' }));
    const province = await t.db.statements.measure(() => t.gql(query, { areaCode: '31' }));
    expect(one.result.errors).toBeUndefined();
    expect(province.result.errors).toBeUndefined();
    expect(one.result.data!.restatedResults.communes).toHaveLength(1);
    expect(province.result.data!.restatedResults.communes.length).toBeGreaterThan(100);
    expect(province.count).toBe(one.count);
  });

  // Last: it changes the administrative history of this file's database.
  it('follows a chain of changes back: two of today’s communes merged after today restate from their 2020 predecessors', async () => {
    const [a, b] = await t.db.query<{ unitId: string; code: string; parentId: string }>(
      `SELECT "unitId", code, "parentId" FROM "UnitVersion" WHERE "provinceCode" = '31' AND kind = 'commune' AND "validTo" IS NULL ORDER BY code LIMIT 2`,
    );
    const merged = { unitId: randomUUID(), code: '99901' };
    await t.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO "Unit" (id, code) VALUES ($1, $2)`, [merged.unitId, merged.code]);
      await tx.query(
        `INSERT INTO "UnitVersion" (id, "unitId", code, kind, name, "fullName", "searchName", "parentId", "parentCode", path, "provinceCode", attributes, "validFrom", "legalAct")
         VALUES ($1, $2, $3, 'commune', 'Thử nghiệm', 'Xã Thử nghiệm', 'xa thu nghiem', $4, '31', '31/' || $3, '31', '{}', '2026-12-01', 'Nghị quyết thử nghiệm')`,
        [randomUUID(), merged.unitId, merged.code, a!.parentId],
      );
      await tx.query(`UPDATE "UnitVersion" SET "validTo" = '2026-11-30' WHERE "unitId" = ANY($1::uuid[]) AND "validTo" IS NULL`, [[a!.unitId, b!.unitId]]);
      for (const from of [a!, b!]) {
        await tx.query(
          `INSERT INTO "UnitLineage" (id, "fromUnitId", "toUnitId", event, share, "effectiveOn") VALUES ($1, $2, $3, 'merge', 'full', '2026-12-01')`,
          [randomUUID(), from.unitId, merged.unitId],
        );
      }
    });

    const before = await restated({ programId: 'newRural192', periodYear: 2020, areaCode: '31' });
    const after = await restated({ programId: 'newRural192', periodYear: 2020, areaCode: '31', asOf: '2026-12-15' });
    const predecessorsOf = (r: any, code: string) => r.communes.find((c: any) => c.code === code).predecessors.map((p: any) => p.code);
    expect(after.totals.communes).toBe(before.totals.communes - 1);
    expect(after.communes.map((c: any) => c.code)).not.toContain(a!.code);
    // Through both changes, back to the units of 2020 — not to the two communes of 2025–2026.
    expect([...predecessorsOf(after, merged.code)].sort()).toEqual([...predecessorsOf(before, a!.code), ...predecessorsOf(before, b!.code)].sort());
    expect(after.totals.predecessors).toBe(before.totals.predecessors);

    // Restating 2026 onto the commune of 15 December: its predecessors are the two communes of 2026.
    const recent = await restated({ programId: 'safeSecurityOrder', periodYear: 2026, areaCode: '31', asOf: '2026-12-15', rule: 'ALL' });
    const commune = recent.communes.find((c: any) => c.code === merged.code);
    expect(commune.predecessors.map((p: any) => ({ code: p.code, event: p.event, validTo: p.unit.validTo }))).toEqual([
      { code: a!.code, event: 'merge', validTo: '2026-11-30' },
      { code: b!.code, event: 'merge', validTo: '2026-11-30' },
    ]);
    const own = await t.db.query<{ outcome: string }>(
      `SELECT a.outcome FROM "Assessment" a WHERE a."unitId" = ANY($1::uuid[]) AND a."programId" = 'safeSecurityOrder' AND a."periodYear" = 2026`,
      [[a!.unitId, b!.unitId]],
    );
    expect(commune.outcome).toBe(own.every((row) => row.outcome === 'met') ? 'met' : 'notMet');
  });
});
