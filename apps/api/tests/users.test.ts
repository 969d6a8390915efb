import { beforeAll, describe, expect, it } from 'vitest';
import { createUserWithGrant } from '@antt/db';
import { createApi } from '../src/yoga.ts';
import { databaseKindsUnderTest, TEST_TODAY, useTestApi, type GraphQLResponse, type TestApi } from './harness.ts';

/*
 * A province onboards its own staff (issue 10 §3): accounts with one-time passwords changed at the
 * first sign-in, resets, deactivation, revocation and lists, each inside the administrator's subtree.
 * Every scrypt costs ~0.5 s: the tests share accounts and sign in as little as they can.
 */

const R = (fields: string) => `__typename ... on Error { code message } ${fields}`;
/** For results whose union holds ValidationError. */
const RV = (fields: string) => R(`... on ValidationError { issues { code path } } ${fields}`);
const USER = 'username displayName active mustChangePassword grants { role scopePath }';
const CREATE = `mutation($input: CreateUserInput!) { r: createUser(input: $input) { ${RV(`... on UserWithOneTimePassword { oneTimePassword user { ${USER} } }`)} } }`;
const LOGIN = `mutation($u: String!, $p: String!) { r: login(username: $u, password: $p) { ${R('... on SessionToken { token mustChangePassword grants { role scopePath } }')} } }`;
const CHANGE = `mutation($c: String!, $n: String!) { r: changePassword(currentPassword: $c, newPassword: $n) { ${RV(`... on User { ${USER} }`)} } }`;
const RESET = `mutation($u: String!) { r: resetPassword(username: $u) { ${R('... on UserWithOneTimePassword { oneTimePassword user { mustChangePassword } }')} } }`;
const DEACTIVATE = `mutation($u: String!) { r: deactivateUser(username: $u) { ${RV(`... on User { ${USER} }`)} } }`;
const REACTIVATE = `mutation($u: String!) { r: reactivateUser(username: $u) { ${R(`... on User { ${USER} }`)} } }`;
const REVOKE = `mutation($u: String!, $role: String!, $scope: String!) { r: revokeRole(username: $u, role: $role, scopePath: $scope) { ${RV(`... on User { ${USER} }`)} } }`;
const GRANT = `mutation($u: String!, $role: String!, $scope: String!) { r: grantRole(username: $u, role: $role, scopePath: $scope) { ${RV('... on RoleGrant { role }')} } }`;
const USERS = `query($area: String) { r: users(areaCode: $area) { ${R(`... on QueryUsersSuccess { data { ${USER} } }`)} } }`;
const VIEWER = `{ viewer { label mustChangePassword grants { role scopePath } } }`;

const NEW_PASSWORD = 'mật khẩu mới đủ dài 2026';

/** Users, grants and sessions as rows, to show a refusal changed nothing. */
async function accounts(t: TestApi) {
  return t.db.query(`SELECT u.username, u."passwordHash", u."disabledAt", u."mustChangePassword",
      (SELECT string_agg(g.role || '@' || g."scopePath", ',' ORDER BY g.role, g."scopePath") FROM "RoleGrant" g WHERE g."userId" = u.id) AS grants,
      (SELECT count(*) FILTER (WHERE s."revokedAt" IS NULL)::int FROM "Session" s WHERE s."userId" = u.id) AS live
    FROM "User" u ORDER BY u.username`);
}

