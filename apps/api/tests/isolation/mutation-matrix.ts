import { exportCriteriaPackage, nationalPrograms } from '@antt/criteria';
import { createUserWithGrant, DEMO_USERS } from '@antt/db';
import type { TestApi } from '../harness.ts';

/*
 * The mutation isolation matrix: every mutation × every demo role, the demo partner key and an
 * anonymous caller, each acting inside its own subtree, on another province (Hà Nội, 01) and on the
 * unit above its scope. The expected answers are written by hand (EXPECTED), not computed from
 * ROLE_PERMISSIONS: a request passes (A) or is refused (F, N, U), and all refusals together leave
 * the database as it was.
 */

/** A request a mutation spec prepares (as the national admin) to act on `path`. */
interface Prepared {
  readonly variables: Record<string, unknown>;
  /** The unit path the request really acts on (a set's owner, a unit's path), named when an answer is unexpected. */
  readonly path: string;
}

interface MutationSpec {
  readonly name: string;
  readonly document: string;
  prepare(env: Env, path: string, id: string): Promise<Prepared>;
}

interface Env {
  readonly t: TestApi;
  /** The role's own subtree when acting above it: units there are not what a "parent" case is about. */
  readonly outside: string | undefined;
  /** A current unit at or below `path` and not in `outside`, the deepest first, of `kinds` if given. */
  unitWithin(path: string, kinds?: readonly string[]): Promise<{ code: string; path: string; provinceCode: string }>;
}

export const MUTATIONS = [
  'actOnAssessment',
  'bulkActOnAssessments',
  'changePassword',
  'createApiKey',
  'createCriteriaSetDraft',
  'createTarget',
  'createUser',
  'deactivateUser',
  'grantRole',
  'importCriteriaPackage',
  'importUnits',
  'openAssessment',
  'publishCriteriaSetVersion',
  'reactivateUser',
  'recordCriterionResults',
  'resetPassword',
  'retireCriteriaSetVersion',
  'retireTarget',
  'revokeApiKey',
  'revokeRole',
  'unlockSignIn',
  'updateCriteriaSetDraft',
  'updateTarget',
] as const;
/** Anyone may sign in and out. */
export const UNCHECKED = ['login', 'logout'];

