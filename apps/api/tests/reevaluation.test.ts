import { createUserWithGrant, DEMO_PASSWORD } from '@antt/db';
import { describe, expect, it } from 'vitest';
import { evaluateLive } from '../src/services/assessments.ts';
import { databaseKindsUnderTest, useTestApi, type TestApi } from './harness.ts';

/*
 * Re-evaluation of parents after a child's results change: concurrent saves of a commune's villages
 * leave the commune's stored outcome equal to what its committed children give, and a decided
 * (locked) assessment keeps its outcome and explanation whatever its children do.
 */

const TT124 = 'safeSecurityOrder';
const YEAR = 2026;
const SHARE = 'tt124-commune.children.recognised';
const KDC_POLICY = 'tt124-kdc.policy';

const RECORD = `mutation($id: ID!, $revision: Int!, $results: [CriterionResultInput!]!) {
  recordCriterionResults(assessmentId: $id, revision: $revision, results: $results) {
    __typename
    ... on Assessment { revision outcome }
    ... on Error { code message }
  }
}`;

const WORKFLOW = `revision locked currentStep { id } snapshot`;

const FOR = `query($unitCode: String!) {
  assessmentFor(unitCode: $unitCode, programId: "${TT124}", periodYear: ${YEAR}) {
    __typename ... on Assessment { id outcome explanation { status summary criteria { id status reason } } workflow { ${WORKFLOW} } }
  }
}`;

const ACT = `mutation($id: ID!, $revision: Int!, $action: WorkflowActionInput!) {
  actOnAssessment(assessmentId: $id, revision: $revision, action: $action) {
    __typename
    ... on Assessment { workflow { ${WORKFLOW} } }
    ... on Error { code message }
  }
}`;

interface Village {
  readonly code: string;
  readonly id: string;
  readonly outcome: string;
  revision: number;
}

