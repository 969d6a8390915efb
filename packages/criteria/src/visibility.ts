import { isWithin } from './access.ts';

/*
 * Who reads what is not a unit: criteria sets and audit events. Each belongs to an area (a path of
 * unit codes, '' for the nation); a caller's read scopes (`readableScopes` of the permission) decide.
 * One rule per kind of thing, so that every query and field asks the same question.
 */

/** A set's owner, as definitions and stored rows both give it. */
export interface OwnerLike {
  readonly scope: string;
  readonly provinceCode?: string | null;
}

/** The area a criteria set belongs to: its province's code ("31"), or the nation (""). */
export function criteriaSetArea(owner: OwnerLike): string {
  return owner.scope === 'province' ? (owner.provinceCode ?? '') : '';
}

/** Whether the subtree at `path` and one of `scopes` overlap: either holds the other. */
export function overlapsScopes(path: string, scopes: readonly string[]): boolean {
  return scopes.some((scope) => isWithin(path, scope) || isWithin(scope, path));
}

/**
 * Whether a caller reading criteria in `scopes` reads a set (and its versions) of `area`. National
 * sets are every reader's templates; a province's sets, drafts included, only its own readers' — its
 * staff at any level below, and readers above it (the nation).
 */
export function mayReadCriteriaSet(scopes: readonly string[], area: string): boolean {
  if (scopes.length === 0) return false;
  return area === '' || overlapsScopes(area, scopes);
}

/**
 * Whether a caller reading reports in `scopes` reads a target set for `area`: the rule of criteria
 * sets, for the same reason (the nation's are everyone's yardstick, a province's its own).
 */
export function mayReadTarget(scopes: readonly string[], area: string): boolean {
  return mayReadCriteriaSet(scopes, area);
}

/**
 * Whether a caller reading the audit trail in `scopes` reads an event of `area`: only events inside
 * their subtrees. An event with no area (recorded before areas existed) or of the nation is national.
 */
export function mayReadAuditEvent(scopes: readonly string[], area: string | null | undefined): boolean {
  if (area === null || area === undefined) return scopes.includes('');
  return scopes.some((scope) => isWithin(area, scope));
}

/**
 * Whether a set owned by `child` may extend one owned by `parent`. National sets are every set's
 * base; a province's set is the base of that province's sets only, so that no province builds on (and
 * so reads) another's drafts, and no national set depends on a province's.
 */
export function mayExtendOwner(child: OwnerLike, parent: OwnerLike): boolean {
  const parentArea = criteriaSetArea(parent);
  return parentArea === '' || parentArea === criteriaSetArea(child);
}

/** The path and every path above it, nearest the root first: "31/10507" → ["31", "31/10507"]. */
export function pathAndAncestors(path: string): string[] {
  if (path === '') return [''];
  const codes = path.split('/');
  return codes.map((_code, index) => codes.slice(0, index + 1).join('/'));
}

/**
 * The area a person (or key) belongs to, for the events about them: the deepest one holding all
 * their grants ("31" for grants on 31 and 31/10507; the nation for none, or for several provinces).
 */
export function homeArea(grants: readonly { readonly scopePath: string }[]): string {
  return commonArea(grants.map((grant) => grant.scopePath));
}

/** The deepest area holding every one of `paths` ("" when they share nothing, or when none is given). */
export function commonArea(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  let common = paths[0]!.split('/');
  for (const path of paths.slice(1)) {
    const codes = path.split('/');
    let shared = 0;
    while (shared < common.length && shared < codes.length && common[shared] === codes[shared]) shared += 1;
    common = common.slice(0, shared);
  }
  return common.join('/');
}