const OTHER_PROVINCE = '01';
const GRANTEE = 'isolation.grantee';
const results = (fields: string) => `__typename ... on Error { code message } ${fields}`;
const VERSION = results('... on CriteriaSetVersion { setId version revision }');

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
    prepare: async (_env, path, id) => ({ variables: { input: { definition: definition(id, ownerOf(path)) } }, path: ownerOf(path) }),
  },
  updateCriteriaSetDraft: {
    document: `mutation($setId: String!, $version: Int!, $revision: Int!, $definition: JSON!) {
      r: updateCriteriaSetDraft(setId: $setId, version: $version, revision: $revision, definition: $definition) { ${VERSION} } }`,
    prepare: async (env, path, id) => {
      const draft = await draftAt(env, path, id);
      const changed = { ...definition(id, ownerOf(path)), title: { vi: 'Đã sửa' } };
      return { variables: { setId: id, version: 1, revision: draft.revision, definition: changed }, path: ownerOf(path) };
    },
  },
  publishCriteriaSetVersion: {
    document: PUBLISH,
    prepare: async (env, path, id) => {
      const draft = await draftAt(env, path, id);
      return { variables: { setId: id, version: 1, revision: draft.revision }, path: ownerOf(path) };
    },
  },
  retireCriteriaSetVersion: {
    document: `mutation($setId: String!, $version: Int!, $revision: Int!) { r: retireCriteriaSetVersion(setId: $setId, version: $version, revision: $revision) { ${VERSION} } }`,
    prepare: async (env, path, id) => {
      const draft = await draftAt(env, path, id);
      const published = await must(env.t, PUBLISH, { setId: id, version: 1, revision: draft.revision }, 'CriteriaSetVersion');
      return { variables: { setId: id, version: 1, revision: published.revision }, path: ownerOf(path) };
    },
  },
  importCriteriaPackage: {
    document: `mutation($package: JSON!) { r: importCriteriaPackage(package: $package) { ${results('... on CriteriaPackageImport { insertedSets }')} } }`,
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
    prepare: async (env, path, id) => {
      const parent = await env.unitWithin(ownerOf(path), ['commune', 'ward', 'specialZone']);
      const content = ['code,kind,name,parent_code', `${id},residentialArea,Thôn thử quyền ${id},${parent.code}`].join('\n');
      return { variables: { input: { provinceCode: parent.provinceCode, format: 'CSV', content } }, path: parent.provinceCode };
    },
  },
  openAssessment: {
    document: `mutation($input: OpenAssessmentInput!) { r: openAssessment(input: $input) { ${results('... on Assessment { id }')} } }`,
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
    prepare: async (env, path) => {
      const { id, unitPath } = await awaitingRegistration(env, path);
      return { variables: { id, revision: 1, action: REGISTER }, path: unitPath };
    },
  },
  bulkActOnAssessments: {
    document: `mutation($items: [WorkflowBulkItemInput!]!, $action: WorkflowActionInput!) {
      r: bulkActOnAssessments(items: $items, action: $action) { ${results('... on WorkflowBulkResult { applied }')} } }`,
    prepare: async (env, path) => {
      const { id, unitPath } = await awaitingRegistration(env, path);
      return { variables: { items: [{ assessmentId: id, revision: 1 }], action: REGISTER }, path: unitPath };
    },
  },
  grantRole: {
    document: `mutation($username: String!, $role: String!, $scopePath: String!) {
      r: grantRole(username: $username, role: $role, scopePath: $scopePath) { ${results('... on RoleGrant { role scopePath }')} } }`,
    prepare: async (_env, path) => ({ variables: { username: GRANTEE, role: 'viewer', scopePath: path }, path }),
  },
  createApiKey: {
    document: `mutation($name: String!, $scopePath: String!, $permissions: [String!]!) {
      r: createApiKey(name: $name, scopePath: $scopePath, permissions: $permissions) { ${results('... on ApiKeyCreated { id }')} } }`,
    prepare: async (_env, path, id) => ({ variables: { name: id, scopePath: path, permissions: ['units.read'] }, path }),
  },
  revokeApiKey: {
    document: `mutation($id: String!) { r: revokeApiKey(id: $id) }`,
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
    prepare: async (env, path, id) => {
      // A stored hash no password matches: nobody signs in as this user, and creating it costs no scrypt.
      await createUserWithGrant(env.t.db, { username: id, displayName: id, passwordHash: 'scrypt$disabled', role: 'viewer', scopePath: path });
      return { variables: { username: id }, path };
    },
  },
  createUser: {
    document: `mutation($input: CreateUserInput!) { r: createUser(input: $input) { ${results('... on UserWithOneTimePassword { user { username } }')} } }`,
    prepare: async (_env, path, id) => ({ variables: { input: { username: id, displayName: `Tài khoản ${id}`, role: 'viewer', scopePath: path } }, path }),
  },
  resetPassword: {
    document: `mutation($username: String!) { r: resetPassword(username: $username) { ${results('... on UserWithOneTimePassword { user { username } }')} } }`,
    prepare: async (env, path, id) => ({ variables: { username: await accountAt(env, path, id) }, path }),
  },
  deactivateUser: {
    document: `mutation($username: String!) { r: deactivateUser(username: $username) { ${results('... on User { active }')} } }`,
    prepare: async (env, path, id) => ({ variables: { username: await accountAt(env, path, id) }, path }),
  },
  reactivateUser: {
    document: `mutation($username: String!) { r: reactivateUser(username: $username) { ${results('... on User { active }')} } }`,
    prepare: async (env, path, id) => {
      const username = await accountAt(env, path, id);
      await env.t.db.query(`UPDATE "User" SET "disabledAt" = now() WHERE username = $1`, [username]);
      return { variables: { username }, path };
    },
  },
  revokeRole: {
    document: `mutation($username: String!, $scopePath: String!) { r: revokeRole(username: $username, role: "viewer", scopePath: $scopePath) { ${results('... on User { username }')} } }`,
    prepare: async (env, path, id) => ({ variables: { username: await accountAt(env, path, id), scopePath: path }, path }),
  },
  changePassword: {
    // One's own password, wherever one acts: a new password too short is answered (typed) before any hashing.
    document: `mutation { r: changePassword(currentPassword: "không đúng", newPassword: "ngắn") { ${results('... on User { username }')} } }`,
    prepare: async (_env, path) => ({ variables: {}, path }),
  },
  createTarget: {
    document: `mutation($input: TargetInput!) { r: createTarget(input: $input) { ${results('... on Target { id }')} } }`,
    prepare: async (_env, path, id) => ({ variables: { input: targetInput(path, id) }, path }),
  },
  updateTarget: {
    document: `mutation($id: ID!, $input: TargetInput!) { r: updateTarget(id: $id, revision: 1, input: $input) { ${results('... on Target { id }')} } }`,
    prepare: async (env, path, id) => ({ variables: { id: await targetAt(env, path, id), input: targetInput(path, `${id}-sửa`) }, path }),
  },
  retireTarget: {
    document: `mutation($id: ID!) { r: retireTarget(id: $id, revision: 1) { ${results('... on Target { id }')} } }`,
    prepare: async (env, path, id) => ({ variables: { id: await targetAt(env, path, id) }, path }),
  },
};

