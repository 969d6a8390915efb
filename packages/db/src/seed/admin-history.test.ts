import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildAdminHistory, HISTORY_START, TWO_TIER_START } from './admin-history.ts';

const read = (name: string) => readFileSync(new URL(`../../data/${name}`, import.meta.url), 'utf8');
const history = buildAdminHistory({
  units2025: read('vn-admin-units-2025.csv'),
  unitsPre2025: read('vn-admin-units-pre2025.csv'),
  communeLineage: read('vn-admin-lineage-2025.csv'),
  provinceLineage: read('vn-admin-province-lineage-2025.csv'),
});

describe('buildAdminHistory', () => {
  const current = history.versions.filter((v) => v.validTo === null);
  const old = history.versions.filter((v) => v.validTo !== null);

  it('has 34 provinces and 3,321 commune-level units today', () => {
    expect(current.filter((v) => v.kind === 'province')).toHaveLength(34);
    expect(current.filter((v) => v.kind !== 'province')).toHaveLength(3321);
    expect(current.filter((v) => v.kind === 'specialZone')).toHaveLength(13);
  });

  it('has 63 provinces, 696 districts and 10,035 communes before 1 July 2025', () => {
    expect(old.filter((v) => v.kind === 'province')).toHaveLength(63);
    expect(old.filter((v) => v.kind === 'district')).toHaveLength(696);
    expect(old.filter((v) => ['commune', 'ward', 'township'].includes(v.kind))).toHaveLength(10035);
    expect(old.every((v) => v.validFrom === HISTORY_START)).toBe(true);
  });

  it('keeps one identity per code across the restructuring, with a new version', () => {
    const baDinh = history.versions.filter((v) => v.code === '00004');
    expect(baDinh.map((v) => [v.fullName, v.path, v.validFrom])).toEqual([
      ['Phường Trúc Bạch', '01/001/00004', HISTORY_START],
      ['Phường Ba Đình', '01/00004', TWO_TIER_START],
    ]);
    expect(baDinh[1]!.searchName).toBe('phuong ba dinh');
  });

  it('links every old commune to a new one and Hải Dương to Hải Phòng', () => {
    const from = new Set(history.lineage.map((l) => l.fromCode));
    expect(old.filter((v) => ['commune', 'ward', 'township'].every((k) => k !== v.kind) ? false : !from.has(v.code))).toEqual([]);
    expect(history.lineage).toContainEqual(expect.objectContaining({ fromCode: '30', toCode: '31', event: 'merge' }));
  });
});
