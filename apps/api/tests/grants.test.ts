import { beforeAll, describe, expect, it } from 'vitest';
import { databaseKindsUnderTest, useTestApi, type TestApi } from './harness.ts';

/* A role or a partner key is held on a unit's subtree: a scope that names no unit is refused, typed. */

const GRANT = `mutation($scope: String!) { r: grantRole(username: "xem.haiphong", role: "viewer", scopePath: $scope) {
  __typename ... on Error { code message } ... on ValidationError { issues { code path } } ... on RoleGrant { role scopePath } } }`;
const KEY = `mutation($scope: String!) { r: createApiKey(name: "thử", scopePath: $scope, permissions: ["units.read"]) {
  __typename ... on Error { code message } ... on ValidationError { issues { code path } } ... on ApiKeyCreated { scopePath } } }`;

describe.each(databaseKindsUnderTest())('grant scopes on %s', (kind) => {
  const t = useTestApi(kind);
  let haiphong: Pick<TestApi, 'gql'>;
  beforeAll(async () => {
    haiphong = await t.as('haiphong');
  });

  it('refuses a scope that names no unit, for a role and for a key, storing nothing', async () => {
    const [grants, keys] = [await t.db.prisma.roleGrant.count(), await t.db.prisma.apiKey.count()];
    for (const scope of ['99', '31/99999', '31/']) {
      for (const document of [GRANT, KEY]) {
        const { data } = await t.gql(document, { scope });
        expect(data!['r'], scope).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION', issues: [{ code: 'unknownTarget', path: 'scopePath' }] });
      }
    }
    expect([await t.db.prisma.roleGrant.count(), await t.db.prisma.apiKey.count()]).toEqual([grants, keys]);
  });

  it('grants on a real unit, and a province admin learns nothing about paths outside the province', async () => {
    const granted = await haiphong.gql(GRANT, { scope: '31/10507' });
    expect(granted.data!['r']).toEqual({ __typename: 'RoleGrant', role: 'viewer', scopePath: '31/10507' });
    const own = await haiphong.gql(GRANT, { scope: '31/99999' });
    expect(own.data!['r'].code).toBe('VALIDATION');
    for (const scope of ['01', '99']) {
      const foreign = await haiphong.gql(GRANT, { scope });
      expect(foreign.errors?.[0]?.extensions?.['code'], scope).toBe('FORBIDDEN');
    }
  });
});
