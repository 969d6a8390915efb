import { can, canGrant, exportCriteriaPackage, grantsFor, nationalPrograms, tt124RecognitionWorkflow, type Grant, type Permission, type WorkflowRole } from '@antt/criteria';
import { createUserWithGrant, DEMO_USERS } from '@antt/db';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { databaseKindsUnderTest, startTestApi, unexpected, type TestApi } from './harness.ts';

/*
 * The isolation matrix: every mutation × every demo role, each acting inside the role's own subtree,
 * on another province (Hà Nội, 01) and on the unit above the role's scope. A request passes exactly
 * where ROLE_PERMISSIONS allows it; every refusal is FORBIDDEN and leaves the database as it was.
 * Cases come from data: a mutation is a permission rule plus a function preparing a request at a path.
 */

/** A request a mutation spec prepares (as the national admin) to act on `path`. */
interface Prepared {
  readonly variables: Record<string, unknown>;
  /** The unit path the request really acts on (a set's owner, a unit's path), which decides the expectation. */
  readonly path: string;
}

interface MutationSpec {
  readonly name: string;
  readonly document: string;
  allowed(grants: readonly Grant[], path: string): boolean;
  prepare(env: Env, path: string, id: string): Promise<Prepared>;
}

interface Env {
  readonly t: TestApi;
  /** The role's own subtree when acting above it: units there are not what a "parent" case is about. */
  readonly outside: string | undefined;
  /** A current unit at or below `path` and not in `outside`, the deepest first, of `kinds` if given. */
  unitWithin(path: string, kinds?: readonly string[]): Promise<{ code: string; path: string; provinceCode: string }>;
}

const MUTATIONS = [
  'actOnAssessment',
  'bulkActOnAssessments',
  'createApiKey',
  'createCriteriaSetDraft',
  'grantRole',
  'importCriteriaPackage',
  'importUnits',
  'openAssessment',
  'publishCriteriaSetVersion',
  'recordCriterionResults',
  'retireCriteriaSetVersion',
  'revokeApiKey',
  'unlockSignIn',
  'updateCriteriaSetDraft',
] as const;
/** Anyone may sign in and out. */
const UNCHECKED = ['login', 'logout'];

const OTHER_PROVINCE = '01';
const GRANTEE = 'isolation.grantee';
const results = (fields: string) => `__typename ... on Error { code message } ${fields}`;
const VERSION = results('... on CriteriaSetVersion { setId version revision }');

const permitted = (permission: Permission) => (grants: readonly Grant[], path: string) => can(grants, permission, path);
/** The path that owns a criteria set acting at `path`: the province, or the nation. */
const ownerOf = (path: string) => path.split('/')[0] ?? '';

function definition(id: string, owner: string): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id,
    version: 1,
    programId: 'safeSecurityOrder',
    owner: owner === '' ? { scope: 'national' } : { scope: 'province', provinceCode: owner },
    status: 'draft',
    title: { vi: 'Bộ tiêu chí thử quyền' },
    appliesTo: { unitKinds: ['commune'] },
    rule: { type: 'all' },
    criteria: [{ id: `${id}.plan`, code: '1', title: { vi: 'Có kế hoạch' }, measure: { type: 'boolean' } }],
  };
}

async function must(t: TestApi, query: string, variables: Record<string, unknown>, typename: string) {
  const { data, errors } = await t.gql(query, variables);
  const result = data && Object.values(data)[0];
  if (errors || result?.__typename !== typename) throw new Error(`setup failed: ${JSON.stringify(errors ?? result)}`);
  return result;
}

const CREATE = `mutation($input: CreateCriteriaSetDraftInput!) { r: createCriteriaSetDraft(input: $input) { ${VERSION} } }`;
const PUBLISH = `mutation($setId: String!, $version: Int!, $revision: Int!) { r: publishCriteriaSetVersion(setId: $setId, version: $version, revision: $revision) { ${VERSION} } }`;

/** A stored draft owned by the set owner of `path`, created by the national admin. */
async function draftAt(env: Env, path: string, id: string) {
  return must(env.t, CREATE, { input: { definition: definition(id, ownerOf(path)) } }, 'CriteriaSetVersion');
}

