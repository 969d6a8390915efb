import { formatCertificateSerial } from '@antt/criteria';
import { createUserWithGrant } from '@antt/db';
import { describe, expect, it } from 'vitest';
import { databaseKindsUnderTest, signIn, useTestApi, type TestApi } from './harness.ts';

/*
 * The TT124 recognition workflow of a residential area through the API: each body acts in turn, a
 * decision locks the assessment and issues a certificate anyone can check, an unlock revokes it.
 */

const KDC = '10507-KDC01';
const WORKFLOW = `
  revision round returns locked overdueDays availableActions
  currentStep { id title actingBody roles }
  history { type stepId toStepId role by at reason comments mode artefact { kind documentRef } decision { recognised number date } }
  deadlines { stepId dueOn overdueDays }
  decision { recognised number date signer }
  certificates { serial decisionNumber revokedAt revokedReason }
  snapshot`;

const FOR = `query($unitCode: String!, $year: Int!) {
  assessmentFor(unitCode: $unitCode, programId: "safeSecurityOrder", periodYear: $year) {
    __typename ... on Assessment { id revision outcome workflow { ${WORKFLOW} } }
  }
}`;

const ACT = `mutation($id: ID!, $revision: Int!, $action: WorkflowActionInput!) {
  actOnAssessment(assessmentId: $id, revision: $revision, action: $action) {
    __typename
    ... on Assessment { id workflow { ${WORKFLOW} } }
    ... on Error { code message }
    ... on ValidationError { issues { code path message } }
    ... on ConflictError { currentRevision }
  }
}`;

const VERIFY = `query($serial: String!) {
  verifyCertificate(serial: $serial) {
    __typename
    ... on CertificateCheck { valid serial unitName programId periodYear decisionNumber decisionDate revoked revokedAt unitCode assessmentId issuedAt revokedReason }
    ... on Error { code message }
  }
}`;

const RECORD = `mutation($id: ID!, $revision: Int!, $results: [CriterionResultInput!]!) {
  recordCriterionResults(assessmentId: $id, revision: $revision, results: $results) { __typename ... on Error { code message } }
}`;

const artefact = (kind: string) => ({ kind, documentRef: `hoso/${kind}.pdf`, contentHash: `sha256:${kind}` });