/** An account holding viewer on `path`, stored directly (a hash no password matches: no scrypt). */
async function accountAt(env: Env, path: string, id: string): Promise<string> {
  await createUserWithGrant(env.t.db, { username: id, displayName: id, passwordHash: 'scrypt$disabled', role: 'viewer', scopePath: path });
  return id;
}

/** A target for the area at `path` (the nation for ''). */
function targetInput(path: string, title: string) {
  return { programId: 'safeSecurityOrder', areaCode: path.split('/').at(-1) || null, unitKinds: ['commune'], fromYear: 2026, thresholdPercent: 90, title };
}

/** A stored target for the area at `path`, created by the national admin. */
async function targetAt(env: Env, path: string, id: string): Promise<string> {
  const created = await must(env.t, `mutation($input: TargetInput!) { r: createTarget(input: $input) { ${results('... on Target { id }')} } }`, { input: targetInput(path, id) }, 'Target');
  return created.id as string;
}

const TARGETS = ['own', 'otherProvince', 'parent'] as const;
type Target = (typeof TARGETS)[number];

/** Where a role acts for each target; `undefined` when there is no such place (nothing is above the nation). */
function targetPath(scopePath: string, target: Target, haNoiCommune: string): string | undefined {
  const depth = scopePath === '' ? 0 : scopePath.split('/').length;
  if (target === 'own') return scopePath;
  if (target === 'parent') return depth === 0 ? undefined : scopePath.split('/').slice(0, -1).join('/');
  return depth <= 1 ? OTHER_PROVINCE : haNoiCommune;
}

/** The columns of EXPECTED. */
export const USERS = ['bocongan', 'boconganbo', 'haiphong', 'catp.haiphong', 'xem.haiphong', 'ca.thanhdong', 'bcd.thanhdong', 'ubnd.thanhdong', 'truongkdc.thanhdong1', 'partner key', 'anonymous'] as const;

/** Who sends the cases: the demo users, the demo partner key (read-only on 31) and an anonymous caller. */
const SENDERS: ReadonlyArray<{ username: string; scopePath: string }> = [
  ...DEMO_USERS,
  { username: 'partner key', scopePath: '31' },
  { username: 'anonymous', scopePath: '31' },
];

/*
 * By hand, per user: own subtree, another province, the unit above ('-': nothing above the nation).
 * A: the request passed the permission check (a result or a typed domain error other than N);
 * F: FORBIDDEN; U: UNAUTHENTICATED; N: NotFoundError, as for a missing one — an author asked to change another
 * province's set, which it may not even read. Only the unit head registers (the first step of the
 * workflow is theirs, not the administrators').
 */