const REGISTER = { type: 'COMPLETE', artefact: { kind: 'registration', documentRef: 'hoso/dang-ky.pdf' } };

/** workflow.act on the unit and, among the same grants there, a role of the waiting step (registration: the unit head). */
const mayRegister = (grants: readonly Grant[], path: string) =>
  grantsFor(grants, 'workflow.act', path).some((grant) => tt124RecognitionWorkflow.steps[0]!.roles.includes(grant.role));

/** An assessment of a unit at `path` nobody has acted on yet (still at registration), opened when there is none. */
async function awaitingRegistration(env: Env, path: string): Promise<{ id: string; unitPath: string }> {
  const unit = await env.unitWithin(path);
  const rows = await env.t.db.query<{ id: string }>(
    `SELECT a.id FROM "Assessment" a JOIN "Unit" u ON u.id = a."unitId"
      WHERE u.code = $1 AND a."programId" = 'safeSecurityOrder' AND NOT EXISTS (SELECT 1 FROM "WorkflowItem" w WHERE w."assessmentId" = a.id)
      ORDER BY a."periodYear" LIMIT 1`,
    [unit.code],
  );
  let id = rows[0]?.id;
  if (!id) {
    const [{ year }] = (await env.t.db.query<{ year: number }>(
      `SELECT greatest(2030, coalesce(max(a."periodYear"), 2029) + 1)::int AS year FROM "Assessment" a JOIN "Unit" u ON u.id = a."unitId" WHERE u.code = $1`,
      [unit.code],
    )) as [{ year: number }];
    const opened = await must(
      env.t,
      `mutation($input: OpenAssessmentInput!) { r: openAssessment(input: $input) { ${results('... on Assessment { id }')} } }`,
      { input: { unitCode: unit.code, programId: 'safeSecurityOrder', periodYear: year } },
      'Assessment',
    );
    id = opened.id as string;
  }
  return { id, unitPath: unit.path };
}