describe.each(databaseKindsUnderTest())('re-evaluating parents on %s', (kind) => {
  const t = useTestApi(kind);

  async function record(client: Pick<TestApi, 'gql'>, village: Village, value: boolean) {
    const { data, errors } = await client.gql(RECORD, { id: village.id, revision: village.revision, results: [{ criterionId: KDC_POLICY, value }] });
    expect(errors).toBeUndefined();
    const saved = data!['recordCriterionResults'];
    expect(saved).toMatchObject({ __typename: 'Assessment', outcome: value ? 'met' : 'notMet' });
    village.revision = saved.revision;
  }

  /** The residential areas of a commune with their TT124 assessment of the year. */
  function villagesOf(communeCode: string): Promise<Village[]> {
    return t.db.query<Village>(
      `SELECT v.code, a.id, a.outcome, a.revision FROM "UnitVersion" v
         JOIN "Assessment" a ON a."unitId" = v."unitId" AND a."programId" = $2 AND a."periodYear" = $3
        WHERE v."parentCode" = $1 AND v.kind = 'residentialArea' AND v."validTo" IS NULL
        ORDER BY v.code`,
      [communeCode, TT124, YEAR],
    );
  }

  /** The commune's children (of every kind) whose TT124 outcome is met, counted by SQL alone. */
  async function metChildren(communeCode: string): Promise<number> {
    const [row] = await t.db.query<{ met: number }>(
      `SELECT count(*)::int AS met FROM "UnitVersion" v
         JOIN "Assessment" a ON a."unitId" = v."unitId" AND a."programId" = $2 AND a."periodYear" = $3
        WHERE v."parentCode" = $1 AND v."validTo" IS NULL AND a.outcome = 'met'`,
      [communeCode, TT124, YEAR],
    );
    return row!.met;
  }

  /** Every assessment of the year of the unit and of its ancestors, as stored. */
  function storedUpFrom(unitCode: string) {
    return t.db.query<{ id: string; code: string; programId: string; outcome: string; explanation: any; evaluatedAt: Date; locked: boolean }>(
      `WITH RECURSIVE up AS (
         SELECT "unitId", "parentId", code FROM "UnitVersion" WHERE code = $1 AND "validTo" IS NULL
         UNION ALL
         SELECT p."unitId", p."parentId", p.code FROM "UnitVersion" p JOIN up ON p."unitId" = up."parentId" AND p."validTo" IS NULL)
       SELECT a.id, up.code, a."programId", a.outcome, a.explanation, a."evaluatedAt", coalesce(w.locked, false) AS locked
         FROM up JOIN "Assessment" a ON a."unitId" = up."unitId" AND a."periodYear" = $2
         LEFT JOIN "WorkflowItem" w ON w."assessmentId" = a.id
        ORDER BY up.code, a."programId"`,
      [unitCode, YEAR],
    );
  }

  async function storedTt124(unitCode: string) {
    const found = (await storedUpFrom(unitCode)).find((a) => a.code === unitCode && a.programId === TT124);
    expect(found).toBeDefined();
    return found!;
  }

  const shareOf = (explanation: any) => explanation.criteria.find((c: any) => c.id === SHARE);

  it('stores, after rounds of concurrent village saves, the commune outcome its committed villages give', async () => {
    // The commune of the demo province with the most residential areas, other than the one the
    // next test decides; one with a 19.2 assessment too, which follows TT124.
    const [commune] = await t.db.query<{ code: string }>(
      `SELECT v.code FROM "UnitVersion" v
         JOIN "Assessment" a ON a."unitId" = v."unitId" AND a."programId" = $1 AND a."periodYear" = $2
        WHERE v."provinceCode" = '31' AND v.kind IN ('commune', 'ward') AND v."validTo" IS NULL AND v.code <> '10507'
          AND a.outcome = 'met' AND a.explanation->'criteria' @> $3::jsonb
          AND EXISTS (SELECT 1 FROM "Assessment" n WHERE n."unitId" = v."unitId" AND n."programId" = 'newRural192' AND n."periodYear" = $2)
        ORDER BY (SELECT count(*) FROM "UnitVersion" k WHERE k."parentId" = v."unitId" AND k.kind = 'residentialArea' AND k."validTo" IS NULL) DESC, v.code
        LIMIT 1`,
      [TT124, YEAR, JSON.stringify([{ id: SHARE }])],
    );
    // Villages met on every other criterion, so the policy criterion alone decides their outcome.
    const villages = (await villagesOf(commune!.code)).filter((village) => village.outcome === 'met');
    expect(villages.length).toBeGreaterThanOrEqual(12);
    // Several signed-in clients, as several officers saving at once.
    const clients = [t, await t.as('haiphong'), await t.as('catp.haiphong')];

    const ROUNDS = 6;
    const outcomes = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      // Every village at once. Which ones fail changes with the round, so the share moves both ways
      // and crosses the commune's threshold.
      const passes = (index: number) => (index + round) % (round % 2 === 0 ? 2 : 7) !== 0;
      await Promise.all(villages.map((village, index) => record(clients[index % clients.length]!, village, passes(index))));

      const stored = await storedUpFrom(commune!.code);
      const tt124 = stored.find((a) => a.code === commune!.code && a.programId === TT124)!;
      const share = shareOf(tt124.explanation);
      expect(share.detail.met).toBe(await metChildren(commune!.code));
      outcomes.add(tt124.outcome);
      // The commune, its 19.2 and every ancestor: stored exactly as a fresh evaluation from what is committed.
      expect(stored.length).toBeGreaterThanOrEqual(2);
      for (const assessment of stored) {
        const live = JSON.parse(JSON.stringify(await evaluateLive(t.db, assessment.id)));
        expect({ code: assessment.code, programId: assessment.programId, outcome: assessment.outcome, explanation: assessment.explanation }).toEqual({
          code: assessment.code,
          programId: assessment.programId,
          outcome: live.status,
          explanation: live,
        });
      }
    }
    // The rounds did move the commune across its threshold.
    expect([...outcomes].sort()).toEqual(['met', 'notMet']);
  });

  it('leaves a decided commune’s outcome and explanation alone when its villages change, until it is unlocked', async () => {
    // Phường Thành Đông, whose demo officers act on its workflow; its head is made for this test.
    const commune = '10507';
    await createUserWithGrant(t.db, { username: 'truong.thanhdong', displayName: 'Chủ tịch UBND phường Thành Đông', password: DEMO_PASSWORD, role: 'unitHead', scopePath: '31/10507' });
    const head = await t.as('truong.thanhdong');
    const load = async () => {
      const { data, errors } = await t.gql(FOR, { unitCode: commune });
      expect(errors).toBeUndefined();
      return data!['assessmentFor'];
    };
    const act = async (client: Pick<TestApi, 'gql'>, action: Record<string, unknown>) => {
      const current = await load();
      const { data, errors } = await client.gql(ACT, { id: current.id, revision: current.workflow.revision, action });
      expect(errors).toBeUndefined();
      expect(data!['actOnAssessment'].__typename).toBe('Assessment');
      return data!['actOnAssessment'].workflow;
    };
    const artefact = (kind: string) => ({ kind, documentRef: `hoso/${commune}/${kind}.pdf`, contentHash: `sha256:${kind}` });

    const start = await load();
    expect(start.outcome).toBe('met');
    await act(head, { type: 'COMPLETE', artefact: artefact('registration') });
    await act(head, { type: 'COMPLETE', artefact: artefact('minutes') });
    await act(await t.as('ca.thanhdong'), { type: 'COMPLETE', artefact: artefact('report') });
    await act(await t.as('bcd.thanhdong'), { type: 'COMPLETE', mode: 'MEETING', artefact: artefact('proposal') });
    const decided = await act(await t.as('ubnd.thanhdong'), {
      type: 'DECIDE',
      decision: { recognised: true, number: '7/QĐ-UBND', date: '2026-11-20' },
      artefact: artefact('decision'),
    });
    expect(decided).toMatchObject({ locked: true, currentStep: null, snapshot: { status: 'met' } });

    const before = await storedTt124(commune);
    expect(before.locked).toBe(true);
    const { met, requiredMet: required } = shareOf(before.explanation).detail as { met: number; requiredMet: number };

    // Enough villages fail for the share to fall below the threshold, saved at once.
    const flips = met - required + 1;
    const failing = (await villagesOf(commune)).filter((village) => village.outcome === 'met').slice(0, flips);
    expect(failing).toHaveLength(flips);
    await Promise.all(failing.map((village) => record(t, village, false)));
    expect(await metChildren(commune)).toBe(required - 1);

    // The engine would now say "not met"…
    const live = await evaluateLive(t.db, before.id);
    expect(live.status).toBe('notMet');
    expect(shareOf(live).detail).toMatchObject({ met: required - 1 });
    // …but the decided outcome and its explanation were not touched.
    expect(await storedTt124(commune)).toEqual(before);
    const shown = await load();
    expect(shown).toMatchObject({ outcome: 'met', explanation: { status: 'met' }, workflow: { locked: true } });
    expect(shown.workflow.snapshot).toEqual(before.explanation);
    expect(shareOf(shown.explanation).reason).toBe(shareOf(start.explanation).reason);

    // Unlocked, the next change of a village re-evaluates the commune from what is committed.
    await act(await t.as('haiphong'), { type: 'UNLOCK', reason: 'Kiểm tra lại sau khi khu dân cư thay đổi' });
    await record(t, failing[0]!, false);
    expect(await storedTt124(commune)).toMatchObject({ outcome: 'notMet', locked: false, explanation: JSON.parse(JSON.stringify(live)) });
  });
});