const ADMINS = ['AA-', 'FF-', 'AFF', 'FFF', 'FFF', 'FFF', 'FFF', 'FFF', 'FFF', 'FFF', 'UUU'] as const;
/** Changes to a set or a target, which an author may not even read in another province (N). */
const SET_CHANGES = ['AA-', 'FF-', 'ANF', 'FFF', 'FFF', 'FFF', 'FFF', 'FFF', 'FFF', 'FFF', 'UUU'] as const;
//                                   bocongan boconganbo haiphong catp   xem    ca.td  bcd.td ubnd.td kdc1   key    anonymous
export const EXPECTED: Record<(typeof MUTATIONS)[number], readonly string[]> = {
  actOnAssessment:           ['FF-', 'FF-',     'FFF',   'FFF', 'FFF', 'FFF', 'FFF', 'FFF',  'AFF', 'FFF', 'UUU'],
  bulkActOnAssessments:      ['FF-', 'FF-',     'FFF',   'FFF', 'FFF', 'FFF', 'FFF', 'FFF',  'AFF', 'FFF', 'UUU'],
  // Every signed-in person changes their own password (the target does not matter); a key has none.
  changePassword:            ['AA-', 'AA-',     'AAA',   'AAA', 'AAA', 'AAA', 'AAA', 'AAA',  'AAA', 'FFF', 'UUU'],
  createApiKey:              ADMINS,
  createCriteriaSetDraft:    ADMINS,
  createTarget:              ADMINS,
  createUser:                ADMINS,
  deactivateUser:            ADMINS,
  grantRole:                 ADMINS,
  importCriteriaPackage:     ADMINS,
  importUnits:               ADMINS,
  openAssessment:            ['AA-', 'FF-',     'AFF',   'FFF', 'FFF', 'AFF', 'FFF', 'FFF',  'FFF', 'FFF', 'UUU'],
  publishCriteriaSetVersion: SET_CHANGES,
  reactivateUser:            ADMINS,
  recordCriterionResults:    ['AA-', 'FF-',     'AFF',   'AFF', 'FFF', 'AFF', 'FFF', 'FFF',  'AFF', 'FFF', 'UUU'],
  resetPassword:             ADMINS,
  retireCriteriaSetVersion:  SET_CHANGES,
  retireTarget:              SET_CHANGES,
  revokeApiKey:              ADMINS,
  revokeRole:                ADMINS,
  unlockSignIn:              ADMINS,
  updateCriteriaSetDraft:    SET_CHANGES,
  updateTarget:              SET_CHANGES,
};

interface Case {
  readonly name: (typeof MUTATIONS)[number];
  readonly user: (typeof SENDERS)[number];
  readonly target: Target;
  readonly path: string;
  /** F, N, U: sent with the refusals, which must leave the database as it was; A: sent alone, it may write. */
  readonly expected: 'A' | 'F' | 'N' | 'U';
}

/** The user the `grantRole` cases grant to; call once per database, before `runMutationMatrix`. */
export function createGrantee(t: TestApi): Promise<string> {
  return createUserWithGrant(t.db, { username: GRANTEE, displayName: 'Người được cấp quyền (thử)', password: 'mật khẩu thử đủ dài', role: 'viewer', scopePath: '31' });
}

/**
 * Sends every case: the refusals first, prepared one after another and sent all at once between two
 * snapshots of the database; then the requests that pass, each prepared just before it is sent.
 */
