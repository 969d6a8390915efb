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

/*
 * Read scopes: the subtrees a caller may see (`Actor.scopes(permission)`), `['']` for the whole
 * country, `[]` for nothing. Lists filter by them; single units outside them are refused.
 */

/** Whether the subtree at `path` and one of `scopes` overlap (either holds the other): an area a report may be asked for. */
export { overlapsScopes } from '@antt/criteria';

/**
 * Rows whose path column `field` (a unit's `path`, an event's `areaPath`, a grant's `scopePath`) lies
 * in one of `scopes`: no condition for the whole country, nothing for no scope.
 */
export function subtreeWhere<F extends string>(field: F, scopes: readonly string[]): { OR?: Array<Record<F, string | { startsWith: string }>> } {
  if (scopes.includes('')) return {};
  return { OR: scopes.flatMap((scope) => [{ [field]: scope }, { [field]: { startsWith: `${scope}/` } }] as Array<Record<F, string | { startsWith: string }>>) };
}

/** Versions whose path lies in one of `scopes`; no condition for the whole country. */
export function scopeWhere(scopes: readonly string[]): Prisma.UnitVersionWhereInput {
  return subtreeWhere('path', scopes);
}

/** The scopes as one SQL parameter for `scopeSql`: null (no condition) for the whole country. */
export function scopeParam(scopes: readonly string[]): string[] | null {
  return scopes.includes('') ? null : [...scopes];
}

/** SQL condition: `pathColumn` lies in one of the subtrees in parameter `$n` (a text[] from `scopeParam`). */
export function scopeSql(pathColumn: string, n: number): string {
  return `($${n}::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest($${n}::text[]) AS sc(p) WHERE ${pathColumn} = sc.p OR left(${pathColumn}, length(sc.p) + 1) = sc.p || '/'))`;
}

/** Whether the unit at `path` lies in one of `scopes`. */
export function isWithinScopes(path: string, scopes: readonly string[]): boolean {
  return scopes.some((scope) => scope === '' || path === scope || path.startsWith(`${scope}/`));
}
