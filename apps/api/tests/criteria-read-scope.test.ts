import { DEMO_PARTNER_KEY } from '@antt/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseKindsUnderTest, useTestApi, type GraphQLResponse, type TestApi } from './harness.ts';

/*
 * A province's criteria sets (drafts above all) and its audit trail are its own: every query and
 * field that reaches a set, a version or an audit event answers a Hải Phòng (31) credential about a
 * Hà Nội (01) draft exactly as it answers about a set that does not exist.
 */

const BASE = { setId: 'tt124-commune', version: 1 };
const FOREIGN = 'ha-noi-rieng-tu';
const MISSING = 'khong-ton-tai';

type Client = Pick<TestApi, 'gql'>;
const typename = (response: GraphQLResponse) => Object.values(response.data ?? {})[0]?.__typename;

function provinceDraft(id: string, provinceCode: string, extendsRef: { setId: string; version: number }) {
  return {
    schemaVersion: 1,
    id,
    version: 1,
    programId: 'safeSecurityOrder',
    owner: { scope: 'province', provinceCode },
    status: 'draft',
    title: { vi: `Bộ tiêu chí ${id}` },
    appliesTo: { unitKinds: ['commune'] },
    extends: extendsRef,
    changes: [{ op: 'add', criterion: { id: `${id}.extra`, code: '99', title: { vi: 'Tiêu chí bổ sung' }, measure: { type: 'boolean' } } }],
  };
}

const CREATE = `mutation($input: CreateCriteriaSetDraftInput!) {
  r: createCriteriaSetDraft(input: $input) { __typename ... on Error { code message } ... on ValidationError { issues { code path } } ... on CriteriaSetVersion { setId version } } }`;