export async function runMutationMatrix(t: TestApi, clients: Map<string, Pick<TestApi, 'gql'>>, kind: string) {
  const commune = await t.db.query<{ path: string }>(
    `SELECT path FROM "UnitVersion" WHERE "validTo" IS NULL AND "provinceCode" = $1 AND kind <> 'province' ORDER BY path LIMIT 1`,
    [OTHER_PROVINCE],
  );
  const haNoiCommune = commune[0]!.path;
  let counter = 0;
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
    // A refusal itself is audited (access.refused); nothing else may be written.
    const counts = tables
      .map(({ name }) => `(SELECT count(*) FROM "${name}"${name === 'AuditEvent' ? ` WHERE action <> 'access.refused'` : ''})::int AS "${name}"`)
      .join(', ');
    const hash = (table: string, columns: string) =>
      `(SELECT md5(coalesce(string_agg(concat_ws(',', ${columns}), '|' ORDER BY x.id), '')) FROM "${table}" x) AS "${table}#"`;
    const [row] = await t.db.query<Record<string, unknown>>(`SELECT ${counts},
      ${hash('CriteriaSet', 'x.id, x."ownerScope", x."provinceCode", x.title')},
      ${hash('CriteriaSetVersion', 'x.id, x.status, x.revision, x."publishedAt", x."retiredAt"')},
      ${hash('Assessment', 'x.id, x.outcome, x.grade, x.revision, x."updatedAt", x."evaluatedAt"')},
      ${hash('CriterionResult', 'x.id, x.value::text, x.note, x."recordedAt"')},
      ${hash('UnitVersion', 'x.id, x.code, x.name, x.path, x."validFrom", x."validTo"')},
      ${hash('RoleGrant', 'x.id, x."userId", x.role, x."scopePath"')},
      ${hash('ApiKey', 'x.id, x."scopePath", x."revokedAt"')},
      ${hash('User', 'x.id, x.username, x."passwordHash", x."disabledAt", x."mustChangePassword"')},
      ${hash('Session', 'x.id, x."revokedAt"')},
      ${hash('Target', 'x.id, x.revision, x."thresholdPercent", x."retiredAt"')}`);
    return row!;
  }

  /** Sends a prepared case as its user: its letter, or the answer spelled out when it is none of them. */
  async function send(c: Case, prepared: Prepared): Promise<string> {
    const { data, errors } = await clients.get(c.user.username)!.gql(SPECS[c.name].document, prepared.variables);
    const r = data?.['r'];
    if (!errors && r?.__typename === 'NotFoundError') return 'N';
    if (!errors && r !== undefined && r !== null) return 'A';
    const code = errors?.length === 1 && (r ?? null) === null ? errors[0]!.extensions?.['code'] : undefined;
    if (code === 'FORBIDDEN') return 'F';
    if (code === 'UNAUTHENTICATED') return 'U';
    return `? on "${prepared.path}": ${JSON.stringify(errors ?? data)}`;
  }

  const cases: Case[] = MUTATIONS.flatMap((name) =>
    SENDERS.flatMap((user) =>
      TARGETS.flatMap((target, index) => {
        const path = targetPath(user.scopePath, target, haNoiCommune);
        const column = USERS.indexOf(user.username as (typeof USERS)[number]);
        const expected = EXPECTED[name][column]?.[index];
        if (column < 0) throw new Error(`${user.username} has no column in EXPECTED`);
        if (path === undefined) return [];
        // A cell that is none of A, F, N, U runs with the passing ones, and the comparison shows it.
        return [{ name, user, target, path, expected: expected === 'F' || expected === 'N' || expected === 'U' ? expected : 'A' }];
      }),
    ),
  );
  const observed = new Map<Case, string>();
  const prepare = (c: Case) => SPECS[c.name].prepare(envFor(c.target === 'parent' ? c.user.scopePath : undefined), c.path, `iso-${kind}-${++counter}`);

  // Refusals first: prepared one after another, sent all at once, the database compared once.
  const refused = cases.filter((c) => c.expected !== 'A');
  const prepared: Prepared[] = [];
  for (const c of refused) prepared.push(await prepare(c));
  const before = await snapshot();
  const BATCH = 40;
  for (let start = 0; start < refused.length; start += BATCH) {
    const batch = refused.slice(start, start + BATCH);
    const letters = await Promise.all(batch.map((c, i) => send(c, prepared[start + i]!)));
    batch.forEach((c, i) => observed.set(c, letters[i]!));
  }
  const afterRefusals = await snapshot();

  // Then the requests that pass, each prepared just before it is sent (they write).
  for (const c of cases.filter((c) => c.expected === 'A')) observed.set(c, await send(c, await prepare(c)));

  const table = (cell: (name: (typeof MUTATIONS)[number], username: string, index: number) => string) =>
    Object.fromEntries(MUTATIONS.map((name) => [name, Object.fromEntries(USERS.map((username) => [username, TARGETS.map((_t, index) => cell(name, username, index)).join('')]))]));
  const seen = (name: string, username: string, index: number) => {
    const c = cases.find((x) => x.name === name && x.user.username === username && x.target === TARGETS[index]);
    return c ? (observed.get(c) ?? '?') : '-';
  };
  const expected = table((name, username, index) => EXPECTED[name][USERS.indexOf(username as (typeof USERS)[number])]![index]!);
  return { before, afterRefusals, observed: table(seen), expected };
}
