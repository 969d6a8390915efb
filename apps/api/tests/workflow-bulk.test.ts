import { createUserWithGrant, DEMO_PASSWORD } from '@antt/db';
import { describe, expect, it } from 'vitest';
import { databaseKindsUnderTest, signIn, useTestApi } from './harness.ts';
import { subscribe } from './sse.ts';

/*
 * "Approve all children that are ready" for the residential areas of Thành Đông ward (2026): a dry
 * run, then the same items moved at once, step after step, by each body; a recognition skips the
 * areas whose outcome is not met; anything changed since the dry run stops the whole request.
 */

const AREA = '10507';
const ITEM = 'assessmentId unitCode unitName outcome stepId revision reason certificateSerial';
const PLAN = `query($action: BulkWorkflowAction!, $recognised: Boolean, $area: String!) {
  workflowBulkPlan(programId: "safeSecurityOrder", periodYear: 2026, areaCode: $area, action: $action, recognised: $recognised, unitKinds: ["residentialArea"]) {
    __typename
    ... on WorkflowBulkPlan { summary ready { ${ITEM} } skipped { ${ITEM} } }
    ... on Error { code message }
  }
}`;
const BULK = `mutation($items: [WorkflowBulkItemInput!]!, $action: WorkflowActionInput!) {
  bulkActOnAssessments(items: $items, action: $action) {
    __typename
    ... on WorkflowBulkResult { applied items { ${ITEM} } }
    ... on Error { code message }
    ... on ValidationError { issues { code path message } }
    ... on ConflictError { currentRevision }
  }
}`;
const ACT = `mutation($id: ID!, $revision: Int!, $action: WorkflowActionInput!) {
  actOnAssessment(assessmentId: $id, revision: $revision, action: $action) {
    __typename ... on Assessment { workflow { certificates { serial } } } ... on Error { code message }
  }
}`;
const RECORD = `mutation($id: ID!, $revision: Int!, $results: [CriterionResultInput!]!) {
  recordCriterionResults(assessmentId: $id, revision: $revision, results: $results) { __typename ... on Assessment { outcome } ... on Error { code message } }
}`;
const REPORT = `{ report(programId: "safeSecurityOrder", periodYear: 2026, areaCode: "${AREA}", unitKinds: ["residentialArea"]) {
  ... on Report {
    met notMet workflow { decided recognised returns }
    drilledMet: drillDown(outcome: "met") { totalCount } drilledNotMet: drillDown(outcome: "notMet") { totalCount }
  } } }`;

const artefact = (kind: string) => ({ kind, documentRef: `hoso/${kind}-tong-hop.pdf` });
type Item = { assessmentId: string; unitCode: string; outcome: string; stepId: string | null; revision: number; reason: string | null; certificateSerial: string | null };
type Gql = { gql: (query: string, variables?: Record<string, unknown>) => Promise<{ data?: Record<string, any>; errors?: Array<{ extensions?: Record<string, unknown> }> }> };

