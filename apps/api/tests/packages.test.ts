import type { Database } from '@antt/db';
import { createUserWithGrant } from '@antt/db';
import { createTestDatabase, type DatabaseKind } from '@antt/db/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../src/yoga.ts';
import { databaseKindsUnderTest, signIn, startTestApi, TEST_TODAY, unexpected, type GraphQLResponse, type TestApi } from './harness.ts';

const EXPORT = `query($setId: String!, $version: Int!) {
  exportCriteriaPackage(setId: $setId, version: $version) {
    __typename
    ... on CriteriaPackageExport { package sets programs }
    ... on NotFoundError { code key }
    ... on ValidationError { code issues { code path message } }
  }
}`;

const IMPORT = `mutation($package: JSON!) {
  importCriteriaPackage(package: $package) {
    __typename
    ... on CriteriaPackageImport { root insertedSets identicalSets insertedPrograms existingPrograms }
    ... on ValidationError { code message issues { code path message set } }
    ... on ImmutableError { code message }
  }
}`;

const HAI_PHONG = { setId: 'hai-phong-model-ntm-commune-2020', version: 1 };

interface Installation {
  readonly db: Database;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
}

/** Another installation: migrated, with no programs, sets or units at all. */
async function freshInstallation(kind: DatabaseKind): Promise<Installation> {
  const db = await createTestDatabase(kind);
  const api = createApi({ db, today: () => TEST_TODAY, onUnexpectedError: (error) => unexpected.push(error) });
  // A new installation has only the administrator created with `create-user`.
  await createUserWithGrant(db, { username: 'admin', displayName: 'Quản trị', password: 'mật khẩu đủ dài', role: 'nationalAdmin', scopePath: '' });
  const token = await signIn(api, 'admin', 'mật khẩu đủ dài');
  return {
    db,
    async gql(query, variables) {
      const response = await api.fetch('http://api.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse<any>;
    },
  };
}

describe.each(databaseKindsUnderTest())('criteria packages on %s', (kind) => {
  let seeded: TestApi;
  let fresh: Installation;
  let pkg: any;

  let exported: any;
  beforeAll(async () => {
    seeded = await startTestApi(kind);
    const { data, errors } = await seeded.gql(EXPORT, HAI_PHONG);
    expect(errors).toBeUndefined();
    exported = data!.exportCriteriaPackage;
    pkg = exported.package;
    fresh = await freshInstallation(kind);
  });
  afterAll(async () => {
    await seeded?.close();
    await fresh?.db.close();
  });
  afterEach(() => {
    if (unexpected.length > 0) console.error(unexpected.splice(0));
  });

  const versionCount = async (db: Database) => (await db.query<{ n: number }>('SELECT count(*) AS n FROM "CriteriaSetVersion"'))[0]!.n;
  const importInto = async (target: Pick<Installation, 'gql'>, value: unknown) => {
    const { data, errors } = await target.gql(IMPORT, { package: value });
    expect(errors).toBeUndefined();
    return data!.importCriteriaPackage;
  };

  it('exports Hải Phòng’s model NTM set with the national set it extends and the programs they name', () => {
    expect(exported.__typename).toBe('CriteriaPackageExport');
    expect(exported.sets).toEqual(['ntm-19-2-2016@1', 'hai-phong-model-ntm-commune-2020@1']);
    expect(exported.programs).toContain('newRuralModelSecurity');
    expect(pkg).toMatchObject({ format: 'antt-criteria-package', formatVersion: 1, root: HAI_PHONG });
    expect(Number.isNaN(Date.parse(pkg.exportedAt))).toBe(false);
    expect(pkg.sets.map((set: any) => set.id)).toEqual(['ntm-19-2-2016', 'hai-phong-model-ntm-commune-2020']);
  });

  it('imports it into a fresh installation, where it resolves with its parent', async () => {
    const empty = await freshInstallation(kind);
    try {
      expect(await versionCount(empty.db)).toBe(0);
      const result = await importInto(empty, pkg);
      expect(result).toEqual({
        __typename: 'CriteriaPackageImport',
        root: 'hai-phong-model-ntm-commune-2020@1',
        insertedSets: ['ntm-19-2-2016@1', 'hai-phong-model-ntm-commune-2020@1'],
        identicalSets: [],
        insertedPrograms: pkg.programs.map((program: any) => program.id),
        existingPrograms: [],
      });
      const { data, errors } = await empty.gql(`{
        criteriaSetVersion(setId: "hai-phong-model-ntm-commune-2020", version: 1) {
          ... on CriteriaSetVersion { status extendsSetId extendsVersion set { provinceCode program { id } } criteria { code originSetId } diffWithParent { safeCount breakingCount } }
        }
      }`);
      expect(errors).toBeUndefined();
      const version = data!.criteriaSetVersion;
      expect(version).toMatchObject({ status: 'draft', extendsSetId: 'ntm-19-2-2016', extendsVersion: 1, set: { provinceCode: '31', program: { id: 'newRuralModelSecurity' } } });
      expect(version.criteria).toContainEqual({ code: '16', originSetId: 'hai-phong-model-ntm-commune-2020' });
      expect(version.criteria.some((c: any) => c.originSetId === 'ntm-19-2-2016')).toBe(true);
      // The same criteria as in the installation it came from.
      const original = await seeded.gql(`{ criteriaSetVersion(setId: "hai-phong-model-ntm-commune-2020", version: 1) { ... on CriteriaSetVersion { criteria { code originSetId } } } }`);
      expect(version.criteria).toEqual(original.data!.criteriaSetVersion.criteria);
    } finally {
      await empty.db.close();
    }
  });

  it('imports a package once when several requests import it at the same time; the others find it identical', async () => {
    const empty = await freshInstallation(kind);
    try {
      const results = await Promise.all(Array.from({ length: 5 }, () => empty.gql(IMPORT, { package: pkg })));
      expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
      const imports = results.map((result) => result.data!.importCriteriaPackage);
      expect(imports.filter((r: any) => r.insertedSets.length === 2)).toHaveLength(1);
      expect(imports.filter((r: any) => r.identicalSets.length === 2)).toHaveLength(4);
      expect(await versionCount(empty.db)).toBe(2);
      expect(unexpected.splice(0)).toEqual([]);
    } finally {
      await empty.db.close();
    }
  });

  it('skips identical versions on a second import, here and where it came from (JSON text works too)', async () => {
    await importInto(fresh, pkg);
    const before = await versionCount(fresh.db);
    expect(await importInto(fresh, JSON.stringify(pkg))).toMatchObject({
      insertedSets: [],
      identicalSets: ['ntm-19-2-2016@1', 'hai-phong-model-ntm-commune-2020@1'],
      insertedPrograms: [],
    });
    expect(await versionCount(fresh.db)).toBe(before);
    expect(await importInto(seeded, pkg)).toMatchObject({ insertedSets: [], identicalSets: ['ntm-19-2-2016@1', 'hai-phong-model-ntm-commune-2020@1'] });
  });

  it('refuses a package whose version exists with other content, and stores none of it', async () => {
    const tampered = structuredClone(pkg);
    tampered.sets[0].title.vi = 'Chỉ tiêu 19.2 (đã sửa)';
    tampered.sets.push({ ...structuredClone(pkg.sets[1]), id: 'hai-phong-copy', title: { vi: 'Bản sao' } });
    await importInto(fresh, pkg);
    const before = await versionCount(fresh.db);
    const result = await importInto(fresh, tampered);
    expect(result).toMatchObject({ __typename: 'ImmutableError', code: 'IMMUTABLE', message: expect.stringMatching(/ntm-19-2-2016@1 already exists here with different content/) });
    expect(await versionCount(fresh.db)).toBe(before);
    const { data } = await fresh.gql(`{ criteriaSetVersion(setId: "hai-phong-copy", version: 1) { __typename } }`);
    expect(data!.criteriaSetVersion.__typename).toBe('NotFoundError');
  });

  it('answers a package that is not one, or lacks a parent, with a ValidationError at the right path', async () => {
    expect(await importInto(fresh, { format: 'zip', formatVersion: 1 })).toMatchObject({ __typename: 'ValidationError', issues: [{ code: 'wrongFormat', path: 'format' }] });
    expect(await importInto(fresh, { ...pkg, formatVersion: 7 })).toMatchObject({ __typename: 'ValidationError', issues: [{ code: 'unsupportedFormatVersion' }] });
    const orphan = { ...pkg, sets: pkg.sets.slice(1) };
    expect(await importInto(fresh, orphan)).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ code: 'missingParent', path: 'sets[0].extends', set: 'hai-phong-model-ntm-commune-2020@1' }],
    });
  });

  it('gives NOT_FOUND for a version that does not exist', async () => {
    const { data } = await seeded.gql(EXPORT, { setId: 'nowhere', version: 4 });
    expect(data!.exportCriteriaPackage).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND', key: 'nowhere@4' });
  });
});