const SPECS: Record<(typeof MUTATIONS)[number], Omit<MutationSpec, 'name'>> = {
  createCriteriaSetDraft: {
    document: CREATE,
    allowed: permitted('criteria.author'),
    prepare: async (_env, path, id) => ({ variables: { input: { definition: definition(id, ownerOf(path)) } }, path: ownerOf(path) }),
  },
  updateCriteriaSetDraft: {
    document: `mutation($setId: String!, $version: Int!, $revision: Int!, $definition: JSON!) {
      r: updateCriteriaSetDraft(setId: $setId, version: $version, revision: $revision, definition: $definition) { ${VERSION} } }`,
    allowed: permitted('criteria.author'),
    prepare: async (env, path, id) => {
      const draft = await draftAt(env, path, id);
      const changed = { ...definition(id, ownerOf(path)), title: { vi: 'Đã sửa' } };
      return { variables: { setId: id, version: 1, revision: draft.revision, definition: changed }, path: ownerOf(path) };
    },
  },
  publishCriteriaSetVersion: {
    document: PUBLISH,
    allowed: permitted('criteria.publish'),
    prepare: async (env, path, id) => {
      const draft = await draftAt(env, path, id);
      return { variables: { setId: id, version: 1, revision: draft.revision }, path: ownerOf(path) };
    },
  },
  retireCriteriaSetVersion: {
    document: `mutation($setId: String!, $version: Int!, $revision: Int!) { r: retireCriteriaSetVersion(setId: $setId, version: $version, revision: $revision) { ${VERSION} } }`,
    allowed: permitted('criteria.publish'),
    prepare: async (env, path, id) => {
      const draft = await draftAt(env, path, id);
      const published = await must(env.t, PUBLISH, { setId: id, version: 1, revision: draft.revision }, 'CriteriaSetVersion');
      return { variables: { setId: id, version: 1, revision: published.revision }, path: ownerOf(path) };
    },
  },
  importCriteriaPackage: {
    document: `mutation($package: JSON!) { r: importCriteriaPackage(package: $package) { ${results('... on CriteriaPackageImport { insertedSets }')} } }`,
    allowed: permitted('criteria.author'),
    prepare: async (_env, path, id) => {
      const set = definition(id, ownerOf(path));
      const pkg = exportCriteriaPackage(
        { setId: id, version: 1 },
        { set: (ref) => (ref.setId === id ? (set as never) : undefined), program: (programId) => nationalPrograms.find((p) => p.id === programId) },
        '2026-11-23T00:00:00Z',
      );
      if (!pkg.ok) throw new Error(JSON.stringify(pkg.errors));
      return { variables: { package: pkg.value }, path: ownerOf(path) };
    },
  },
  importUnits: {
    document: `mutation($input: ImportUnitsInput!) { r: importUnits(input: $input) { ${results('... on ImportSummary { inserted }')} } }`,
    allowed: permitted('units.import'),
    prepare: async (env, path, id) => {
      const parent = await env.unitWithin(ownerOf(path), ['commune', 'ward', 'specialZone']);
      const content = ['code,kind,name,parent_code', `${id},residentialArea,Thôn thử quyền ${id},${parent.code}`].join('\n');
      return { variables: { input: { provinceCode: parent.provinceCode, format: 'CSV', content } }, path: parent.provinceCode };
    },
  },
  openAssessment: {
    document: `mutation($input: OpenAssessmentInput!) { r: openAssessment(input: $input) { ${results('... on Assessment { id }')} } }`,
    allowed: permitted('assessments.open'),
    prepare: async (env, path, id) => {
      const unit = await env.unitWithin(path);
      // A year of its own per case, so successes never collide (2030…2099).
      const periodYear = 2030 + (Number.parseInt(id.replace(/\D/g, ''), 10) % 70);
      return { variables: { input: { unitCode: unit.code, programId: 'safeSecurityOrder', periodYear } }, path: unit.path };
    },
  },
  recordCriterionResults: {
    document: `mutation($id: ID!, $revision: Int!, $results: [CriterionResultInput!]!) {
      r: recordCriterionResults(assessmentId: $id, revision: $revision, results: $results) { ${results('... on Assessment { id }')} } }`,
    allowed: permitted('assessments.record'),
    prepare: async (env, path) => {
      const rows = await env.t.db.query<{ id: string; revision: number; path: string }>(
        `SELECT a.id, a.revision, v.path FROM "Assessment" a JOIN "UnitVersion" v ON v."unitId" = a."unitId" AND v."validTo" IS NULL
          WHERE ($1 = '' OR v.path = $1 OR v.path LIKE $1 || '/%') AND NOT ($2::text IS NOT NULL AND (v.path = $2 OR v.path LIKE $2 || '/%'))
          ORDER BY length(v.path) DESC, a.id LIMIT 1`,
        [path, env.outside ?? null],
      );
      let row = rows[0];
      if (!row) {
        // No stored assessment there (Hà Nội): the national admin opens one.
        const unit = await env.unitWithin(path);
        const opened = await must(
          env.t,
          `mutation($input: OpenAssessmentInput!) { r: openAssessment(input: $input) { ${results('... on Assessment { id revision }')} } }`,
          { input: { unitCode: unit.code, programId: 'safeSecurityOrder', periodYear: 2026 } },
          'Assessment',
        );
        row = { id: opened.id, revision: opened.revision, path: unit.path };
      }
      return { variables: { id: row.id, revision: row.revision, results: [] }, path: row.path };
    },
  },
  actOnAssessment: {
    document: `mutation($id: ID!, $revision: Int!, $action: WorkflowActionInput!) {
      r: actOnAssessment(assessmentId: $id, revision: $revision, action: $action) { ${results('... on Assessment { id }')} } }`,
    allowed: mayRegister,
    prepare: async (env, path) => {
      const { id, unitPath } = await awaitingRegistration(env, path);
      return { variables: { id, revision: 1, action: REGISTER }, path: unitPath };
    },
  },
  bulkActOnAssessments: {
    document: `mutation($items: [WorkflowBulkItemInput!]!, $action: WorkflowActionInput!) {
      r: bulkActOnAssessments(items: $items, action: $action) { ${results('... on WorkflowBulkResult { applied }')} } }`,
    allowed: mayRegister,
    prepare: async (env, path) => {
      const { id, unitPath } = await awaitingRegistration(env, path);
      return { variables: { items: [{ assessmentId: id, revision: 1 }], action: REGISTER }, path: unitPath };
    },
  },
  grantRole: {
    document: `mutation($username: String!, $role: String!, $scopePath: String!) {
      r: grantRole(username: $username, role: $role, scopePath: $scopePath) { ${results('... on RoleGrant { role scopePath }')} } }`,
    allowed: (grants, path) => canGrant(grants, 'viewer', path),
    prepare: async (_env, path) => ({ variables: { username: GRANTEE, role: 'viewer', scopePath: path }, path }),
  },
  createApiKey: {
    document: `mutation($name: String!, $scopePath: String!, $permissions: [String!]!) {
      r: createApiKey(name: $name, scopePath: $scopePath, permissions: $permissions) { ${results('... on ApiKeyCreated { id }')} } }`,
    allowed: permitted('users.grant'),
    prepare: async (_env, path, id) => ({ variables: { name: id, scopePath: path, permissions: ['units.read'] }, path }),
  },
  revokeApiKey: {
    document: `mutation($id: String!) { r: revokeApiKey(id: $id) }`,
    allowed: permitted('users.grant'),
    prepare: async (env, path, id) => {
      const key = await must(
        env.t,
        `mutation($name: String!, $scopePath: String!) { r: createApiKey(name: $name, scopePath: $scopePath, permissions: ["units.read"]) { ${results('... on ApiKeyCreated { id }')} } }`,
        { name: id, scopePath: path },
        'ApiKeyCreated',
      );
      return { variables: { id: key.id }, path };
    },
  },
  unlockSignIn: {
    document: `mutation($username: String!) { r: unlockSignIn(username: $username) { ${results('... on SignInUnlocked { cleared }')} } }`,
    allowed: permitted('users.grant'),
    prepare: async (env, path, id) => {
      // A stored hash no password matches: nobody signs in as this user, and creating it costs no scrypt.
      await createUserWithGrant(env.t.db, { username: id, displayName: id, passwordHash: 'scrypt$disabled', role: 'viewer', scopePath: path });
      return { variables: { username: id }, path };
    },
  },
};

