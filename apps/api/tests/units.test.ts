import { describe, expect, it } from 'vitest';
import { databaseKindsUnderTest, useTestApi } from './harness.ts';

describe.each(databaseKindsUnderTest())('units on %s', (kind) => {
  const t = useTestApi(kind);

  it('finds "Hải Phòng" when searched without diacritics', async () => {
    const { data, errors } = await t.gql(`{ units(filter: { search: "hai phong", kinds: ["province"] }, first: 5) { totalCount edges { node { code name fullName } } } }`);
    expect(errors).toBeUndefined();
    expect(data!.units.edges.map((e: any) => e.node.fullName)).toEqual(['Thành phố Hải Phòng']);
  });

  it('lists today’s 34 provinces and 3,321 communes, and the 63 provinces of 2024', async () => {
    const { data } = await t.gql(`{
      provinces: units(filter: { kinds: ["province"] }) { totalCount }
      communes: units(filter: { kinds: ["commune", "ward", "specialZone"] }) { totalCount }
      old: units(filter: { kinds: ["province"] }, asOf: "2024-12-31") { totalCount }
      oldDistricts: units(filter: { kinds: ["district"] }, asOf: "2024-12-31") { totalCount }
    }`);
    expect(data).toEqual({ provinces: { totalCount: 34 }, communes: { totalCount: 3321 }, old: { totalCount: 63 }, oldDistricts: { totalCount: 696 } });
  });

  it('navigates the tree and pages with cursors', async () => {
    const first = await t.gql(`{ unit(code: "31") { __typename ... on Unit { fullName children(first: 3, filter: { kinds: ["ward"] }) { totalCount pageInfo { hasNextPage endCursor } edges { node { code parent { code } } } } } } }`);
    const haiPhong = first.data!.unit;
    expect(haiPhong.fullName).toBe('Thành phố Hải Phòng');
    expect(haiPhong.children.edges).toHaveLength(3);
    expect(haiPhong.children.edges.every((e: any) => e.node.parent.code === '31')).toBe(true);
    const next = await t.gql(`query($after: String) { unit(code: "31") { ... on Unit { children(first: 3, after: $after, filter: { kinds: ["ward"] }) { edges { node { code } } } } } }`, {
      after: haiPhong.children.pageInfo.endCursor,
    });
    const codes = [...haiPhong.children.edges, ...next.data!.unit.children.edges].map((e: any) => e.node.code);
    expect(new Set(codes).size).toBe(6);
  });

  it('shows a unit as it was: Phường 00004 was Trúc Bạch under Ba Đình district before July 2025', async () => {
    const { data } = await t.gql(`{
      before: unit(code: "00004", asOf: "2020-11-15") { ... on Unit { fullName parent { fullName kind } validTo } }
      after: unit(code: "00004") { ... on Unit { fullName parent { code } history { fullName validFrom } predecessors { fromCode event share from { fullName } } } }
    }`);
    expect(data!.before).toEqual({ fullName: 'Phường Trúc Bạch', parent: { fullName: 'Quận Ba Đình', kind: 'district' }, validTo: '2025-06-30' });
    expect(data!.after.fullName).toBe('Phường Ba Đình');
    expect(data!.after.parent).toEqual({ code: '01' });
    expect(data!.after.history.map((v: any) => v.fullName)).toEqual(['Phường Trúc Bạch', 'Phường Ba Đình']);
    expect(data!.after.predecessors.length).toBeGreaterThan(1);
    expect(data!.after.predecessors).toContainEqual(expect.objectContaining({ fromCode: '00004', from: { fullName: 'Phường Trúc Bạch' } }));
  });

  it('gives a typed NOT_FOUND for an unknown code', async () => {
    const { data, errors } = await t.gql(`{ unit(code: "99999") { __typename ... on NotFoundError { code message key } } }`);
    expect(errors).toBeUndefined();
    expect(data!.unit).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND', message: 'Không tìm thấy đơn vị "99999"', key: '99999' });
  });

  it('filters by attribute', async () => {
    const { data } = await t.gql(`{ units(filter: { kinds: ["province"], attributes: { isCity: true } }) { totalCount } }`);
    expect(data!.units.totalCount).toBeGreaterThanOrEqual(6);
  });

  it('rejects malformed GraphQL with a clear error and no stack trace', async () => {
    const response = await t.post(JSON.stringify({ query: '{ units(first: 2) { edges { node { code } }' }));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors[0].message).toMatch(/Syntax Error/);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
    const wrongType = await t.gql(`{ units(first: "two") { totalCount } }`);
    expect(wrongType.errors?.[0]?.message).toMatch(/Int cannot represent/);
  });
});
