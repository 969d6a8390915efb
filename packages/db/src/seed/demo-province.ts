import { foldDiacritics } from '@antt/criteria';
import { TWO_TIER_START, type UnitVersionRow } from './admin-history.ts';

/*
 * A demo province so a newcomer sees real numbers on first start: residential areas, agencies and
 * schools under every commune of one real province, with invented names that say they are demo data.
 * Deterministic: the same province always gets the same units.
 */

export const DEMO_PROVINCE_CODE = '31';
export const DEMO_LEGAL_ACT = 'Dữ liệu minh hoạ (demo)';

/** A small deterministic generator (mulberry32) seeded from text, so reruns produce the same data. */
export function seededRandom(seedText: string): () => number {
  let state = 2166136261;
  for (let i = 0; i < seedText.length; i++) state = Math.imul(state ^ seedText.charCodeAt(i), 16777619) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function child(
  commune: UnitVersionRow,
  suffix: string,
  kind: string,
  name: string,
  attributes: Record<string, string | boolean>,
): UnitVersionRow {
  const code = `${commune.code}-${suffix}`;
  const fullName = `${name}, ${commune.fullName}`;
  return {
    code,
    kind,
    name,
    fullName,
    nameEn: null,
    searchName: foldDiacritics(fullName),
    parentCode: commune.code,
    path: `${commune.path}/${code}`,
    provinceCode: commune.provinceCode,
    attributes: { ...attributes, demo: true },
    validFrom: TWO_TIER_START,
    validTo: null,
    legalAct: DEMO_LEGAL_ACT,
  };
}

/** Residential areas, agencies and schools for each commune-level unit of the province. */
export function demoUnits(communes: readonly UnitVersionRow[]): UnitVersionRow[] {
  const units: UnitVersionRow[] = [];
  for (const commune of communes) {
    const random = seededRandom(commune.code);
    const urban = commune.kind === 'ward';
    const areas = 6 + Math.floor(random() * 10);
    for (let n = 1; n <= areas; n++) {
      const suffix = `KDC${String(n).padStart(2, '0')}`;
      units.push(
        urban
          ? child(commune, suffix, 'residentialArea', `Tổ dân phố số ${n}`, { localType: 'to_dan_pho' })
          : child(commune, suffix, 'residentialArea', `Thôn ${n}`, { localType: 'thon' }),
      );
    }
    const level = urban ? 'phường' : commune.kind === 'specialZone' ? 'đặc khu' : 'xã';
    units.push(child(commune, 'CQ01', 'agency', `Trạm Y tế ${level} ${commune.name}`, { hasPartyOrganisation: true }));
    if (random() < 0.6) units.push(child(commune, 'CQ02', 'agency', `Bưu điện văn hoá ${level} ${commune.name}`, { hasPartyOrganisation: false }));
    units.push(child(commune, 'GD01', 'school', `Trường THCS ${commune.name}`, { schoolLevel: 'lowerSecondary' }));
    if (random() < 0.3) units.push(child(commune, 'GD02', 'school', `Trường THPT ${commune.name}`, { schoolLevel: 'upperSecondary' }));
    if (random() < 0.4) units.push(child(commune, 'DN01', 'enterprise', `Công ty TNHH ${commune.name} (minh hoạ)`, { size: 'medium' }));
  }
  return units;
}

/**
 * Which entered criteria a demo unit fails in a year: most units pass, some miss one criterion,
 * a few miss two. Returns criterion ids chosen from `entered`.
 */
export function demoFailures(unitCode: string, year: number, entered: readonly string[], passRate: number): string[] {
  const random = seededRandom(`${unitCode}:${year}`);
  if (entered.length === 0 || random() < passRate) return [];
  const first = entered[Math.floor(random() * entered.length)]!;
  if (random() < 0.75) return [first];
  const second = entered[Math.floor(random() * entered.length)]!;
  return first === second ? [first] : [first, second];
}
