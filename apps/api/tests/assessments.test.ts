import { beforeAll, describe, expect, it } from 'vitest';
import { databaseKindsUnderTest, useTestApi } from './harness.ts';

const ASSESSMENT = `
  id periodYear periodStartsOn periodEndsOn outcome revision baselineId
  setVersion { setId version }
  results { criterionId value note }
  explanation {
    status summary missingInputs
    criteria { id code kind measureType status reason detail }
    whatWouldChange { code text needed }
  }`;

const OPEN = `mutation($input: OpenAssessmentInput!) {
  openAssessment(input: $input) {
    __typename
    ... on Assessment { ${ASSESSMENT} }
    ... on Error { code message }
    ... on ConflictError { currentRevision }
  }
}`;

const RECORD = `mutation($id: ID!, $revision: Int!, $results: [CriterionResultInput!]!) {
  recordCriterionResults(assessmentId: $id, revision: $revision, results: $results) {
    __typename
    ... on Assessment { ${ASSESSMENT} }
    ... on Error { code message }
    ... on ValidationError { issues { code path message } }
    ... on ConflictError { currentRevision }
  }
}`;

const TT124_COMMUNE_SHARE = 'tt124-commune.children.recognised';
const KDC_POLICY = 'tt124-kdc.policy';

describe.each(databaseKindsUnderTest())('assessments on %s', (kind) => {
  const t = useTestApi(kind);

  const open = async (input: Record<string, unknown>) => {
    const { data, errors } = await t.gql(OPEN, { input });
    expect(errors).toBeUndefined();
    return data!.openAssessment;
  };
  const record = async (id: string, revision: number, results: unknown[]) => {
    const { data, errors } = await t.gql(RECORD, { id, revision, results });
    expect(errors).toBeUndefined();
    return data!.recordCriterionResults;
  };

  /**
   * Every row of the assessment tables, hashed: equal before and after means nothing was written.
   * An assessment is hashed by what any write changes (outcome, revision, updatedAt, evaluatedAt),
   * not by its explanation, to keep this fast.
   */
  async function snapshot() {
    const [row] = await t.db.query<Record<string, string | number>>(`
      SELECT (SELECT count(*) FROM "Assessment")::int AS assessments,
             (SELECT md5(coalesce(string_agg(concat_ws(',', x.id, x.outcome, x.grade, x.revision, x."updatedAt", x."evaluatedAt"), '|' ORDER BY x.id), ''))
                FROM "Assessment" x) AS "assessmentRows",
             (SELECT count(*) FROM "CriterionResult")::int AS results,
             (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM "CriterionResult" x) AS "resultRows",
             (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM "Attachment" x) AS "attachmentRows"`);
    return row!;
  }

  /** A demo residential area of province 31 with its 2026 TT124 assessment, by outcome. */
  async function demoArea(outcome: 'met' | 'notMet', skip = 0) {
    const rows = await t.db.query<{ code: string; assessmentId: string }>(
      `SELECT v.code, a.id AS "assessmentId"
         FROM "UnitVersion" v
         JOIN "Assessment" a ON a."unitId" = v."unitId" AND a."programId" = 'safeSecurityOrder' AND a."periodYear" = 2026
        WHERE v.kind = 'residentialArea' AND v."provinceCode" = '31' AND v."validTo" IS NULL AND a.outcome = $1
        ORDER BY v.code LIMIT 1 OFFSET $2`,
      [outcome, skip],
    );
    return rows[0]!;
  }

  async function storedAssessment(unitCode: string, programId: string, periodYear: number) {
    const rows = await t.db.query<{ id: string; outcome: string; revision: number; explanation: any }>(
      `SELECT a.id, a.outcome, a.revision, a.explanation FROM "Assessment" a JOIN "Unit" u ON u.id = a."unitId"
        WHERE u.code = $1 AND a."programId" = $2 AND a."periodYear" = $3`,
      [unitCode, programId, periodYear],
    );
    return rows[0];
  }

  /** What a report's drill-down shows of a unit's TT124 assessment: only stored-summary fields. */
  async function drillDown(unitCode: string, periodYear: number) {
    const { data, errors } = await t.gql(
      `query($code: String!, $year: Int!) { unit(code: $code) { ... on Unit { assessment(programId: "safeSecurityOrder", periodYear: $year) {
        explanation { status summary failingCriteria { id code status reason } } } } } }`,
      { code: unitCode, year: periodYear },
    );
    expect(errors).toBeUndefined();
    return data!.unit.assessment.explanation;
  }

  describe('opening a period', () => {
    it('opens 2027 for a residential area under the governing TT124 set, with every input still missing', async () => {
      const area = await demoArea('met');
      const opened = await open({ unitCode: area.code, programId: 'safeSecurityOrder', periodYear: 2027 });
      expect(opened).toMatchObject({
        __typename: 'Assessment',
        periodYear: 2027,
        // Residential areas run 1 Nov → 31 Oct; the period is named by the year it ends in.
        periodStartsOn: '2026-11-01',
        periodEndsOn: '2027-10-31',
        outcome: 'notAssessed',
        revision: 1,
        baselineId: null,
        setVersion: { setId: 'tt124-residential-area', version: 1 },
        results: [],
      });
      expect(opened.explanation.status).toBe('notAssessed');
      const leaves = opened.explanation.criteria.filter((c: any) => c.measureType === 'boolean').map((c: any) => c.id);
      expect(leaves).toContain(KDC_POLICY);
      expect([...opened.explanation.missingInputs].sort()).toEqual([...leaves].sort());
      // A missing input is "not assessed", never "not met".
      expect(opened.explanation.criteria.every((c: any) => c.status === 'notAssessed')).toBe(true);

      const again = await open({ unitCode: area.code, programId: 'safeSecurityOrder', periodYear: 2027 });
      expect(again).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT', currentRevision: 1 });
    });

    it('carries last period’s recorded values with fromPreviousPeriod, so the outcome starts where 2026 ended', async () => {
      for (const outcome of ['met', 'notMet'] as const) {
        const area = await demoArea(outcome, 1);
        const previous = await t.db.query<{ criterionId: string; value: unknown }>(
          `SELECT "criterionId", value FROM "CriterionResult" WHERE "assessmentId" = $1 ORDER BY "criterionId"`,
          [area.assessmentId],
        );
        expect(previous.length).toBeGreaterThan(0);
        const opened = await open({ unitCode: area.code, programId: 'safeSecurityOrder', periodYear: 2027, fromPreviousPeriod: true });
        expect(opened.__typename).toBe('Assessment');
        expect(opened.baselineId).toBe(area.assessmentId);
        expect(opened.results.map((r: any) => ({ criterionId: r.criterionId, value: r.value }))).toEqual(previous);
        expect(opened.results.every((r: any) => r.note === 'Từ kỳ 2026')).toBe(true);
        expect(opened.outcome).toBe(outcome);
        expect(opened.explanation.missingInputs).toEqual([]);
      }
    });

    it('judges a unit as it was at the end of the period: a 2020 township gets no 19.2 assessment', async () => {
      // 10606 was Thị trấn Nam Sách in 2020 and has been Xã Nam Sách since July 2025; 19.2 covers communes only.
      const [versions] = await t.db.query<{ kinds: string[] }>(`SELECT array_agg(kind ORDER BY "validFrom") AS kinds FROM "UnitVersion" WHERE code = '10606'`);
      expect(versions!.kinds).toEqual(['township', 'commune']);
      const before = await snapshot();
      const result = await open({ unitCode: '10606', programId: 'newRural192', periodYear: 2020 });
      expect(result).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION', message: expect.stringContaining('township') });
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('recording results', () => {
    it('explains the outcome of recorded values and what would change it', async () => {
      const area = await demoArea('met', 2);
      const opened = await open({ unitCode: area.code, programId: 'safeSecurityOrder', periodYear: 2027 });
      const leaves: string[] = opened.explanation.missingInputs;
      const failing = await record(
        opened.id,
        1,
        leaves.map((criterionId) => ({ criterionId, value: criterionId !== KDC_POLICY })),
      );
      expect(failing).toMatchObject({ __typename: 'Assessment', outcome: 'notMet', revision: 2 });
      expect(failing.explanation.status).toBe('notMet');
      expect(failing.explanation.summary).toMatch(/^Chưa đạt/);
      const policy = failing.explanation.criteria.find((c: any) => c.id === KDC_POLICY);
      expect(policy).toMatchObject({ code: '2', status: 'notMet', reason: expect.stringMatching(/^Chưa đạt/) });
      expect(failing.explanation.criteria.filter((c: any) => c.status === 'notMet').map((c: any) => c.code)).toEqual(['2']);
      expect(failing.explanation.whatWouldChange).toEqual([expect.objectContaining({ code: '2', text: expect.any(String) })]);
      expect(failing.results).toHaveLength(leaves.length);
      // A drill-down reads the stored summary, re-evaluated with the explanation it summarises.
      const notMet = (criteria: any[]) => criteria.filter((c) => c.status === 'notMet').map(({ id, code, status, reason }) => ({ id, code, status, reason }));
      expect(await drillDown(area.code, 2027)).toEqual({ status: 'notMet', summary: failing.explanation.summary, failingCriteria: notMet(failing.explanation.criteria) });

      const fixed = await record(opened.id, 2, [{ criterionId: KDC_POLICY, value: true, note: 'Đã khắc phục' }]);
      expect(fixed).toMatchObject({ __typename: 'Assessment', outcome: 'met', revision: 3 });
      expect(fixed.explanation).toMatchObject({ status: 'met', whatWouldChange: [] });
      expect(fixed.results.find((r: any) => r.criterionId === KDC_POLICY)).toEqual({ criterionId: KDC_POLICY, value: true, note: 'Đã khắc phục' });
      const stored = await storedAssessment(area.code, 'safeSecurityOrder', 2027);
      expect(stored).toMatchObject({ outcome: 'met', revision: 3 });
      expect(await drillDown(area.code, 2027)).toEqual({ status: 'met', summary: fixed.explanation.summary, failingCriteria: [] });
    });

    it('cascades to the commune: TT124’s share of recognised children, then 19.2, which follows TT124', async () => {
      // A commune that met both programs in 2026 with the smallest margin on the 70% share.
      const [commune] = await t.db.query<{ code: string; met: number; total: number; margin: number; requiredMet: number }>(
        `SELECT v.code, (c->'detail'->>'met')::int AS met, (c->'detail'->>'total')::int AS total,
                (c->'detail'->>'margin')::int AS margin, (c->'detail'->>'requiredMet')::int AS "requiredMet"
           FROM "Assessment" a
           JOIN "UnitVersion" v ON v."unitId" = a."unitId" AND v."validTo" IS NULL
           CROSS JOIN jsonb_array_elements(a.explanation->'criteria') c
          WHERE a."programId" = 'safeSecurityOrder' AND a."periodYear" = 2026 AND a.outcome = 'met'
            AND v.kind = 'commune' AND v."provinceCode" = '31' AND c->>'id' = $1
            AND EXISTS (SELECT 1 FROM "Assessment" n WHERE n."unitId" = a."unitId" AND n."programId" = 'newRural192' AND n."periodYear" = 2026 AND n.outcome = 'met')
          ORDER BY 4, 1 LIMIT 1`,
        [TT124_COMMUNE_SHARE],
      );
      expect(commune).toBeDefined();
      const villages = await t.db.query<{ code: string; id: string; revision: number }>(
        `SELECT v.code, a.id, a.revision FROM "UnitVersion" v
           JOIN "Assessment" a ON a."unitId" = v."unitId" AND a."programId" = 'safeSecurityOrder' AND a."periodYear" = 2026
          WHERE v."parentCode" = $1 AND v.kind = 'residentialArea' AND v."validTo" IS NULL AND a.outcome = 'met'
          ORDER BY v.code`,
        [commune!.code],
      );
      const flips = commune!.margin + 1;
      expect(villages.length).toBeGreaterThanOrEqual(flips);

      const shareOf = (explanation: any) => explanation.criteria.find((c: any) => c.id === TT124_COMMUNE_SHARE);
      for (const [index, village] of villages.slice(0, flips).entries()) {
        const result = await record(village.id, village.revision, [{ criterionId: KDC_POLICY, value: false }]);
        expect(result).toMatchObject({ __typename: 'Assessment', outcome: 'notMet' });
        // The commune is re-evaluated at once: its stored outcome and reason follow every change.
        const tt124 = await storedAssessment(commune!.code, 'safeSecurityOrder', 2026);
        const met = commune!.met - index - 1;
        expect(shareOf(tt124!.explanation)).toMatchObject({ detail: expect.objectContaining({ met, total: commune!.total }) });
        expect(shareOf(tt124!.explanation).reason).toContain(`${met}/${commune!.total}`);
        expect(tt124!.outcome).toBe(index < flips - 1 ? 'met' : 'notMet');
      }

      // Counted again, independently: the commune's children that met TT124 in 2026 now.
      const [{ metChildren }] = (await t.db.query<{ metChildren: number }>(
        `SELECT count(*)::int AS "metChildren" FROM "UnitVersion" v
           JOIN "Assessment" a ON a."unitId" = v."unitId" AND a."programId" = 'safeSecurityOrder' AND a."periodYear" = 2026
          WHERE v."parentCode" = $1 AND v."validTo" IS NULL AND a.outcome = 'met'`,
        [commune!.code],
      )) as [{ metChildren: number }];
      expect(metChildren).toBe(commune!.requiredMet - 1);

      const { data } = await t.gql(
        `query($code: String!) { unit(code: $code) { ... on Unit {
          tt124: assessment(programId: "safeSecurityOrder", periodYear: 2026) { outcome explanation { status summary criteria { code status reason } whatWouldChange { code text needed } } }
          ntm: assessment(programId: "newRural192", periodYear: 2026) { outcome explanation { status criteria { code status reason } whatWouldChange { code text needed } } }
        } } }`,
        { code: commune!.code },
      );
      const { tt124, ntm } = data!.unit;
      expect(tt124.outcome).toBe('notMet');
      expect(tt124.explanation.summary).toMatch(/^Chưa đạt/);
      expect(tt124.explanation.criteria.find((c: any) => c.code === '5.2')).toMatchObject({
        status: 'notMet',
        reason: expect.stringContaining(`${metChildren}/${commune!.total}`),
      });
      // One more recognised child would do: "thêm 1 … → xã đạt".
      expect(tt124.explanation.whatWouldChange).toContainEqual(expect.objectContaining({ code: '5.2', needed: 1 }));
      expect(ntm.outcome).toBe('notMet');
      expect(ntm.explanation.criteria.find((c: any) => c.code === 'TT124')).toMatchObject({ status: 'notMet' });
      expect(ntm.explanation.criteria.filter((c: any) => c.status === 'notMet').map((c: any) => c.code)).toEqual(['TT124']);

      // And back: one village fixed, the commune and 19.2 meet again.
      const last = villages[flips - 1]!;
      const fixed = await record(last.id, last.revision + 1, [{ criterionId: KDC_POLICY, value: true }]);
      expect(fixed.outcome).toBe('met');
      expect((await storedAssessment(commune!.code, 'safeSecurityOrder', 2026))!.outcome).toBe('met');
      expect((await storedAssessment(commune!.code, 'newRural192', 2026))!.outcome).toBe('met');
    });
  });

  describe('bad input leaves the database unchanged', () => {
    let target: { id: string; revision: number };
    let communeAssessment: string;
    beforeAll(async () => {
      const area = await demoArea('notMet', 2);
      const [row] = await t.db.query<{ id: string; revision: number }>(`SELECT id, revision FROM "Assessment" WHERE id = $1`, [area.assessmentId]);
      target = row!;
      const [commune] = await t.db.query<{ id: string }>(
        `SELECT a.id FROM "Assessment" a JOIN "UnitVersion" v ON v."unitId" = a."unitId" AND v."validTo" IS NULL
          WHERE v."provinceCode" = '31' AND v.kind = 'commune' AND a."programId" = 'safeSecurityOrder' AND a."periodYear" = 2026 LIMIT 1`,
      );
      communeAssessment = commune!.id;
    });

    async function unchanged<T>(action: () => Promise<T>): Promise<T> {
      const before = await snapshot();
      const result = await action();
      expect(await snapshot()).toEqual(before);
      return result;
    }

    it('an unknown unit code or program', async () => {
      expect(await unchanged(() => open({ unitCode: '99999', programId: 'safeSecurityOrder', periodYear: 2027 }))).toMatchObject({
        __typename: 'NotFoundError',
        code: 'NOT_FOUND',
        message: 'Không tìm thấy đơn vị "99999"',
      });
      const area = await demoArea('met', 3);
      expect(await unchanged(() => open({ unitCode: area.code, programId: 'noSuchProgram', periodYear: 2027 }))).toMatchObject({
        __typename: 'NotFoundError',
        message: 'Không tìm thấy chương trình "noSuchProgram"',
      });
      // Carrying over from a period that has no assessment.
      expect(await unchanged(() => open({ unitCode: area.code, programId: 'safeSecurityOrder', periodYear: 2029, fromPreviousPeriod: true }))).toMatchObject({
        __typename: 'NotFoundError',
      });
    });

    it('an unknown assessment id, well-formed or not', async () => {
      const ofAnotherType = Buffer.from('Unit:00000000-0000-4000-8000-000000000000').toString('base64');
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', ofAnotherType]) {
        expect(await unchanged(() => record(id, 1, [{ criterionId: KDC_POLICY, value: true }]))).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
      }
    });

    it('a value of the wrong type, even next to a valid one', async () => {
      const result = await unchanged(() =>
        record(target.id, target.revision, [
          { criterionId: 'tt124-kdc.criterion-4', value: true },
          { criterionId: KDC_POLICY, value: 'yes' },
        ]),
      );
      expect(result).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION' });
      expect(result.issues).toEqual([{ code: 'invalidShape', path: 'results[1].value', message: 'expected true or false' }]);
    });

    it('a value for a computed criterion (the share of recognised children)', async () => {
      const result = await unchanged(() => record(communeAssessment, 1, [{ criterionId: TT124_COMMUNE_SHARE, value: 80 }]));
      expect(result).toMatchObject({ __typename: 'ValidationError' });
      expect(result.issues).toEqual([{ code: 'unknownTarget', path: 'results[0].criterionId', message: expect.stringContaining('computed') }]);
    });

    it('an unknown criterion id', async () => {
      const result = await unchanged(() => record(target.id, target.revision, [{ criterionId: 'tt124-kdc.no-such-thing', value: true }]));
      expect(result.issues).toEqual([{ code: 'unknownTarget', path: 'results[0].criterionId', message: expect.stringContaining('no criterion "tt124-kdc.no-such-thing"') }]);
    });

    it('a stale revision', async () => {
      const result = await unchanged(() => record(target.id, target.revision - 1, [{ criterionId: KDC_POLICY, value: true }]));
      expect(result).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT', currentRevision: target.revision });
    });
  });

  it('opens a period once when 20 requests open it at the same time; the others get a typed CONFLICT', async () => {
    const area = await demoArea('met', 5);
    const input = { unitCode: area.code, programId: 'safeSecurityOrder', periodYear: 2028 };
    const answers = await Promise.all(Array.from({ length: 20 }, () => t.gql(OPEN, { input })));
    expect(answers.flatMap((answer) => answer.errors ?? [])).toEqual([]);
    const opened = answers.map((answer) => answer.data!.openAssessment);
    const winners = opened.filter((r: any) => r.__typename === 'Assessment');
    expect(winners).toHaveLength(1);
    expect(opened.filter((r: any) => r.__typename === 'ConflictError')).toHaveLength(19);
    expect(opened.filter((r: any) => r.__typename === 'ConflictError')[0]).toMatchObject({ code: 'CONFLICT', currentRevision: 1 });
    const [{ n }] = (await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Assessment" a JOIN "Unit" u ON u.id = a."unitId" WHERE u.code = $1 AND a."programId" = 'safeSecurityOrder' AND a."periodYear" = 2028`,
      [area.code],
    )) as [{ n: number }];
    expect(n).toBe(1);
    const stored = await storedAssessment(area.code, 'safeSecurityOrder', 2028);
    const events = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'assessment.open' AND "entityId" = $1`, [stored!.id]);
    expect(events[0]!.n).toBe(1);
  });

  it('lets exactly one of two concurrent saves on the same revision win', async () => {
    const area = await demoArea('met', 4);
    const [before] = await t.db.query<{ revision: number }>(`SELECT revision FROM "Assessment" WHERE id = $1`, [area.assessmentId]);
    const results = await Promise.all(
      [false, true].map((value) => record(area.assessmentId, before!.revision, [{ criterionId: KDC_POLICY, value, note: `save ${value}` }])),
    );
    const winners = results.filter((r: any) => r.__typename === 'Assessment');
    const losers = results.filter((r: any) => r.__typename === 'ConflictError');
    expect(winners).toHaveLength(1);
    expect(losers).toEqual([expect.objectContaining({ code: 'CONFLICT', currentRevision: before!.revision + 1 })]);
    const winner = winners[0]!;
    expect(winner.revision).toBe(before!.revision + 1);
    const [stored] = await t.db.query<{ revision: number; value: unknown; note: string; outcome: string }>(
      `SELECT a.revision, r.value, r.note, a.outcome FROM "Assessment" a JOIN "CriterionResult" r ON r."assessmentId" = a.id AND r."criterionId" = $2 WHERE a.id = $1`,
      [area.assessmentId, KDC_POLICY],
    );
    const won = winner.results.find((r: any) => r.criterionId === KDC_POLICY);
    expect(stored).toEqual({ revision: before!.revision + 1, value: won.value, note: won.note, outcome: winner.outcome });
    expect(winner.outcome).toBe(won.value ? 'met' : 'notMet');
  });
});
