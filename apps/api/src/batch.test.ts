import type { GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { batched, fieldBatchName, groupBy } from './batch.ts';

describe('batched', () => {
  it('answers every call made in one tick with one load, and later calls with another', async () => {
    const ctx = {};
    const loads: string[][] = [];
    const load = async (keys: string[]) => {
      loads.push(keys);
      return (key: string) => key.toUpperCase();
    };
    const first = await Promise.all(['a', 'b', 'a'].map((key) => batched(ctx, 'letters', key, load)));
    const later = await batched(ctx, 'letters', 'c', load);
    expect(first).toEqual(['A', 'B', 'A']);
    expect(later).toBe('C');
    expect(loads).toEqual([['a', 'b'], ['c']]);
  });

  it('keeps requests and names apart', async () => {
    const loads: string[][] = [];
    const load = async (keys: string[]) => {
      loads.push(keys);
      return (key: string) => key;
    };
    await Promise.all([batched({}, 'x', 'a', load), batched({}, 'x', 'b', load)]);
    const ctx = {};
    await Promise.all([batched(ctx, 'x', 'c', load), batched(ctx, 'y', 'd', load)]);
    expect(loads).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('rejects every call of a batch whose load fails', async () => {
    const ctx = {};
    const load = () => Promise.reject(new Error('gone'));
    const results = await Promise.allSettled([batched(ctx, 'x', 1, load), batched(ctx, 'x', 2, load)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});

describe('fieldBatchName', () => {
  const path = (...keys: Array<string | number>) =>
    keys.reduce<GraphQLResolveInfo['path'] | undefined>((prev, key) => ({ prev, key, typename: undefined }), undefined)!;
  const info = (p: GraphQLResolveInfo['path']) => ({ path: p, parentType: { name: 'Unit' } }) as unknown as GraphQLResolveInfo;

  it('is the same for every row of a list and differs by alias and arguments', () => {
    const row3 = fieldBatchName(info(path('units', 'edges', 3, 'node', 'parent')), {});
    expect(fieldBatchName(info(path('units', 'edges', 0, 'node', 'parent')), {})).toBe(row3);
    expect(row3).toBe('Unit.units.edges.node.parent({})');
    expect(fieldBatchName(info(path('units', 'edges', 0, 'node', 'up')), {})).not.toBe(row3);
    expect(fieldBatchName(info(path('units', 'edges', 0, 'node', 'parent')), { year: 1 })).not.toBe(row3);
  });
});

describe('groupBy', () => {
  it('groups rows by key in order, with [] for a key without rows', () => {
    const lookup = groupBy([{ k: 1, v: 'a' }, { k: 2, v: 'b' }, { k: 1, v: 'c' }], (row) => row.k);
    expect(lookup(1).map((row) => row.v)).toEqual(['a', 'c']);
    expect(lookup(3)).toEqual([]);
  });
});