const codeOf = (response: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => response.errors?.[0]?.extensions?.['code'];

describe.each(databaseKindsUnderTest())('staff management on %s', (kind) => {
  const t = useTestApi(kind);
  let haiphong: Pick<TestApi, 'gql'>;
  let viewer: Pick<TestApi, 'gql'>;
  /** The account created by the province admin, and its latest password and session. */
  const staff = { username: 'canbo.thanhdong', password: '', token: '', firstToken: '' };

  beforeAll(async () => {
    haiphong = await t.as('haiphong');
    viewer = await t.as('xem.haiphong');
    // Another province's officer, stored directly (no scrypt; nobody signs in as them).
    await createUserWithGrant(t.db, { username: 'canbo.hanoi', displayName: 'Cán bộ Hà Nội', passwordHash: 'scrypt$disabled', role: 'viewer', scopePath: '01' });
  });

  it('creates an account with a one-time password whose session may only change it, then signs in with the new one', async () => {
    const created = await haiphong.gql(CREATE, { input: { username: staff.username, displayName: 'Cán bộ Thành Đông', role: 'communePoliceOfficer', scopePath: '31/10507' } });
    const r = created.data!['r'];
    expect(r.__typename).toBe('UserWithOneTimePassword');
    expect(r.user).toEqual({ username: staff.username, displayName: 'Cán bộ Thành Đông', active: true, mustChangePassword: true, grants: [{ role: 'communePoliceOfficer', scopePath: '31/10507' }] });
    expect(r.oneTimePassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const [stored] = await t.db.query<{ passwordHash: string }>(`SELECT "passwordHash" FROM "User" WHERE username = $1`, [staff.username]);
    expect(stored!.passwordHash).toMatch(/^scrypt\$/);
    expect(stored!.passwordHash).not.toContain(r.oneTimePassword);
    const audit = await t.db.query(`SELECT "actorLabel", action, "areaPath" FROM "AuditEvent" WHERE "entityId" = $1 ORDER BY id`, [staff.username]);
    expect(audit).toEqual([{ actorLabel: 'user:haiphong', action: 'user.create', areaPath: '31/10507' }]);

    const first = (await t.gql(LOGIN, { u: staff.username, p: r.oneTimePassword })).data!['r'];
    expect(first).toMatchObject({ __typename: 'SessionToken', mustChangePassword: true });
    const restricted = t.withBearer(first.token);
    expect((await restricted.gql(VIEWER)).data!['viewer']).toEqual({ label: `user:${staff.username}`, mustChangePassword: true, grants: [] });
    for (const query of ['{ programs { id } }', '{ units(first: 1) { totalCount } }']) {
      const refused = await restricted.gql(query);
      expect(codeOf(refused), query).toBe('PASSWORD_CHANGE_REQUIRED');
      expect(refused.errors![0]!.message).toMatch(/đổi mật khẩu/);
    }

    const short = (await restricted.gql(CHANGE, { c: r.oneTimePassword, n: 'ngắn quá' })).data!['r'];
    expect(short).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION', issues: [{ code: 'weakPassword', path: 'newPassword' }] });
    expect(short.message).toMatch(/ít nhất 12 ký tự/);
    const asName = (await restricted.gql(CHANGE, { c: r.oneTimePassword, n: 'CANBO.THANHDONG' })).data!['r'];
    expect(asName.issues).toEqual([{ code: 'weakPassword', path: 'newPassword' }]);
    expect(asName.message).toMatch(/trùng tên đăng nhập/);
    const wrong = (await restricted.gql(CHANGE, { c: 'không phải mật khẩu này', n: NEW_PASSWORD })).data!['r'];
    expect(wrong.__typename).toBe('InvalidCredentialsError');

    const changed = (await restricted.gql(CHANGE, { c: r.oneTimePassword, n: NEW_PASSWORD })).data!['r'];
    expect(changed).toMatchObject({ __typename: 'User', mustChangePassword: false });
    // The same session now holds the account's grants.
    expect((await restricted.gql(VIEWER)).data!['viewer']).toMatchObject({ mustChangePassword: false, grants: [{ role: 'communePoliceOfficer', scopePath: '31/10507' }] });
    expect((await t.gql(LOGIN, { u: staff.username, p: r.oneTimePassword })).data!['r'].__typename).toBe('InvalidCredentialsError');
    const second = (await t.gql(LOGIN, { u: staff.username, p: NEW_PASSWORD })).data!['r'];
    expect(second).toMatchObject({ __typename: 'SessionToken', mustChangePassword: false });
    expect(codeOf(await t.withBearer(second.token).gql('{ programs { id } }'))).toBeUndefined();
    Object.assign(staff, { password: NEW_PASSWORD, token: second.token, firstToken: first.token });
  });

  it('changing a password ends the other sessions, and a reset ends them all and forces a change again', async () => {
    const other = t.withBearer(staff.token);
    const changed = (await other.gql(CHANGE, { c: staff.password, n: `${NEW_PASSWORD}!` })).data!['r'];
    expect(changed.__typename).toBe('User');
    expect(codeOf(await t.withBearer(staff.firstToken).gql(VIEWER))).toBe('UNAUTHENTICATED');
    expect(codeOf(await other.gql(VIEWER))).toBeUndefined();
    const before = await t.db.query<{ live: number }>(`SELECT count(*)::int AS live FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.username = $1 AND s."revokedAt" IS NULL`, [staff.username]);
    expect(before[0]!.live).toBe(1);
    const reset = (await haiphong.gql(RESET, { u: staff.username })).data!['r'];
    expect(reset).toMatchObject({ __typename: 'UserWithOneTimePassword', user: { mustChangePassword: true } });
    expect(codeOf(await other.gql(VIEWER))).toBe('UNAUTHENTICATED');
    const after = await t.db.query<{ live: number }>(`SELECT count(*)::int AS live FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.username = $1 AND s."revokedAt" IS NULL`, [staff.username]);
    expect(after[0]!.live).toBe(0);
    expect((await t.gql(LOGIN, { u: staff.username, p: `${NEW_PASSWORD}!` })).data!['r'].__typename).toBe('InvalidCredentialsError');
    const signedIn = (await t.gql(LOGIN, { u: staff.username, p: reset.oneTimePassword })).data!['r'];
    expect(signedIn.mustChangePassword).toBe(true);
    Object.assign(staff, { password: reset.oneTimePassword, token: signedIn.token });
    const audit = await t.db.query(`SELECT action, "areaPath", after FROM "AuditEvent" WHERE "entityId" = $1 AND action LIKE 'user.%' ORDER BY id`, [staff.username]);
    expect(audit).toEqual([
      { action: 'user.create', areaPath: '31/10507', after: { displayName: 'Cán bộ Thành Đông', role: 'communePoliceOfficer', scopePath: '31/10507' } },
      { action: 'user.passwordChange', areaPath: '31/10507', after: { sessionsEnded: 0 } },
      { action: 'user.passwordChange', areaPath: '31/10507', after: { sessionsEnded: 1 } },
      { action: 'user.passwordReset', areaPath: '31/10507', after: { sessionsEnded: 1 } },
    ]);
  });

  it('deactivation ends the sessions and blocks signing in; reactivation restores it', async () => {
    const deactivated = (await haiphong.gql(DEACTIVATE, { u: staff.username })).data!['r'];
    expect(deactivated).toMatchObject({ __typename: 'User', active: false });
    expect(codeOf(await t.withBearer(staff.token).gql(VIEWER))).toBe('UNAUTHENTICATED');
    expect((await t.gql(LOGIN, { u: staff.username, p: staff.password })).data!['r'].__typename).toBe('InvalidCredentialsError');
    const reactivated = (await haiphong.gql(REACTIVATE, { u: staff.username })).data!['r'];
    expect(reactivated).toMatchObject({ __typename: 'User', active: true });
    const back = (await t.gql(LOGIN, { u: staff.username, p: staff.password })).data!['r'];
    expect(back.__typename).toBe('SessionToken');
    staff.token = back.token;
    const self = (await haiphong.gql(DEACTIVATE, { u: 'haiphong' })).data!['r'];
    expect(self).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION' });
    const audit = await t.db.query(`SELECT action FROM "AuditEvent" WHERE "entityId" = $1 AND action IN ('user.deactivate', 'user.reactivate') ORDER BY id`, [staff.username]);
    expect(audit).toEqual([{ action: 'user.deactivate' }, { action: 'user.reactivate' }]);
  });

  it('revokes a role the admin could grant, and answers a grant the user does not hold as missing', async () => {
    expect((await haiphong.gql(GRANT, { u: staff.username, role: 'viewer', scope: '31' })).data!['r'].__typename).toBe('RoleGrant');
    const revoked = (await haiphong.gql(REVOKE, { u: staff.username, role: 'communePoliceOfficer', scope: '31/10507' })).data!['r'];
    expect(revoked).toMatchObject({ __typename: 'User', grants: [{ role: 'viewer', scopePath: '31' }] });
    const again = (await haiphong.gql(REVOKE, { u: staff.username, role: 'communePoliceOfficer', scope: '31/10507' })).data!['r'];
    expect(again).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    const audit = await t.db.query(`SELECT "actorLabel", "areaPath", before FROM "AuditEvent" WHERE "entityId" = $1 AND action = 'role.revoke'`, [staff.username]);
    expect(audit).toEqual([{ actorLabel: 'user:haiphong', areaPath: '31/10507', before: { role: 'communePoliceOfficer', scopePath: '31/10507' } }]);
  });

  it('lists the users inside the caller’s subtrees only, never a password', async () => {
    const names = (r: { data?: Record<string, any> }) => (r.data!['r'].data as Array<{ username: string }>).map((u) => u.username);
    const province = names(await haiphong.gql(USERS, {}));
    expect(province).toEqual(['bcd.thanhdong', 'ca.thanhdong', 'canbo.thanhdong', 'catp.haiphong', 'haiphong', 'truongkdc.thanhdong1', 'ubnd.thanhdong', 'xem.haiphong']);
    const commune = names(await haiphong.gql(USERS, { area: '10507' }));
    expect(commune).toEqual(['bcd.thanhdong', 'ca.thanhdong', 'truongkdc.thanhdong1', 'ubnd.thanhdong']);
    const nation = names(await t.gql(USERS, {}));
    expect(nation).toEqual(expect.arrayContaining(['bocongan', 'boconganbo', 'canbo.hanoi', 'haiphong', staff.username]));
    expect(names(await t.gql(USERS, { area: '01' }))).toEqual(['canbo.hanoi']);
    expect(codeOf(await haiphong.gql(USERS, { area: '01' }))).toBe('FORBIDDEN');
    expect(codeOf(await viewer.gql(USERS, {}))).toBe('FORBIDDEN');
    const fields = await t.gql(`{ __type(name: "User") { fields { name } } }`);
    expect((fields.data!['__type'].fields as Array<{ name: string }>).map((f) => f.name).sort()).toEqual(['active', 'createdAt', 'disabledAt', 'displayName', 'grants', 'mustChangePassword', 'username']);
  });

  it('refuses another province’s user, a role above the admin’s own and an unknown user alike, changing nothing', async () => {
    const before = await accounts(t);
    const refusals: Array<[string, Pick<TestApi, 'gql'>, string, Record<string, unknown>]> = [
      ['national role', haiphong, CREATE, { input: { username: 'vuot.quyen1', displayName: 'x', role: 'nationalAdmin', scopePath: '' } }],
      ['national role on the province', haiphong, CREATE, { input: { username: 'vuot.quyen2', displayName: 'x', role: 'nationalAdmin', scopePath: '31' } }],
      ['province admin of the nation', haiphong, CREATE, { input: { username: 'vuot.quyen3', displayName: 'x', role: 'provinceAdmin', scopePath: '' } }],
      ['another province', haiphong, CREATE, { input: { username: 'vuot.quyen4', displayName: 'x', role: 'viewer', scopePath: '01' } }],
      ['a viewer', viewer, CREATE, { input: { username: 'vuot.quyen5', displayName: 'x', role: 'viewer', scopePath: '31' } }],
      ['grant above own role', haiphong, GRANT, { u: staff.username, role: 'nationalAdmin', scope: '' }],
      ['reset another province', haiphong, RESET, { u: 'canbo.hanoi' }],
      ['reset the national admin', haiphong, RESET, { u: 'bocongan' }],
      ['reset unknown', haiphong, RESET, { u: 'khong.ton.tai' }],
      ['deactivate another province', haiphong, DEACTIVATE, { u: 'canbo.hanoi' }],
      ['deactivate unknown', haiphong, DEACTIVATE, { u: 'khong.ton.tai' }],
      ['reactivate another province', haiphong, REACTIVATE, { u: 'canbo.hanoi' }],
      ['revoke another province', haiphong, REVOKE, { u: 'canbo.hanoi', role: 'viewer', scope: '01' }],
      ['revoke the national role', haiphong, REVOKE, { u: 'bocongan', role: 'nationalAdmin', scope: '' }],
      ['revoke unknown', haiphong, REVOKE, { u: 'khong.ton.tai', role: 'viewer', scope: '31' }],
      ['viewer resets', viewer, RESET, { u: staff.username }],
    ];
    for (const [label, client, document, variables] of refusals) {
      const response = await client.gql(document, variables);
      expect([codeOf(response), response.data?.['r'] ?? null], label).toEqual(['FORBIDDEN', null]);
    }
    // A foreign user and a missing one read the same, word for word.
    const foreign = await haiphong.gql(RESET, { u: 'canbo.hanoi' });
    const missing = await haiphong.gql(RESET, { u: 'khong.ton.tai' });
    expect(missing.errors![0]!.message.replace('khong.ton.tai', 'canbo.hanoi')).toBe(foreign.errors![0]!.message);
    // A user holding a role in 31 and one in 01 belongs to neither province alone.
    await t.gql(GRANT, { u: 'canbo.hanoi', role: 'viewer', scope: '31' });
    const mixed = await accounts(t);
    expect(codeOf(await haiphong.gql(DEACTIVATE, { u: 'canbo.hanoi' }))).toBe('FORBIDDEN');
    expect(await accounts(t)).toEqual(mixed);
    expect(mixed.filter((row) => row['username'] !== 'canbo.hanoi')).toEqual(before.filter((row) => row['username'] !== 'canbo.hanoi'));
    // Nationally, an unknown user is simply missing.
    expect((await t.gql(RESET, { u: 'khong.ton.tai' })).data!['r']).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    expect((await t.gql(CREATE, { input: { username: 'haiphong', displayName: 'Trùng', role: 'viewer', scopePath: '31' } })).data!['r']).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ code: 'usernameTaken', path: 'input.username' }],
    });
    expect((await t.gql(CREATE, { input: { username: 'Sai Tên', displayName: 'x', role: 'viewer', scopePath: '31' } })).data!['r'].issues).toEqual([{ code: 'invalidUsername', path: 'input.username' }]);
    expect((await t.gql(CREATE, { input: { username: 'vai.tro.la', displayName: 'x', role: 'thủ quỹ', scopePath: '31' } })).data!['r'].issues).toEqual([{ code: 'unknownRole', path: 'input.role' }]);
    expect((await t.gql(CREATE, { input: { username: 'pham.vi.la', displayName: 'x', role: 'viewer', scopePath: '99' } })).data!['r'].issues).toEqual([{ code: 'unknownTarget', path: 'scopePath' }]);
    expect(await accounts(t)).toEqual(mixed);
  });

  it('throttles guessing the current password like guessing it at sign-in', async () => {
    // The throttle's clock stands still, so slow hashes under load never wait out the 1 s delay.
    const frozen = new Date();
    const still = createApi({ db: t.db, today: () => TEST_TODAY, now: () => frozen });
    const session = {
      async gql(query: string, variables: Record<string, unknown>) {
        const response = await still.fetch('http://api.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${staff.token}` },
          body: JSON.stringify({ query, variables }),
        });
        return (await response.json()) as GraphQLResponse<any>;
      },
    };
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) answers.push((await session.gql(CHANGE.replace('... on User', '... on SignInThrottledError { retryAfterSeconds } ... on User'), { c: `đoán sai lần ${i}`, n: NEW_PASSWORD })).data!['r'].__typename);
    expect(answers).toEqual(['InvalidCredentialsError', 'InvalidCredentialsError', 'InvalidCredentialsError', 'InvalidCredentialsError', 'InvalidCredentialsError', 'SignInThrottledError']);
  });
});