describe.each(databaseKindsUnderTest())('bulk workflow actions on %s', (kind) => {
  const t = useTestApi(kind);

  async function plan(as: Gql, action: 'COMPLETE' | 'DECIDE', recognised?: boolean, area = AREA) {
    const { data, errors } = await as.gql(PLAN, { action, recognised, area });
    if (errors) return { codes: errors.map((e) => e.extensions?.['code']) };
    return data!['workflowBulkPlan'] as { __typename: string; summary: string; ready: Item[]; skipped: Item[] };
  }
  async function bulk(as: Gql, items: readonly Item[], action: Record<string, unknown>) {
    const { data, errors } = await as.gql(BULK, { items: items.map(({ assessmentId, revision }) => ({ assessmentId, revision })), action });
    if (errors) return { codes: errors.map((e) => e.extensions?.['code']) };
    return data!['bulkActOnAssessments'];
  }
  /** The stored workflow of every assessment below the area, to prove a refusal changed nothing. */
  const workflowRows = () =>
    t.db.query(`SELECT w."assessmentId", w.revision, w.state FROM "WorkflowItem" w ORDER BY w."assessmentId"`);

  it('refuses areas outside the caller’s reach, unknown areas and actions that cannot be taken in bulk', async () => {
    const [other] = await t.db.query<{ code: string }>(`SELECT code FROM "UnitVersion" WHERE "validTo" IS NULL AND "provinceCode" = '01' AND kind = 'ward' ORDER BY code LIMIT 1`);
    const police = await t.as('ca.thanhdong');
    expect(await plan(police, 'COMPLETE', undefined, other!.code)).toEqual({ codes: ['FORBIDDEN'] });
    expect(await plan(police, 'COMPLETE', undefined, '99999')).toMatchObject({ __typename: 'NotFoundError' });
    expect(await plan(await t.as('xem.haiphong'), 'COMPLETE')).toEqual({ codes: ['FORBIDDEN'] });
    const some = ((await plan(await t.as('truongkdc.thanhdong1'), 'COMPLETE')) as { ready: Item[] }).ready;
    expect(some.map((item) => item.unitCode)).toEqual(['10507-KDC01']);
    expect(await bulk(police, some, { type: 'UNLOCK', reason: 'x' })).toMatchObject({ __typename: 'ValidationError' });
    expect(await bulk(police, [], { type: 'COMPLETE' })).toMatchObject({ __typename: 'ValidationError' });
    // The ward police may not act at the unit head's step: FORBIDDEN, and nothing moves.
    const rows = await workflowRows();
    expect(await bulk(police, some, { type: 'COMPLETE', artefact: artefact('registration') })).toEqual({ codes: ['FORBIDDEN'] });
    expect(await workflowRows()).toEqual(rows);
  });

  it('lists an area’s items as a work queue: the most overdue first, with what the caller may do', async () => {
    const QUEUE = `query($overdueOnly: Boolean, $actionableOnly: Boolean, $area: String!) {
      workflowQueue(programId: "safeSecurityOrder", periodYear: 2026, areaCode: $area, unitKinds: ["residentialArea"], overdueOnly: $overdueOnly, actionableOnly: $actionableOnly) {
        __typename
        ... on WorkflowQueue { total overdue actionable items { unitCode stepId actingBody dueOn overdueDays availableActions } }
        ... on Error { code }
      }
    }`;
    const queue = async (as: Gql, variables: Record<string, unknown> = {}) => {
      const { data, errors } = await as.gql(QUEUE, { area: AREA, ...variables });
      return errors ? { codes: errors.map((e) => e.extensions?.['code']) } : data!['workflowQueue'];
    };
    // 23 November 2026: every residential area still waits at its registration, due on 31 March.
    const police = await queue(await t.as('ca.thanhdong'));
    expect(police.total).toBeGreaterThan(3);
    expect(police).toMatchObject({ overdue: police.total, actionable: 0 });
    expect(police.items[0]).toMatchObject({ stepId: 'registration', dueOn: '2026-03-31', overdueDays: 237, availableActions: [] });
    expect(police.items[0].actingBody).toContain('khu dân cư');
    // The head of one residential area sees only it, and may act on it.
    const head = await t.as('truongkdc.thanhdong1');
    expect(await queue(head, { actionableOnly: true })).toMatchObject({ total: 1, actionable: 1, items: [{ unitCode: '10507-KDC01', availableActions: ['COMPLETE'] }] });
    expect(await queue(await t.as('xem.haiphong'), { overdueOnly: true })).toMatchObject({ total: police.total, actionable: 0 });
    const [hanoi] = await t.db.query<{ code: string }>(`SELECT code FROM "UnitVersion" WHERE "validTo" IS NULL AND "provinceCode" = '01' AND kind = 'ward' ORDER BY code LIMIT 1`);
    expect(await queue(head, { area: hanoi!.code })).toEqual({ codes: ['FORBIDDEN'] });
    expect(await queue(head, { area: 'no-such-unit' })).toMatchObject({ __typename: 'NotFoundError' });
  });

  it('moves every ready item step by step, skips what is not ready and recognises only what was met', async () => {
    const [{ path }] = (await t.db.query<{ path: string }>(`SELECT path FROM "UnitVersion" WHERE code = $1 AND "validTo" IS NULL`, [AREA])) as [{ path: string }];
    await createUserWithGrant(t.db, { username: 'totruong.thanhdong', displayName: 'Các tổ trưởng Thành Đông', password: DEMO_PASSWORD, role: 'unitHead', scopePath: path });
    const heads = await t.as('totruong.thanhdong');

    // One residential area had a serious incident this year: it cannot be recognised.
    const [incident] = await t.db.query<{ code: string }>(
      `SELECT v.code FROM "UnitVersion" v WHERE v."validTo" IS NULL AND v.kind = 'residentialArea' AND v."parentCode" = $1 ORDER BY v.code DESC LIMIT 1`,
      [AREA],
    );
    const found = await t.gql(`{ assessmentFor(unitCode: "${incident!.code}", programId: "safeSecurityOrder", periodYear: 2026) { ... on Assessment { id revision } } }`);
    const { id: incidentId, revision: incidentRevision } = found.data!['assessmentFor'];
    const recorded = await t.gql(RECORD, { id: incidentId, revision: incidentRevision, results: [{ criterionId: 'tt124-kdc.no-incidents.a', value: false }] });
    expect(recorded.data!['recordCriterionResults']).toMatchObject({ __typename: 'Assessment', outcome: 'notMet' });

    const registration = await plan(heads, 'COMPLETE');
    expect(registration).toMatchObject({ __typename: 'WorkflowBulkPlan', skipped: [] });
    const all = (registration as { ready: Item[] }).ready;
    expect(all.length).toBeGreaterThan(3);
    expect(all.every((item) => item.stepId === 'registration' && item.revision === 1)).toBe(true);
    expect((registration as { summary: string }).summary).toBe(`${all.length} hồ sơ sẵn sàng, 0 hồ sơ bỏ qua`);

    // A refused bulk request (a missing artefact) changes nothing at all.
    const before = await workflowRows();
    expect(await bulk(heads, all, { type: 'COMPLETE' })).toMatchObject({ __typename: 'ValidationError', issues: [{ code: 'missingArtefact', path: 'items[0]' }] });
    expect(await workflowRows()).toEqual(before);

    const registered = await bulk(heads, all, { type: 'COMPLETE', artefact: artefact('registration') });
    expect(registered).toMatchObject({ __typename: 'WorkflowBulkResult', applied: all.length });
    expect(registered.items.every((item: Item) => item.stepId === 'selfAssessment' && item.revision === 2)).toBe(true);

    // The items just moved are no longer where the first dry run saw them: CONFLICT, nothing moves.
    const stale = await bulk(heads, all, { type: 'COMPLETE', artefact: artefact('minutes') });
    expect(stale).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT', currentRevision: 2 });

    const selfAssessed = await bulk(heads, (await plan(heads, 'COMPLETE') as { ready: Item[] }).ready, { type: 'COMPLETE', artefact: artefact('minutes') });
    expect(selfAssessed.applied).toBe(all.length);

    // The unit heads have nothing left to do; the ward police verify everything at once.
    expect(await plan(heads, 'COMPLETE')).toMatchObject({ ready: [] });
    const police = await t.as('ca.thanhdong');
    const verification = (await plan(police, 'COMPLETE')) as { ready: Item[] };
    expect(verification.ready).toHaveLength(all.length);
    // Subscribers hear of every item a bulk action moved, once it committed.
    const stream = await subscribe(t.api, `subscription { workflowChanged(areaCode: "${AREA}") { unitCode type fromStepId toStepId role } }`, {
      token: await signIn(t.api, 'xem.haiphong'),
    });
    try {
      expect((await bulk(police, verification.ready, { type: 'COMPLETE' })).applied).toBe(all.length);
      const heard = [];
      for (let i = 0; i < all.length; i++) heard.push((await stream.next()).data!['workflowChanged']);
      expect(heard.map((change) => change.unitCode).sort()).toEqual(all.map((item) => item.unitCode).sort());
      expect(new Set(heard.map((change) => `${change.type} ${change.fromStepId}→${change.toStepId} ${change.role}`))).toEqual(
        new Set(['COMPLETE verification→appraisal communePoliceOfficer']),
      );
    } finally {
      await stream.close();
    }
    const committee = await t.as('bcd.thanhdong');
    const appraisal = (await plan(committee, 'COMPLETE')) as { ready: Item[] };
    expect((await bulk(committee, appraisal.ready, { type: 'COMPLETE', mode: 'MEETING', artefact: artefact('proposal') })).applied).toBe(all.length);

    // The People's Committee: a recognition skips the areas that did not meet the criteria.
    const approver = await t.as('ubnd.thanhdong');
    const decision = (await plan(approver, 'DECIDE')) as { ready: Item[]; skipped: Item[] };
    const met = all.filter((item) => item.outcome === 'met');
    const notMet = all.filter((item) => item.outcome !== 'met');
    // The demo ward has both, so both paths below are taken.
    expect([met.length > 2, notMet.length > 0]).toEqual([true, true]);
    expect(decision.ready.map((item) => item.unitCode)).toEqual(met.map((item) => item.unitCode));
    expect(decision.skipped.map((item) => item.unitCode)).toEqual(notMet.map((item) => item.unitCode));
    for (const item of decision.skipped) expect(item.reason).toMatch(/^kết quả đánh giá .+, không thể công nhận$/);

    // Asking to recognise one that was not met anyway is refused, naming it, and nothing moves.
    const decide = { type: 'DECIDE', decision: { recognised: true, number: '210/QĐ-UBND', date: '2026-11-20' }, artefact: artefact('decision') };
    {
      const forced = (await plan(approver, 'DECIDE', false)) as { ready: Item[] };
      const rows = await workflowRows();
      const refused = await bulk(approver, [...decision.ready, forced.ready.find((item) => item.outcome !== 'met')!], decide);
      expect(refused).toMatchObject({ __typename: 'ValidationError', issues: [{ code: 'outcomeNotMet', path: `items[${decision.ready.length}]` }] });
      expect(await workflowRows()).toEqual(rows);
    }

    // Two decisions committed at the same moment still get different certificate serials.
    const [first, second, ...rest] = decision.ready;
    const single = await Promise.all(
      [first!, second!].map((item) => approver.gql(ACT, { id: item.assessmentId, revision: item.revision, action: decide })),
    );
    const singleSerials = single.map((response) => response.data!['actOnAssessment'].workflow.certificates[0].serial as string);
    expect(new Set(singleSerials).size).toBe(2);

    const decided = await bulk(approver, rest, decide);
    expect(decided).toMatchObject({ __typename: 'WorkflowBulkResult', applied: rest.length });
    const serials = [...singleSerials, ...decided.items.map((item: Item) => item.certificateSerial)];
    expect(new Set(serials).size).toBe(met.length);
    expect(serials.map((serial) => serial.slice(0, 18)).sort()).toEqual(met.map((_item, index) => `31-SSO-2026-${String(index + 1).padStart(6, '0')}`));

    // The report counts the decisions, from the outcome each decision froze.
    const { data, errors } = await t.gql(REPORT);
    expect(errors).toBeUndefined();
    expect(data!['report']).toMatchObject({ met: met.length, notMet: notMet.length, workflow: { decided: met.length, recognised: met.length, returns: 0 } });
    // Were a decided outcome ever rewritten underneath, the roll-up still reads the frozen one.
    await t.db.exec(`UPDATE "Assessment" SET outcome = 'notMet' WHERE id IN (SELECT "assessmentId" FROM "WorkflowItem" WHERE locked)`);
    const frozen = (await t.gql(REPORT)).data!['report'];
    expect(frozen).toMatchObject({ met: met.length, notMet: notMet.length, drilledMet: { totalCount: met.length }, drilledNotMet: { totalCount: notMet.length } });

    // Declining the rest in one decision locks them without a certificate.
    const declined = (await plan(approver, 'DECIDE', false)) as { ready: Item[] };
    expect(declined.ready.map((item) => item.unitCode)).toEqual(notMet.map((item) => item.unitCode));
    {
      const declining = await bulk(approver, declined.ready, { ...decide, decision: { ...decide.decision, recognised: false, number: '211/QĐ-UBND' } });
      expect(declining.items.every((item: Item) => item.certificateSerial === null && item.stepId === null)).toBe(true);
    }
    expect((await t.gql(REPORT)).data!['report'].workflow).toMatchObject({ decided: all.length, recognised: met.length });

    const audit = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action LIKE 'workflow.%' AND after->>'bulk' = 'true'`);
    expect(audit[0]!.n).toBe(all.length * 4 + rest.length + notMet.length);
  });
});
