import { beforeAll, describe, expect, it } from 'vitest';
import { databaseKindsUnderTest, useTestApi, type TestApi } from './harness.ts';

/*
 * Targets are a province's own data: created, edited and retired through the API, audited, read
 * only by those who read the province's reports; a report takes the province's own before the
 * nation's. The seed holds Hải Phòng's 80% for communes from 2025 and the nation's 80% for 19.2.
 */

const FIELDS = `__typename ... on Error { code message } ... on Target { id areaPath areaCode thresholdPercent fromYear toYear revision retiredAt }`;
const CREATE = `mutation($input: TargetInput!) { r: createTarget(input: $input) { ${FIELDS} ... on ValidationError { issues { code path } } } }`;
const UPDATE = `mutation($id: ID!, $revision: Int!, $input: TargetInput!) {
  r: updateTarget(id: $id, revision: $revision, input: $input) { ${FIELDS} ... on ValidationError { issues { code path } } ... on ConflictError { currentRevision } } }`;
const RETIRE = `mutation($id: ID!, $revision: Int!) { r: retireTarget(id: $id, revision: $revision) { ${FIELDS} ... on ConflictError { currentRevision } } }`;
const REPORT = `query($program: String!, $year: Int!, $area: String) {
  report(programId: $program, periodYear: $year, areaCode: $area) { __typename ... on Report { target { thresholdPercent title } } } }`;

const communes = (overrides: Record<string, unknown> = {}) => ({
  programId: 'safeSecurityOrder',
  areaCode: '31',
  unitKinds: ['commune', 'ward', 'specialZone'],
  fromYear: 2026,
  thresholdPercent: 95,
  title: 'Ít nhất 95% xã, phường, đặc khu đạt (Hải Phòng, từ 2026)',
  ...overrides,
});

type Client = Pick<TestApi, 'gql'>;