describe.each(databaseKindsUnderTest())('recognition workflow on %s', (kind) => {
  const t = useTestApi(kind);

  async function load(year: number, as: Pick<TestApi, 'gql'> = t) {
    const { data, errors } = await as.gql(FOR, { unitCode: KDC, year });
    expect(errors).toBeUndefined();
    expect(data!['assessmentFor'].__typename).toBe('Assessment');
    return data!['assessmentFor'];
  }

  /** Acts as `username` on the workflow's current revision; returns the typed result, or the error codes. */
  async function act(username: string, id: string, action: Record<string, unknown>, revision?: number) {
    return actWith(await t.as(username), id, action, revision);
  }
  async function actWith(as: Pick<TestApi, 'gql'>, id: string, action: Record<string, unknown>, revision?: number) {
    const current = revision ?? (await load(yearOf.get(id)!)).workflow.revision;
    const { data, errors } = await as.gql(ACT, { id, revision: current, action });
    if (errors) return { codes: errors.map((e) => e.extensions?.['code']) };
    return data!['actOnAssessment'];
  }
  const yearOf = new Map<string, number>();

  async function assessment(year: number) {
    if (year !== 2026) {
      const { data } = await t.gql(
        `mutation($input: OpenAssessmentInput!) { openAssessment(input: $input) { __typename ... on Error { code message } } }`,
        { input: { unitCode: KDC, programId: 'safeSecurityOrder', periodYear: year } },
      );
      expect(data!['openAssessment'].__typename).toBe('Assessment');
    }
    const found = await load(year);
    yearOf.set(found.id, year);
    return found;
  }

  it('takes a residential area from registration to a certificate, locks it, and unlocks it with a reason', async () => {
    const head = await t.as('truongkdc.thanhdong1');
    const start = await load(2026, head);
    const id = start.id as string;
    yearOf.set(id, 2026);
    expect(start.workflow).toMatchObject({ revision: 1, round: 1, returns: 0, locked: false, availableActions: ['COMPLETE'], history: [] });
    expect(start.workflow.currentStep).toMatchObject({ id: 'registration', roles: ['unitHead'] });
    expect(start.workflow.currentStep.actingBody).toContain('khu dân cư');
    // 23 Nov 2026: registration was due on 31 March.
    expect(start.workflow.deadlines[0]).toMatchObject({ stepId: 'registration', dueOn: '2026-03-31' });
    expect(start.workflow.overdueDays).toBeGreaterThan(200);

    // A missing artefact is a typed refusal, and nothing moves.
    const bare = await act('truongkdc.thanhdong1', id, { type: 'COMPLETE' });
    expect(bare).toMatchObject({ __typename: 'ValidationError', issues: [{ code: 'missingArtefact', path: 'action' }] });

    expect((await act('truongkdc.thanhdong1', id, { type: 'COMPLETE', artefact: artefact('registration') })).workflow.currentStep.id).toBe('selfAssessment');
    expect((await act('truongkdc.thanhdong1', id, { type: 'COMPLETE', artefact: artefact('minutes') })).workflow.currentStep.id).toBe('verification');

    // The head of the residential area may not verify, nor may the steering committee yet.
    expect(await act('truongkdc.thanhdong1', id, { type: 'COMPLETE' })).toEqual({ codes: ['FORBIDDEN'] });
    expect(await act('bcd.thanhdong', id, { type: 'COMPLETE', artefact: artefact('proposal') })).toEqual({ codes: ['FORBIDDEN'] });

    const police = await t.as('ca.thanhdong');
    expect((await load(2026, police)).workflow.availableActions).toEqual(['COMPLETE', 'RETURN']);
    expect((await act('ca.thanhdong', id, { type: 'COMPLETE', artefact: artefact('report') })).workflow.currentStep.id).toBe('appraisal');
    const appraised = await act('bcd.thanhdong', id, { type: 'COMPLETE', mode: 'WRITTEN_CONSULTATION', artefact: artefact('proposal') });
    expect(appraised.workflow.currentStep).toMatchObject({ id: 'decision', actingBody: 'Ủy ban nhân dân có thẩm quyền' });
    expect(appraised.workflow.history.at(-1)).toMatchObject({
      type: 'COMPLETE',
      stepId: 'appraisal',
      role: 'steeringCommitteeMember',
      by: 'Ban Chỉ đạo phường Thành Đông',
      mode: 'WRITTEN_CONSULTATION',
    });

    // A decision dated after today (23 Nov 2026 here) has not been issued yet: refused, nothing moves.
    const future = await act('ubnd.thanhdong', id, { type: 'DECIDE', decision: { recognised: true, number: '125/QĐ-UBND', date: '2026-11-24' }, artefact: artefact('decision') });
    expect(future).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION', issues: [{ code: 'invalidDecision', path: 'action' }] });
    expect(future.message).toContain('sau ngày hôm nay (2026-11-23)');
    expect((await load(2026)).workflow).toMatchObject({ locked: false, currentStep: { id: 'decision' }, certificates: [] });

    const decision = { recognised: true, number: '125/QĐ-UBND', date: '2026-11-20', signer: 'Chủ tịch UBND phường' };
    const decided = await act('ubnd.thanhdong', id, { type: 'DECIDE', decision, artefact: artefact('decision') });
    expect(decided.__typename).toBe('Assessment');
    expect(decided.workflow).toMatchObject({ locked: true, currentStep: null, decision: { recognised: true, number: '125/QĐ-UBND', date: '2026-11-20' } });
    expect(decided.workflow.snapshot).toMatchObject({ status: start.outcome });
    const serial = decided.workflow.certificates[0].serial as string;
    // A sequence, then 60 random bits: the next serial cannot be guessed from this one.
    expect(serial).toMatch(/^31-SSO-2026-000001-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-Z]$/);

    // Anyone can check the certificate, without signing in, and learns what is printed on it.
    const anonymous = await t.as(null);
    const checked = await anonymous.gql(VERIFY, { serial: serial.toLowerCase() });
    expect(checked.errors).toBeUndefined();
    expect(checked.data!['verifyCertificate']).toEqual({
      __typename: 'CertificateCheck',
      valid: true,
      revoked: false,
      revokedAt: null,
      serial,
      unitName: 'Tổ dân phố số 1, Phường Thành Đông',
      programId: 'safeSecurityOrder',
      periodYear: 2026,
      decisionNumber: '125/QĐ-UBND',
      decisionDate: '2026-11-20',
      // Not the unit's code, the assessment or when it was issued: those are for who may read the assessment.
      unitCode: null,
      assessmentId: null,
      issuedAt: null,
      revokedReason: null,
    });
    // A signed-in caller of another province learns no more than anyone.
    await createUserWithGrant(t.db, { username: 'xem.hanoi', displayName: 'Xem Hà Nội', password: 'mật khẩu thử đủ dài', role: 'viewer', scopePath: '01' });
    const hanoi = { gql: async (query: string, variables?: Record<string, unknown>) => {
      const response = await t.api.fetch('http://api.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await signIn(t.api, 'xem.hanoi', 'mật khẩu thử đủ dài')}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: Record<string, any> };
    } };
    expect((await hanoi.gql(VERIFY, { serial })).data!['verifyCertificate']).toMatchObject({ valid: true, unitCode: null, assessmentId: null });
    // The province's viewer may read the assessment: the full details.
    const viewer = await t.as('xem.haiphong');
    const full = (await viewer.gql(VERIFY, { serial })).data!['verifyCertificate'];
    expect(full).toMatchObject({ valid: true, unitCode: KDC, assessmentId: Buffer.from(id, 'base64').toString().replace('Assessment:', ''), revokedReason: null });
    expect(full.issuedAt).toBeTruthy();
    const wrongCheck = `${serial.slice(0, -1)}${serial.at(-1) === 'A' ? 'B' : 'A'}`;
    const wrongDigit = serial.replace('-000001-', '-000009-');
    for (const typo of [wrongCheck, wrongDigit, 'not a serial', serial.slice(0, 18) + serial.slice(-2)]) {
      expect((await anonymous.gql(VERIFY, { serial: typo })).data!['verifyCertificate']).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION' });
    }
    // A certificate issued before serials had a random part still verifies.
    const legacy = formatCertificateSerial({ provinceCode: '31', programCode: 'SSO', year: 2025, sequence: 7 });
    await t.db.query(
      `INSERT INTO "Certificate" (id, serial, "assessmentId", "unitId", "programId", "periodYear", "decisionNumber", "decisionDate")
       SELECT gen_random_uuid(), $1, c."assessmentId", c."unitId", c."programId", 2025, '88/QĐ-UBND', '2025-12-01' FROM "Certificate" c WHERE c.serial = $2`,
      [legacy, serial],
    );
    expect((await anonymous.gql(VERIFY, { serial: legacy })).data!['verifyCertificate']).toMatchObject({ valid: true, serial: legacy, periodYear: 2025, decisionNumber: '88/QĐ-UBND', unitCode: null });
    await t.db.query(`DELETE FROM "Certificate" WHERE serial = $1`, [legacy]);
    // The right sequence with its own check character but another random part names no certificate.
    const guessed = formatCertificateSerial({ provinceCode: '31', programCode: 'SSO', year: 2026, sequence: 1, random: '000000000000' });
    expect((await anonymous.gql(VERIFY, { serial: guessed })).data!['verifyCertificate']).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    const unknown = formatCertificateSerial({ provinceCode: '31', programCode: 'SSO', year: 2026, sequence: 999 });
    expect((await anonymous.gql(VERIFY, { serial: unknown })).data!['verifyCertificate']).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });

    // The decision locks the results.
    const locked = await load(2026);
    const record = await head.gql(RECORD, { id, revision: locked.revision, results: [] });
    const whoUnlocks = 'chỉ Quản trị cấp tỉnh hoặc Quản trị toàn quốc được mở khoá';
    expect(record.data!['recordCriterionResults']).toMatchObject({ __typename: 'ImmutableError', code: 'IMMUTABLE', message: expect.stringContaining(whoUnlocks) });
    expect(await act('truongkdc.thanhdong1', id, { type: 'COMPLETE' })).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ code: 'locked', message: expect.stringContaining(whoUnlocks) }],
    });

    // Only a province (or national) administrator unlocks, and only with a reason; the refusal says what is missing.
    expect(await act('ubnd.thanhdong', id, { type: 'UNLOCK', reason: 'Sai số liệu' })).toEqual({ codes: ['FORBIDDEN'] });
    const refused = await (await t.as('ubnd.thanhdong')).gql(ACT, { id, revision: locked.workflow.revision, action: { type: 'UNLOCK', reason: 'Sai số liệu' } });
    expect(refused.errors?.[0]?.message).toContain('không có quyền mở khoá hồ sơ đã quyết định');
    expect(await act('haiphong', id, { type: 'UNLOCK', reason: ' ' })).toMatchObject({ __typename: 'ValidationError', issues: [{ code: 'missingReason' }] });
    const revisionBefore = (await load(2026)).workflow.revision;
    const unlocked = await act('haiphong', id, { type: 'UNLOCK', reason: 'Phát hiện sai số liệu tiêu chí 3' });
    expect(unlocked.workflow).toMatchObject({ locked: false, round: 2, revision: revisionBefore + 1, currentStep: { id: 'decision' }, snapshot: null });
    expect(unlocked.workflow.certificates[0]).toMatchObject({ serial, revokedReason: 'Phát hiện sai số liệu tiêu chí 3' });
    expect(unlocked.workflow.certificates[0].revokedAt).toBeTruthy();
    expect((await anonymous.gql(VERIFY, { serial })).data!['verifyCertificate']).toMatchObject({ valid: false, revoked: true, revokedReason: null });
    expect((await viewer.gql(VERIFY, { serial })).data!['verifyCertificate']).toMatchObject({ valid: false, revoked: true, revokedReason: 'Phát hiện sai số liệu tiêu chí 3' });
    expect((await head.gql(RECORD, { id, revision: locked.revision, results: [] })).data!['recordCriterionResults'].__typename).toBe('Assessment');

    // A new decision issues the next serial; the revoked one is never reused.
    const again = await act('ubnd.thanhdong', id, { type: 'DECIDE', decision: { ...decision, number: '130/QĐ-UBND' }, artefact: artefact('decision') });
    expect(again.workflow.certificates.map((c: { serial: string }) => c.serial.slice(0, 18))).toEqual(['31-SSO-2026-000001', '31-SSO-2026-000002']);

    const audit = await t.db.query<{ action: string }>(`SELECT action FROM "AuditEvent" WHERE "entityId" = $1 AND action LIKE 'workflow.%' ORDER BY id`, [
      Buffer.from(id, 'base64').toString().replace('Assessment:', ''),
    ]);
    expect(audit.map((row) => row.action)).toEqual([
      'workflow.complete',
      'workflow.complete',
      'workflow.complete',
      'workflow.complete',
      'workflow.decide',
      'workflow.unlock',
      'workflow.decide',
    ]);
  });

  it('returns an item with a reason, refuses another commune’s officer and stale revisions', async () => {
    const { id } = await assessment(2027);
    await act('truongkdc.thanhdong1', id, { type: 'COMPLETE', artefact: artefact('registration') });
    await act('truongkdc.thanhdong1', id, { type: 'COMPLETE', artefact: artefact('minutes') });

    const [other] = await t.db.query<{ path: string }>(
      `SELECT path FROM "UnitVersion" WHERE "validTo" IS NULL AND "provinceCode" = '31' AND kind IN ('commune', 'ward') AND code <> '10507' ORDER BY code LIMIT 1`,
    );
    await createUserWithGrant(t.db, { username: 'ca.khac', displayName: 'Công an xã khác', password: 'mật khẩu thử đủ dài', role: 'communePoliceOfficer', scopePath: other!.path });
    const outsider = await signIn(t.api, 'ca.khac', 'mật khẩu thử đủ dài');
    const outsiderClient = { gql: async (query: string, variables?: Record<string, unknown>) => {
      const response = await t.api.fetch('http://api.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${outsider}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as never;
    } };
    expect(await actWith(outsiderClient, id, { type: 'COMPLETE' })).toEqual({ codes: ['FORBIDDEN'] });

    expect(await act('ca.thanhdong', id, { type: 'RETURN', toStepId: 'selfAssessment', reason: '' })).toMatchObject({ issues: [{ code: 'missingReason' }] });
    expect(await act('ca.thanhdong', id, { type: 'RETURN', toStepId: 'registration', reason: 'Thiếu' })).toMatchObject({ issues: [{ code: 'invalidReturn' }] });
    const returned = await act('ca.thanhdong', id, { type: 'RETURN', toStepId: 'selfAssessment', reason: 'Biên bản thiếu chữ ký', comments: { 'tt124-kdc.policy': 'Bổ sung' } });
    expect(returned.workflow).toMatchObject({ returns: 1, currentStep: { id: 'selfAssessment' } });
    expect(returned.workflow.history.at(-1)).toMatchObject({ type: 'RETURN', toStepId: 'selfAssessment', reason: 'Biên bản thiếu chữ ký', comments: { 'tt124-kdc.policy': 'Bổ sung' } });
    // The return counts in the reports of the commune and the province.
    const { data: report } = await t.gql(`{ report(programId: "safeSecurityOrder", periodYear: 2027, areaCode: "10507", unitKinds: ["residentialArea"]) { ... on Report { returns } } }`);
    expect(report!.report.returns).toBe(1);

    const stale = await act('truongkdc.thanhdong1', id, { type: 'COMPLETE', artefact: artefact('minutes') }, 1);
    expect(stale).toMatchObject({ __typename: 'ConflictError', currentRevision: returned.workflow.revision });
  });
  it('runs the model ward police variant: ward police, provincial police twice, then the Ministry', async () => {
    const opened = await t.gql(
      `mutation($input: OpenAssessmentInput!) { openAssessment(input: $input) { __typename ... on Assessment { id outcome } ... on Error { code message } } }`,
      { input: { unitCode: '10507', programId: 'modelWardPolice', periodYear: 2026 } },
    );
    const { id, outcome } = opened.data!['openAssessment'];
    expect(outcome).not.toBe('met');
    const forWard = `query { assessmentFor(unitCode: "10507", programId: "modelWardPolice", periodYear: 2026) { ... on Assessment { workflow { ${WORKFLOW} } } } }`;
    const workflowOf = async () => (await t.gql(forWard)).data!['assessmentFor'].workflow;
    const actOnWard = async (username: string, action: Record<string, unknown>) => {
      const { data, errors } = await (await t.as(username)).gql(ACT, { id, revision: (await workflowOf()).revision, action });
      return errors ? { codes: errors.map((e) => e.extensions?.['code']) } : data!['actOnAssessment'];
    };

    expect((await workflowOf()).currentStep).toMatchObject({ id: 'selfAssessment', actingBody: 'Công an phường', roles: ['communePoliceOfficer'] });
    // The residential area's head and the ward's People's Committee have no step in this workflow.
    expect(await actOnWard('ubnd.thanhdong', { type: 'COMPLETE', artefact: artefact('selfAssessment') })).toEqual({ codes: ['FORBIDDEN'] });
    expect((await actOnWard('ca.thanhdong', { type: 'COMPLETE', artefact: artefact('selfAssessment') })).workflow.currentStep.id).toBe('provincialReview');
    const returned = await actOnWard('catp.haiphong', { type: 'RETURN', toStepId: 'selfAssessment', reason: 'Thiếu báo cáo tiêu chí 7' });
    expect(returned.workflow).toMatchObject({ returns: 1, currentStep: { id: 'selfAssessment' } });
    await actOnWard('ca.thanhdong', { type: 'COMPLETE', artefact: artefact('selfAssessment') });
    await actOnWard('catp.haiphong', { type: 'COMPLETE', artefact: artefact('minutes') });
    const proposed = await actOnWard('catp.haiphong', { type: 'COMPLETE', artefact: artefact('proposal') });
    expect(proposed.workflow.currentStep).toMatchObject({ id: 'decision', actingBody: 'Bộ Công an', roles: ['ministryOfficer'] });

    // The Ministry cannot recognise a ward whose outcome was not met; it may decline it.
    const decision = { recognised: true, number: '2878/QĐ-BCA', date: '2026-11-22' };
    expect(await actOnWard('boconganbo', { type: 'DECIDE', decision, artefact: artefact('decision') })).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ code: 'outcomeNotMet', message: expect.stringContaining('không thể công nhận') }],
    });
    const declined = await actOnWard('boconganbo', { type: 'DECIDE', decision: { ...decision, recognised: false }, artefact: artefact('decision') });
    expect(declined.workflow).toMatchObject({ locked: true, decision: { recognised: false }, certificates: [] });
    // Only the national administrator unlocks a Ministry decision.
    expect(await actOnWard('haiphong', { type: 'UNLOCK', reason: 'Bổ sung hồ sơ' })).toEqual({ codes: ['FORBIDDEN'] });
    expect((await actOnWard('bocongan', { type: 'UNLOCK', reason: 'Bổ sung hồ sơ' })).workflow).toMatchObject({ locked: false, round: 2, currentStep: { id: 'decision' } });
  });
});
