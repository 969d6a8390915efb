import { foldDiacritics } from '@antt/criteria';
import type { Prisma } from '@antt/db';

/** Versions valid on `date` (validFrom ≤ date ≤ validTo, open-ended when validTo is null). */
export function validOn(date: string): Prisma.UnitVersionWhereInput {
  const day = new Date(`${date}T00:00:00Z`);
  return { validFrom: { lte: day }, OR: [{ validTo: null }, { validTo: { gte: day } }] };
}

export interface UnitFilter {
  readonly provinceCode?: string | null;
  /** Units anywhere below this unit (by code). */
  readonly withinCode?: string | null;
  readonly parentCode?: string | null;
  readonly kinds?: readonly string[] | null;
  /** Unit attributes that must equal the given values, e.g. `{ "border": true }`; anything else is ignored. */
  readonly attributes?: unknown;
  /** Matches names with or without diacritics ("hai phong" finds "Hải Phòng"), or a code prefix. */
  readonly search?: string | null;
}

export function unitWhere(filter: UnitFilter | null | undefined, asOf: string): Prisma.UnitVersionWhereInput {
  const and: Prisma.UnitVersionWhereInput[] = [validOn(asOf)];
  if (filter?.provinceCode) and.push({ provinceCode: filter.provinceCode });
  if (filter?.parentCode) and.push({ parentCode: filter.parentCode });
  if (filter?.withinCode) {
    and.push({ OR: [{ path: { startsWith: `${filter.withinCode}/` } }, { path: { contains: `/${filter.withinCode}/` } }] });
  }
  if (filter?.kinds && filter.kinds.length > 0) and.push({ kind: { in: [...filter.kinds] } });
  const attributes = filter?.attributes;
  const conditions = attributes && typeof attributes === 'object' && !Array.isArray(attributes) ? Object.entries(attributes) : [];
  for (const [attribute, value] of conditions) {
    and.push({ attributes: { path: [attribute], equals: value as Prisma.InputJsonValue } });
  }
  const search = filter?.search?.trim();
  if (search) {
    const folded = foldDiacritics(search.normalize('NFC'));
    and.push({ OR: [{ searchName: { contains: folded } }, { code: { startsWith: search } }] });
  }
  return { AND: and };
}