describe.each(databaseKindsUnderTest())('targets on %s', (kind) => {
  const t = useTestApi(kind);
  let haiphong: Client;
  let viewer: Client;
  beforeAll(async () => {
    haiphong = await t.as('haiphong');
    viewer = await t.as('xem.haiphong');
  });

  const targetOf = async (client: Client, program: string, year: number, area: string | null) => {
    const { data, errors } = await client.gql(REPORT, { program, year, area });
    expect(errors).toBeUndefined();
    return data!['report'].target as { thresholdPercent: number; title: string } | null;
  };

  it("a province admin sets, edits and retires the province's own target; the report follows each step", async () => {
    expect((await targetOf(haiphong, 'safeSecurityOrder', 2026, '31'))?.thresholdPercent).toBe(80);

    const created = (await haiphong.gql(CREATE, { input: communes() })).data!['r'];
    expect(created).toMatchObject({ __typename: 'Target', areaPath: '31', areaCode: '31', thresholdPercent: 95, fromYear: 2026, toYear: null, revision: 1, retiredAt: null });
    expect((await targetOf(haiphong, 'safeSecurityOrder', 2026, '31'))?.thresholdPercent).toBe(95);
    // A commune of the province measures against it too; 2025 keeps the target begun in 2025.
    expect((await targetOf(haiphong, 'safeSecurityOrder', 2026, '10507'))?.thresholdPercent).toBe(95);
    expect((await targetOf(haiphong, 'safeSecurityOrder', 2025, '31'))?.thresholdPercent).toBe(80);

    const stale = (await haiphong.gql(UPDATE, { id: created.id, revision: 7, input: communes({ thresholdPercent: 90 }) })).data!['r'];
    expect(stale).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT', currentRevision: 1 });
    const edited = (await haiphong.gql(UPDATE, { id: created.id, revision: 1, input: communes({ thresholdPercent: 90 }) })).data!['r'];
    expect(edited).toMatchObject({ __typename: 'Target', thresholdPercent: 90, revision: 2 });
    expect((await targetOf(haiphong, 'safeSecurityOrder', 2026, '31'))?.thresholdPercent).toBe(90);

    const retired = (await haiphong.gql(RETIRE, { id: created.id, revision: 2 })).data!['r'];
    expect(retired).toMatchObject({ __typename: 'Target', revision: 3 });
    expect(retired.retiredAt).not.toBeNull();
    expect((await targetOf(haiphong, 'safeSecurityOrder', 2026, '31'))?.thresholdPercent).toBe(80);
    const again = (await haiphong.gql(RETIRE, { id: created.id, revision: 3 })).data!['r'];
    expect(again).toMatchObject({ __typename: 'ImmutableError', code: 'IMMUTABLE' });

    const { data } = await t.gql(`{ auditEvents(entity: "Target", entityId: "${created.id}") { action areaPath } }`);
    expect(data!['auditEvents']).toEqual([
      { action: 'target.retire', areaPath: '31' },
      { action: 'target.update', areaPath: '31' },
      { action: 'target.create', areaPath: '31' },
    ]);
  });

  it('a province without seeded data gets its own target; until then the nation’s applies', async () => {
    // Hà Nội (01) has no demo data: 19.2 is measured against the nation's 80%.
    expect((await targetOf(t, 'newRural192', 2026, '01'))?.thresholdPercent).toBe(80);
    const created = (await t.gql(CREATE, { input: { programId: 'newRural192', areaCode: '01', unitKinds: ['commune'], fromYear: 2026, toYear: 2030, thresholdPercent: 92.5, title: 'Hà Nội: 92,5% xã đạt 19.2' } })).data!['r'];
    expect(created).toMatchObject({ __typename: 'Target', areaPath: '01', toYear: 2030 });
    expect((await targetOf(t, 'newRural192', 2026, '01'))?.thresholdPercent).toBe(92.5);
    expect((await targetOf(t, 'newRural192', 2031, '01'))?.thresholdPercent).toBe(80);
    expect((await targetOf(t, 'newRural192', 2026, '31'))?.thresholdPercent).toBe(80);
    expect((await targetOf(t, 'newRural192', 2026, null))?.thresholdPercent).toBe(80);

    // Hải Phòng neither sees Hà Nội's target nor can touch it: it is answered like a missing one.
    const listed = await haiphong.gql(`{ targets(programId: "newRural192") { areaPath thresholdPercent } }`);
    expect(listed.data!['targets']).toEqual([{ areaPath: '', thresholdPercent: 80 }]);
    for (const id of [created.id, '00000000-0000-4000-8000-000000000000', 'không-phải-id']) {
      const { data } = await haiphong.gql(RETIRE, { id, revision: 1 });
      expect(data!['r'], id).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    }
    const hanoi = await t.gql(`{ targets(areaCode: "00004", programId: "newRural192") { areaPath thresholdPercent } }`);
    expect(hanoi.data!['targets']).toEqual([
      { areaPath: '', thresholdPercent: 80 },
      { areaPath: '01', thresholdPercent: 92.5 },
    ]);
  });

  it('refuses targets outside the caller’s reach, and viewers', async () => {
    const elsewhere = await haiphong.gql(CREATE, { input: communes({ areaCode: '01' }) });
    expect(elsewhere.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const national = await haiphong.gql(CREATE, { input: communes({ areaCode: null }) });
    expect(national.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const byViewer = await viewer.gql(CREATE, { input: communes() });
    expect(byViewer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const count = await t.db.prisma.target.count({ where: { title: communes().title } });
    expect(count).toBe(1); // the one the first test created (and retired)
  });

  it('refuses an invalid target with every problem at its field, storing nothing', async () => {
    const before = await t.db.prisma.target.count();
    const { data } = await haiphong.gql(CREATE, {
      input: communes({ programId: 'khongCo', thresholdPercent: 150, fromYear: 2027, toYear: 2026, unitKinds: [] }),
    });
    expect(data!['r'].__typename).toBe('ValidationError');
    expect(data!['r'].issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['programId', 'thresholdPercent', 'toYear', 'unitKinds']);
    const ancient = await haiphong.gql(CREATE, { input: communes({ fromYear: 1800 }) });
    expect(ancient.data!['r'].issues).toEqual([{ code: 'invalidShape', path: 'fromYear' }]);
    expect(await t.db.prisma.target.count()).toBe(before);
  });
});
