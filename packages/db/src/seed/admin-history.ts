import { foldDiacritics } from '@antt/criteria';
import { parseCsv } from '../csv.ts';

/*
 * Vietnam's administrative units before and after the 1 July 2025 restructuring, as unit versions and
 * lineage links. Pure: the caller reads the CSV files of ../shared/data and writes the rows.
 */

/** Earliest day the platform holds unit history for: results start with TT23/2012. */
export const HISTORY_START = '2012-01-01';
export const LAST_DAY_BEFORE_2025 = '2025-06-30';
export const TWO_TIER_START = '2025-07-01';

const PROVINCE_ACT = 'Nghị quyết 202/2025/QH15';
const COMMUNE_ACT = 'Nghị quyết 1654–1687/NQ-UBTVQH15; mã số theo Quyết định 19/2025/QĐ-TTg';

export interface UnitVersionRow {
  readonly code: string;
  readonly kind: string;
  readonly name: string;
  readonly fullName: string;
  readonly nameEn: string | null;
  readonly searchName: string;
  readonly parentCode: string | null;
  readonly path: string;
  readonly provinceCode: string | null;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly legalAct: string | null;
}

export interface LineageRow {
  readonly fromCode: string;
  readonly toCode: string;
  readonly event: string;
  readonly share: 'full' | 'partial';
  readonly effectiveOn: string;
  readonly legalAct: string;
}

export interface AdminHistory {
  readonly versions: readonly UnitVersionRow[];
  readonly lineage: readonly LineageRow[];
}

interface SourceFiles {
  readonly units2025: string;
  readonly unitsPre2025: string;
  readonly communeLineage: string;
  readonly provinceLineage: string;
}

/** The CSV `kind` column mapped to the glossary's unit kinds, plus the attributes it implies. */
function kindOf(level: string, kind: string): { kind: string; attributes: Record<string, string | boolean> } {
  if (level === 'province') return { kind: 'province', attributes: { isCity: kind === 'city' } };
  if (level === 'district') return { kind: 'district', attributes: { districtType: kind } };
  switch (kind) {
    case 'ward':
      return { kind: 'ward', attributes: { urban: true } };
    case 'township':
      return { kind: 'township', attributes: { urban: true } };
    case 'special_zone':
      return { kind: 'specialZone', attributes: {} };
    default:
      return { kind: 'commune', attributes: {} };
  }
}

function versionsOf(csv: string, validFrom: string, validTo: string | null, withDistricts: boolean): UnitVersionRow[] {
  const { records } = parseCsv(csv);
  const parentOf = new Map(records.map((r) => [r.values['code']!, r.values['parent_code'] || null]));
  const pathOf = (code: string): string => {
    const parent = parentOf.get(code);
    return parent ? `${pathOf(parent)}/${code}` : code;
  };
  return records.map(({ values }) => {
    const code = values['code']!;
    const { kind, attributes } = kindOf(values['level']!, values['kind']!);
    const path = pathOf(code);
    const fullName = values['full_name']!;
    return {
      code,
      kind,
      name: values['name']!,
      fullName,
      nameEn: values['name_en'] || null,
      searchName: foldDiacritics(fullName),
      parentCode: values['parent_code'] || null,
      path,
      provinceCode: path.split('/')[0]!,
      attributes,
      validFrom,
      validTo,
      legalAct: withDistricts ? null : values['level'] === 'province' ? PROVINCE_ACT : COMMUNE_ACT,
    };
  });
}

export function buildAdminHistory(files: SourceFiles): AdminHistory {
  const before = versionsOf(files.unitsPre2025, HISTORY_START, LAST_DAY_BEFORE_2025, true);
  const after = versionsOf(files.units2025, TWO_TIER_START, null, false);
  const lineage: LineageRow[] = [];
  for (const { values } of parseCsv(files.provinceLineage).records) {
    lineage.push({
      fromCode: values['old_code']!,
      toCode: values['new_code']!,
      event: values['event']!,
      share: 'full',
      effectiveOn: TWO_TIER_START,
      legalAct: PROVINCE_ACT,
    });
  }
  for (const { values } of parseCsv(files.communeLineage).records) {
    lineage.push({
      fromCode: values['old_code']!,
      toCode: values['new_code']!,
      event: values['event']!,
      share: values['share'] === 'partial' ? 'partial' : 'full',
      effectiveOn: TWO_TIER_START,
      legalAct: COMMUNE_ACT,
    });
  }
  return { versions: [...before, ...after], lineage };
}
