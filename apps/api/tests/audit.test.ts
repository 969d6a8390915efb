import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorAudit, fileAuditAnchor } from '../src/identity/audit-head.ts';
import { databaseKindsUnderTest, startTestApi, type TestApi } from './harness.ts';

const CHAIN = `{ auditChain { intact firstBrokenId events truncated anchored anchorProblem expectedHead { lastId hash at } } }`;

describe.each(databaseKindsUnderTest())('audit trail on %s', (kind) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi(kind);
  });
  afterAll(() => t?.close());

  it('records sign-ins and failed sign-ins, chained by hash', async () => {
    const anonymous = await t.as(null);
    const failed = await anonymous.gql(`mutation { login(username: "haiphong", password: "sai mật khẩu") { __typename } }`);
    expect(failed.data!.login.__typename).toBe('InvalidCredentialsError');
    await t.as('haiphong');
    const { data } = await t.gql(`{ auditEvents(entity: "User", limit: 5) { action entityId actorLabel prevHash hash } auditChain { intact events } }`);
    expect(data!.auditEvents[0]).toMatchObject({ action: 'login.failed', entityId: 'haiphong', actorLabel: 'anonymous' });
    const { data: sessions } = await t.gql(`{ auditEvents(entity: "Session", limit: 3) { action actorLabel } }`);
    expect(sessions!.auditEvents[0]).toMatchObject({ action: 'login', actorLabel: 'user:haiphong' });
    expect(data!.auditChain).toMatchObject({ intact: true });
    expect(data!.auditChain.events).toBeGreaterThanOrEqual(3);
  });

  it('records results with what they were before and after, and the new draft of a set', async () => {
    const { data } = await t.gql(`{ assessmentFor(unitCode: "10507-KDC01", programId: "safeSecurityOrder", periodYear: 2026) {
      ... on Assessment { id revision results { criterionId value } } } }`);
    const assessment = data!.assessmentFor;
    const yesNo = assessment.results.find((r: any) => typeof r.value === 'boolean');
    const recorded = await t.gql(
      `mutation($id: ID!, $rev: Int!, $c: String!) { recordCriterionResults(assessmentId: $id, revision: $rev, results: [{ criterionId: $c, value: false, note: "Kiểm tra lại" }]) { __typename } }`,
      { id: assessment.id, rev: assessment.revision, c: yesNo.criterionId },
    );
    expect(recorded.data!.recordCriterionResults.__typename).toBe('Assessment');
    const history = await t.gql(`{ auditEvents(entity: "Assessment", limit: 1) { action actorLabel before after } }`);
    const [event] = history.data!.auditEvents;
    expect(event).toMatchObject({ action: 'assessment.recordResults', actorLabel: 'user:bocongan' });
    expect(event.before.results).toEqual([expect.objectContaining({ criterionId: yesNo.criterionId, value: yesNo.value })]);
    expect(event.after.results).toEqual([{ criterionId: yesNo.criterionId, value: false, previousValue: null, note: 'Kiểm tra lại' }]);

    const haiPhong = await t.as('haiphong');
    const draft = await haiPhong.gql(`mutation { createCriteriaSetDraft(input: { extendFrom: { setId: "tt124-commune", version: 1 }, setId: "hai-phong-audit", provinceCode: "31" }) { __typename } }`);
    expect(draft.data!.createCriteriaSetDraft.__typename).toBe('CriteriaSetVersion');
    const drafts = await t.gql(`{ auditEvents(entity: "CriteriaSetVersion", entityId: "hai-phong-audit@1") { action actorLabel after } auditChain { intact } }`);
    expect(drafts.data!.auditEvents).toEqual([expect.objectContaining({ action: 'criteriaSet.createDraft', actorLabel: 'user:haiphong' })]);
    expect(drafts.data!.auditChain.intact).toBe(true);
  });

  it('refuses to edit, delete or truncate events, whoever asks the database', async () => {
    const [first] = await t.db.query<{ id: number }>('SELECT id::int AS id FROM "AuditEvent" ORDER BY id LIMIT 1');
    for (const statement of [
      `UPDATE "AuditEvent" SET "actorLabel" = 'user:someone-else' WHERE id = ${first!.id}`,
      `DELETE FROM "AuditEvent" WHERE id = ${first!.id}`,
      'TRUNCATE "AuditEvent"',
    ]) {
      await expect(t.db.exec(statement), statement).rejects.toThrow(/append-only/);
    }
    expect((await t.gql(`{ auditChain { intact } }`)).data!.auditChain.intact).toBe(true);
  });

  it('detects an edited or deleted event, even by someone who could switch the guard off', async () => {
    const rows = await t.db.query<{ id: number }>('SELECT id::int AS id FROM "AuditEvent" ORDER BY id');
    const middle = rows[1]!.id;
    // The table's owner can disable the triggers; the hash chain still gives the edit away.
    await t.db.exec('ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"');
    await t.db.query(`UPDATE "AuditEvent" SET "actorLabel" = 'user:someone-else' WHERE id = $1`, [middle]);
    await t.db.exec('ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"');
    const { data } = await t.gql(`{ auditChain { intact firstBrokenId } }`);
    expect(data!.auditChain).toEqual({ intact: false, firstBrokenId: String(middle) });
  });

  it('records a signed-in caller refused on a mutation once per minute and target, never an anonymous one', async () => {
    const refusals = (label: string) =>
      t.db.query<{ entity: string; entityId: string; after: any }>(`SELECT entity, "entityId", after FROM "AuditEvent" WHERE action = 'access.refused' AND "actorLabel" = $1 ORDER BY id`, [label]);
    const foreign = await t.db.query<{ code: string }>(`SELECT code FROM "UnitVersion" WHERE "provinceCode" = '01' AND kind IN ('commune', 'ward') AND "validTo" IS NULL ORDER BY code LIMIT 2`);
    const open = (code: string) => `mutation { openAssessment(input: { unitCode: "${code}", programId: "safeSecurityOrder", periodYear: 2027 }) { __typename } }`;
    // A province administrator trying another province's unit, five times: refused each time, recorded once.
    const haiPhong = await t.as('haiphong');
    for (let i = 0; i < 5; i++) expect((await haiPhong.gql(open(foreign[0]!.code))).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    await haiPhong.gql(open(foreign[1]!.code));
    expect(await refusals('user:haiphong')).toEqual([
      { entity: 'Mutation', entityId: `đơn vị ${foreign[0]!.code}`, after: { mutation: 'openAssessment', permission: 'assessments.open', reason: `user:haiphong không có quyền mở kỳ đánh giá (assessments.open) đối với đơn vị ${foreign[0]!.code}` } },
      { entity: 'Mutation', entityId: `đơn vị ${foreign[1]!.code}`, after: { mutation: 'openAssessment', permission: 'assessments.open', reason: `user:haiphong không có quyền mở kỳ đánh giá (assessments.open) đối với đơn vị ${foreign[1]!.code}` } },
    ]);
    // A viewer, whom the field itself refuses (no assessments.open anywhere): the mutation is the target.
    const viewer = await t.as('xem.haiphong');
    for (let i = 0; i < 3; i++) expect((await viewer.gql(open('10507'))).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await refusals('user:xem.haiphong')).toEqual([
      { entity: 'Mutation', entityId: 'openAssessment', after: { mutation: 'openAssessment', permission: null, reason: 'user:xem.haiphong không có quyền dùng Mutation.openAssessment' } },
    ]);
    // Refused reads are not attempts on a protected action; anonymous refusals are never recorded per request.
    await viewer.gql(`{ auditChain { intact } }`);
    expect(await refusals('user:xem.haiphong')).toHaveLength(1);
    const before = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent"`);
    const anonymous = await t.as(null);
    for (let i = 0; i < 3; i++) expect((await anonymous.gql(open('10507'))).errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent"`)).toEqual(before);
  });

  it('records at most 20 refusals a minute for one caller, whatever the targets', async () => {
    const codes = await t.db.query<{ code: string }>(`SELECT code FROM "UnitVersion" WHERE "provinceCode" = '79' AND "validTo" IS NULL ORDER BY code LIMIT 25`);
    expect(codes).toHaveLength(25);
    const police = await t.as('ca.thanhdong');
    for (const { code } of codes) {
      await police.gql(`mutation { openAssessment(input: { unitCode: "${code}", programId: "safeSecurityOrder", periodYear: 2027 }) { __typename } }`);
    }
    const [{ n }] = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'access.refused' AND "actorLabel" = 'user:ca.thanhdong'`)) as [{ n: number }];
    expect(n).toBe(20);
  });

  it('is refused to a role without audit access', async () => {
    const viewer = await t.as('xem.haiphong');
    const { errors } = await viewer.gql(`{ auditChain { intact } }`);
    expect(errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});

describe.each(databaseKindsUnderTest())('audit chain head on %s', (kind) => {
  let t: TestApi;
  let folder: string;
  let headFile: string;
  beforeAll(async () => {
    t = await startTestApi(kind);
    folder = await mkdtemp(join(tmpdir(), 'antt-audit-head-'));
    headFile = join(folder, 'audit-head.json');
    anchorAudit(t.db, fileAuditAnchor({ file: headFile, key: 'k'.repeat(32) }));
  });
  afterAll(async () => {
    await t?.close();
    await rm(folder, { recursive: true, force: true });
  });

  const newest = async (n: number) => (await t.db.query<{ id: number; hash: string }>(`SELECT id::int AS id, hash FROM "AuditEvent" ORDER BY id DESC LIMIT ${n}`));
  const signIns = async (n: number) => {
    for (let i = 0; i < n; i++) await t.as('haiphong');
  };

  it('keeps a signed head of the chain apart from the events, and moves it with every append', async () => {
    await signIns(3);
    const [last] = await newest(1);
    const { data } = await t.gql(CHAIN);
    expect(data!.auditChain).toMatchObject({ intact: true, truncated: false, anchored: true, anchorProblem: null, firstBrokenId: null });
    // The head names the newest event the API wrote (the check itself writes nothing).
    expect(data!.auditChain.expectedHead).toMatchObject({ lastId: String(last!.id), hash: last!.hash });
  });

  it('ends on the newest event when many requests append at once', async () => {
    const anonymous = await t.as(null);
    await Promise.all(Array.from({ length: 12 }, () => anonymous.gql(`mutation { login(username: "nobody", password: "sai mật khẩu") { __typename } }`)));
    const [last] = await newest(1);
    const { data } = await t.gql(CHAIN);
    expect(data!.auditChain).toMatchObject({ intact: true, truncated: false, expectedHead: { lastId: String(last!.id), hash: last!.hash } });
  });

  it('detects the newest events deleted by someone who could switch the guard off, and keeps saying so', async () => {
    await signIns(2);
    const [last, secondLast] = await newest(2);
    await t.db.exec('ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"');
    await t.db.query('DELETE FROM "AuditEvent" WHERE id >= $1', [secondLast!.id]);
    await t.db.exec('ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"');
    const { data } = await t.gql(CHAIN);
    // The events left still chain from the first one; only the head gives the deletion away.
    expect(data!.auditChain).toMatchObject({ intact: false, truncated: true, firstBrokenId: null, expectedHead: { lastId: String(last!.id), hash: last!.hash } });
    expect(data!.auditChain.anchorProblem).toContain(`#${last!.id}`);
    // New events after the deletion do not hide it: the head stays where the chain was cut.
    await signIns(3);
    const after = await t.gql(CHAIN);
    expect(after.data!.auditChain).toMatchObject({ intact: false, truncated: true, expectedHead: { lastId: String(last!.id) } });
  });

  it('refuses a head that was edited without the key', async () => {
    const stored = JSON.parse(await readFile(headFile, 'utf8'));
    const entry = Object.values(stored.databases)[0] as { head: { lastId: number } };
    entry.head.lastId -= 3;
    await writeFile(headFile, JSON.stringify(stored));
    const { data } = await t.gql(CHAIN);
    expect(data!.auditChain).toMatchObject({ intact: false, anchored: true });
    expect(data!.auditChain.anchorProblem).toContain('chữ ký');
  });
});