describe.each(databaseKindsUnderTest())('criteria sets and audit events of another province, on %s', (kind) => {
  const t = useTestApi(kind);
  const callers: Record<string, Client> = {};

  beforeAll(async () => {
    // The national administrator drafts a Hà Nội variant: a draft of 01 that 31 must never see.
    const created = await t.gql(CREATE, { input: { extendFrom: BASE, setId: FOREIGN, provinceCode: '01', title: 'Bản nháp của Hà Nội' } });
    expect(typename(created)).toBe('CriteriaSetVersion');
    for (const username of ['haiphong', 'xem.haiphong', 'ca.thanhdong']) callers[username] = await t.as(username);
    callers['partner'] = t.withBearer(DEMO_PARTNER_KEY);
  });

  const each = ['haiphong', 'xem.haiphong', 'ca.thanhdong', 'partner'] as const;

  it.each(each)('%s: a foreign draft is answered like a missing set by every single read', async (who) => {
    const caller = callers[who]!;
    for (const setId of [FOREIGN, MISSING]) {
      const answers = await caller.gql(
        `query($setId: String!, $base: String!) {
          version: criteriaSetVersion(setId: $setId, version: 1) { __typename ... on NotFoundError { code } }
          exported: exportCriteriaPackage(setId: $setId, version: 1) { __typename ... on NotFoundError { code } }
          diff: diffCriteriaSetVersions(from: { setId: $base, version: 1 }, to: { setId: $setId, version: 1 }) { __typename ... on NotFoundError { code } }
          impact: previewCriteriaSetImpact(setId: $setId, version: 1) { __typename ... on NotFoundError { code } }
        }`,
        { setId, base: BASE.setId },
      );
      expect(answers.errors, setId).toBeUndefined();
      expect(answers.data, setId).toEqual({
        version: { __typename: 'NotFoundError', code: 'NOT_FOUND' },
        exported: { __typename: 'NotFoundError', code: 'NOT_FOUND' },
        diff: { __typename: 'NotFoundError', code: 'NOT_FOUND' },
        impact: { __typename: 'NotFoundError', code: 'NOT_FOUND' },
      });
    }
  });

  it.each(each)('%s: lists leave the foreign draft out, however they are reached', async (who) => {
    const { data, errors } = await callers[who]!.gql(`{
      programs { id sets { id versions { setId } } }
      via: criteriaSetVersion(setId: "tt124-commune", version: 1) { ... on CriteriaSetVersion { set { program { sets { id } } } } }
      hanoi: criteriaSets(provinceCode: "01", first: 1000) { totalCount edges { node { id } } }
    }`);
    expect(errors).toBeUndefined();
    const listed = JSON.stringify(data);
    expect(listed).toContain('tt124-commune');
    expect(listed).not.toContain(FOREIGN);
    expect(data!['hanoi'].edges.map((edge: { node: { id: string } }) => edge.node.id)).not.toContain(FOREIGN);
  });

  it('the national administrator sees the draft everywhere', async () => {
    const { data } = await t.gql(`{
      version: criteriaSetVersion(setId: "${FOREIGN}", version: 1) { __typename }
      hanoi: criteriaSets(provinceCode: "01", first: 1000) { edges { node { id areaPath } } }
    }`);
    expect(data!['version'].__typename).toBe('CriteriaSetVersion');
    expect(data!['hanoi'].edges).toContainEqual({ node: { id: FOREIGN, areaPath: '01' } });
  });

  it('a province cannot build on another province’s draft: unknown to it, refused, not stored', async () => {
    const haiphong = callers['haiphong']!;
    const definition = provinceDraft('hai-phong-tren-ha-noi', '31', { setId: FOREIGN, version: 1 });
    const checked = await haiphong.gql(`query($d: JSON!) { validateCriteriaSetDefinition(definition: $d) { valid issues { code path } } }`, { d: definition });
    expect(checked.data!['validateCriteriaSetDefinition']).toEqual({ valid: false, issues: [{ code: 'unknownSet', path: 'extends' }] });
    const stored = await haiphong.gql(CREATE, { input: { definition } });
    expect(stored.data!['r']).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION', issues: [{ code: 'unknownSet', path: 'extends' }] });
    // Extending a foreign draft by reference is refused as for a missing one.
    const extended = await haiphong.gql(CREATE, { input: { extendFrom: { setId: FOREIGN, version: 1 }, setId: 'hai-phong-ke-thua', provinceCode: '31' } });
    expect(extended.data!['r']).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    const rows = await t.db.prisma.criteriaSet.findMany({ where: { id: { in: ['hai-phong-tren-ha-noi', 'hai-phong-ke-thua'] } } });
    expect(rows).toEqual([]);
  });

  it('even the national administrator cannot make one province’s set extend another’s', async () => {
    const definition = provinceDraft('hai-phong-tu-ha-noi', '31', { setId: FOREIGN, version: 1 });
    const stored = await t.gql(CREATE, { input: { definition } });
    expect(stored.data!['r']).toMatchObject({ __typename: 'ValidationError', issues: [{ code: 'foreignParent', path: 'extends' }] });
  });

  it('editing, publishing or retiring a foreign draft is NOT_FOUND, as for a missing one', async () => {
    const haiphong = callers['haiphong']!;
    for (const setId of [FOREIGN, MISSING]) {
      const { data } = await haiphong.gql(
        `mutation($setId: String!) {
          u: updateCriteriaSetDraft(setId: $setId, version: 1, revision: 1, definition: {}) { __typename ... on Error { code } }
          p: publishCriteriaSetVersion(setId: $setId, version: 1, revision: 1) { __typename ... on Error { code } }
          r: retireCriteriaSetVersion(setId: $setId, version: 1, revision: 1) { __typename ... on Error { code } }
        }`,
        { setId },
      );
      expect(data, setId).toEqual({
        u: { __typename: 'NotFoundError', code: 'NOT_FOUND' },
        p: { __typename: 'NotFoundError', code: 'NOT_FOUND' },
        r: { __typename: 'NotFoundError', code: 'NOT_FOUND' },
      });
    }
    const version = await t.db.prisma.criteriaSetVersion.findFirstOrThrow({ where: { setId: FOREIGN } });
    expect({ status: version.status, revision: version.revision }).toEqual({ status: 'draft', revision: 1 });
  });

  it('the audit trail of a province shows its own events and none of another province', async () => {
    const haiphong = callers['haiphong']!;
    const own = await haiphong.gql(CREATE, { input: { extendFrom: BASE, setId: 'hai-phong-nhat-ky', provinceCode: '31' } });
    expect(typename(own)).toBe('CriteriaSetVersion');
    const { data, errors } = await haiphong.gql(`{ auditEvents(limit: 1000) { action entityId areaPath } }`);
    expect(errors).toBeUndefined();
    const events = data!['auditEvents'] as Array<{ action: string; entityId: string; areaPath: string | null }>;
    expect(events).toContainEqual({ action: 'criteriaSet.createDraft', entityId: 'hai-phong-nhat-ky@1', areaPath: '31' });
    expect(events.filter((event) => event.areaPath !== '31' && !event.areaPath?.startsWith('31/'))).toEqual([]);
    const named = await haiphong.gql(`{ auditEvents(entity: "CriteriaSetVersion", entityId: "${FOREIGN}@1") { action } }`);
    expect(named.data!['auditEvents']).toEqual([]);
    // The national administrator reads the Hà Nội event, with its area.
    const national = await t.gql(`{ auditEvents(entity: "CriteriaSetVersion", entityId: "${FOREIGN}@1") { action areaPath } }`);
    expect(national.data!['auditEvents']).toEqual([{ action: 'criteriaSet.createDraft', areaPath: '01' }]);
  });

  it('the chain check spans every province: national audit readers only', async () => {
    const refused = await callers['haiphong']!.gql(`{ auditChain { intact } }`);
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const national = await t.gql(`{ auditChain { intact } }`);
    expect(national.data!['auditChain']).toEqual({ intact: true });
  });
});
