import { DEMO_PARTNER_KEY } from '@antt/db';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { databaseKindsUnderTest, startTestApi, unexpected, type TestApi } from './harness.ts';
import { createGrantee, MUTATIONS, runMutationMatrix, UNCHECKED } from './isolation/mutation-matrix.ts';
import { isPlumbing, observe, prepareReads, PROBES, ROOTS_WITHOUT_PROBE, signInCallers, type Client, type Fixtures, type Target } from './isolation/read-matrix.ts';

/*
 * The isolation matrix, reads (isolation/read-matrix.ts) and mutations (isolation/mutation-matrix.ts),
 * over one seeded database: every caller signs in once, each probe asks all callers at once. The
 * expected answers are tables written by hand in those files, never computed from ROLE_PERMISSIONS.
 */
describe.each(databaseKindsUnderTest())('isolation matrix on %s', (kind) => {
  let t: TestApi;
  let clients: Map<string, Client>;
  let targets: Map<string, Target>;
  let fx: Fixtures;

  beforeAll(async () => {
    t = await startTestApi(kind);
    await createGrantee(t);
    clients = await signInCallers(t, DEMO_PARTNER_KEY);
    ({ fx, targets } = await prepareReads(t, clients));
  });
  afterAll(() => t?.close());
  afterEach(() => {
    expect(unexpected.splice(0), 'masked server errors').toEqual([]);
  });

  it('has a probe for every query and every field that returns another object', async () => {
    const { data } = await t.gql(`{ __schema { types { name kind possibleTypes { name } fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }`);
    type TypeRef = { kind: string; name: string | null; ofType: TypeRef | null };
    type SchemaType = { name: string; kind: string; possibleTypes: Array<{ name: string }> | null; fields: Array<{ name: string; type: TypeRef }> | null };
    const types = new Map<string, SchemaType>((data!.__schema.types as SchemaType[]).map((type) => [type.name, type]));
    const named = (type: TypeRef): TypeRef => (type.ofType ? named(type.ofType) : type);
    const queries = types.get('Query')!.fields!;
    expect([...new Set([...PROBES.map((probe) => probe.root), ...ROOTS_WITHOUT_PROBE])].sort()).toEqual(queries.map((field) => field.name).sort());

    // Every Type.field returning an object, on the types a query reaches (through unions too).
    const reached = new Set<string>();
    const objectFields = new Set<string>();
    const visit = (name: string) => {
      const type = types.get(name);
      if (!type || reached.has(name)) return;
      reached.add(name);
      for (const member of type.possibleTypes ?? []) visit(member.name);
      for (const field of type.fields ?? []) {
        const target = named(field.type);
        if (target.kind !== 'OBJECT' && target.kind !== 'UNION') continue;
        if (target.kind === 'OBJECT' && !isPlumbing(name)) objectFields.add(`${name}.${field.name}`);
        visit(target.name!);
      }
    };
    for (const query of queries) visit(named(query.type).name!);
    const covered = new Set(PROBES.flatMap((probe) => probe.covers));
    expect([...objectFields].filter((field) => !covered.has(field)).sort(), 'object fields without a probe').toEqual([]);
    expect([...covered].filter((field) => !objectFields.has(field)).sort(), 'probes naming no object field').toEqual([]);
  });

  it.each(PROBES.map((probe) => [probe.name, probe] as const))('reads: %s', async (_name, probe) => {
    const { observed, expected } = await observe(probe, clients, targets, fx);
    expect(observed).toEqual(expected);
  });

  it('covers every mutation of the schema', async () => {
    const { data } = await t.gql(`{ __type(name: "Mutation") { fields { name } } }`);
    const fields = (data!.__type.fields as Array<{ name: string }>).map((field) => field.name).sort();
    expect(fields).toEqual([...MUTATIONS, ...UNCHECKED].sort());
  });


  it('mutations: every mutation × user × target as written, and the refusals change nothing', async () => {
    const { before, afterRefusals, observed, expected } = await runMutationMatrix(t, clients, kind);
    expect(observed).toEqual(expected);
    expect(afterRefusals, 'the refused requests changed the database').toEqual(before);
  });
});