type Target = 'own' | 'otherProvince' | 'parent';

/** Where a role acts for each target; `undefined` when there is no such place (nothing is above the nation). */
function targetPath(scopePath: string, target: Target, haNoiCommune: string): string | undefined {
  const depth = scopePath === '' ? 0 : scopePath.split('/').length;
  if (target === 'own') return scopePath;
  if (target === 'parent') return depth === 0 ? undefined : scopePath.split('/').slice(0, -1).join('/');
  return depth <= 1 ? OTHER_PROVINCE : haNoiCommune;
}

const CASES = MUTATIONS.flatMap((name) =>
  DEMO_USERS.flatMap((user) => (['own', 'otherProvince', 'parent'] as const).map((target) => ({ name, user, target }))),
);

describe.each(databaseKindsUnderTest())('isolation matrix on %s', (kind) => {
  let t: TestApi;
  let haNoiCommune = '';
  const clients = new Map<string, Awaited<ReturnType<TestApi['as']>>>();
  let counter = 0;

  beforeAll(async () => {
    t = await startTestApi(kind);
    await createUserWithGrant(t.db, { username: GRANTEE, displayName: 'Người được cấp quyền (thử)', password: 'mật khẩu thử đủ dài', role: 'viewer', scopePath: '31' });
    for (const user of DEMO_USERS) clients.set(user.username, await t.as(user.username));
    const commune = await t.db.query<{ path: string }>(
      `SELECT path FROM "UnitVersion" WHERE "validTo" IS NULL AND "provinceCode" = $1 AND kind <> 'province' ORDER BY path LIMIT 1`,
      [OTHER_PROVINCE],
    );
    haNoiCommune = commune[0]!.path;
  });
  afterAll(() => t?.close());
  afterEach(() => {
    expect(unexpected.splice(0), 'masked server errors').toEqual([]);
  });

  const envFor = (outside: string | undefined): Env => ({
    t,
    outside,
    async unitWithin(path, kinds) {
      const rows = await t.db.query<{ code: string; path: string; provinceCode: string }>(
        `SELECT code, path, "provinceCode" FROM "UnitVersion"
          WHERE "validTo" IS NULL AND kind <> 'province' AND ($1 = '' OR path = $1 OR path LIKE $1 || '/%')
            AND NOT ($2::text IS NOT NULL AND (path = $2 OR path LIKE $2 || '/%')) AND ($3::text[] IS NULL OR kind = ANY($3))
          ORDER BY length(path) DESC, code LIMIT 1`,
        [path, outside ?? null, kinds ?? null],
      );
      if (!rows[0]) throw new Error(`no unit within "${path}" outside "${outside}"`);
      return rows[0];
    },
  });

  /**
   * Row counts of every table and a hash of the rows mutations write. A set version is hashed by its
   * revision and status (every write bumps the revision), not its definition, to keep this fast.
   */
  async function snapshot() {
    const tables = await t.db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT LIKE '\\_%' ORDER BY 1`,
    );
    const counts = tables.map(({ name }) => `(SELECT count(*) FROM "${name}")::int AS "${name}"`).join(', ');
    const hash = (table: string, columns: string) =>
      `(SELECT md5(coalesce(string_agg(concat_ws(',', ${columns}), '|' ORDER BY x.id), '')) FROM "${table}" x) AS "${table}#"`;
    const [row] = await t.db.query<Record<string, unknown>>(`SELECT ${counts},
      ${hash('CriteriaSet', 'x.id, x."ownerScope", x."provinceCode", x.title')},
      ${hash('CriteriaSetVersion', 'x.id, x.status, x.revision, x."publishedAt", x."retiredAt"')},
      ${hash('Assessment', 'x.id, x.outcome, x.grade, x.revision, x."updatedAt", x."evaluatedAt"')},
      ${hash('CriterionResult', 'x.id, x.value::text, x.note, x."recordedAt"')},
      ${hash('UnitVersion', 'x.id, x.code, x.name, x.path, x."validFrom", x."validTo"')},
      ${hash('RoleGrant', 'x.id, x."userId", x.role, x."scopePath"')},
      ${hash('ApiKey', 'x.id, x."scopePath", x."revokedAt"')}`);
    return row!;
  }

  it('covers every mutation of the schema', async () => {
    const { data } = await t.gql(`{ __type(name: "Mutation") { fields { name } } }`);
    const fields = (data!.__type.fields as Array<{ name: string }>).map((field) => field.name).sort();
    expect(fields).toEqual([...MUTATIONS, ...UNCHECKED].sort());
  });

  it.each(CASES)('$name as $user.username ($user.role on "$user.scopePath") acting $target', async ({ name, user, target }) => {
    const path = targetPath(user.scopePath, target, haNoiCommune);
    if (path === undefined) return;
    const spec = SPECS[name];
    const id = `iso-${kind}-${++counter}`;
    const prepared = await spec.prepare(envFor(target === 'parent' ? user.scopePath : undefined), path, id);
    const grants: Grant[] = [{ role: user.role as WorkflowRole, scopePath: user.scopePath }];
    const allowed = spec.allowed(grants, prepared.path);

    const before = allowed ? undefined : await snapshot();
    const { data, errors } = await clients.get(user.username)!.gql(spec.document, prepared.variables);
    const outcome = JSON.stringify(errors ?? data);
    if (allowed) {
      // Passed the check: a result or a typed domain error, never a transport error.
      expect(errors, outcome).toBeUndefined();
      expect(data?.['r'], outcome).toBeDefined();
    } else {
      expect(errors?.map((error) => error.extensions?.['code']), outcome).toEqual(['FORBIDDEN']);
      expect(data?.['r'] ?? null).toBeNull();
      expect(await snapshot()).toEqual(before);
    }
  });
});
