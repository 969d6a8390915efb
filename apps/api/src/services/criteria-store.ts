import {
  createCatalog,
  criteriaSetArea,
  resolveCriteriaSet,
  nationalUnitKinds,
  parseCriteriaSet,
  setKey,
  type CriteriaSetDefinition,
  type DefinitionIssue,
  type Program,
  type ResolvedCriteriaSet,
  type Result,
  type SetRef,
} from '@antt/criteria';
import type { Database } from '@antt/db';

/*
 * Criteria-set definitions as stored: loading a version with the chain it extends, and validating a
 * definition against what is stored. The rules themselves are @antt/criteria's.
 */

export async function loadPrograms(db: Database): Promise<Program[]> {
  const rows = await db.prisma.program.findMany({ orderBy: { id: 'asc' } });
  return rows.map((row) => row.definition as unknown as Program);
}

export async function loadDefinition(db: Database, ref: SetRef): Promise<CriteriaSetDefinition | undefined> {
  const row = await db.prisma.criteriaSetVersion.findUnique({
    where: { setId_version: { setId: ref.setId, version: ref.version } },
    select: { definition: true },
  });
  return row ? (row.definition as unknown as CriteriaSetDefinition) : undefined;
}

/**
 * Whose eyes a definition is checked with: a parent set the reader may not read is not there for
 * them (`unknownSet`, as for a set that does not exist), so that validation never tells one province
 * what another has drafted. Omitted: everything stored (the system's own checks).
 */
export type SetReader = (area: string) => boolean;

/** The definitions a set extends, nearest first; stops at a missing (or, for `reader`, unreadable) parent or a loop. */
async function loadAncestors(db: Database, definition: CriteriaSetDefinition, reader?: SetReader): Promise<CriteriaSetDefinition[]> {
  const ancestors: CriteriaSetDefinition[] = [];
  const seen = new Set([setKey({ setId: definition.id, version: definition.version })]);
  let next = definition.extends;
  while (next && !seen.has(setKey(next))) {
    seen.add(setKey(next));
    const parent = await loadDefinition(db, next);
    if (!parent || (reader && !reader(criteriaSetArea(parent.owner)))) break;
    ancestors.push(parent);
    next = parent.extends;
  }
  return ancestors;
}

async function knownUnitKinds(db: Database): Promise<string[]> {
  const stored = await db.query<{ kind: string }>('SELECT DISTINCT kind FROM "UnitVersion"');
  return [...new Set([...nationalUnitKinds.map((kind) => kind.id), ...stored.map((row) => row.kind)])];
}

/**
 * Checks an untrusted definition against the stored programs and the sets it extends: shape, paths,
 * references, cycles. Returns the resolved set, ready for the engine.
 */
export async function validateDefinition(db: Database, input: unknown, reader?: SetReader): Promise<Result<ResolvedCriteriaSet, DefinitionIssue[]>> {
  const parsed = parseCriteriaSet(input);
  if (!parsed.ok) return parsed;
  const definition = parsed.value;
  const [programs, ancestors, unitKinds] = await Promise.all([loadPrograms(db), loadAncestors(db, definition, reader), knownUnitKinds(db)]);
  const catalog = createCatalog({ programs, sets: [...ancestors, definition], unitKinds });
  if (!catalog.ok) {
    const key = setKey({ setId: definition.id, version: definition.version });
    // Issues of the stored parents are not the caller's to fix; report them as one.
    const own = catalog.errors.filter((issue) => issue.set === undefined || issue.set === key);
    return { ok: false, errors: own.length > 0 ? own : catalog.errors };
  }
  return { ok: true, value: catalog.value.get({ setId: definition.id, version: definition.version })! };
}

/**
 * What replacing a stored draft with `definition` would break in the stored versions that extend
 * it, directly or through others. Each issue names the dependent set in `set`.
 */
export async function dependentIssues(db: Database, definition: CriteriaSetDefinition): Promise<DefinitionIssue[]> {
  const dependents = new Map<string, CriteriaSetDefinition>();
  let frontier: SetRef[] = [{ setId: definition.id, version: definition.version }];
  while (frontier.length > 0) {
    const rows = await db.prisma.criteriaSetVersion.findMany({
      where: { OR: frontier.map((ref) => ({ extendsSetId: ref.setId, extendsVersion: ref.version })) },
      select: { definition: true },
    });
    frontier = [];
    for (const row of rows) {
      const dependent = row.definition as unknown as CriteriaSetDefinition;
      const ref = { setId: dependent.id, version: dependent.version };
      if (dependents.has(setKey(ref))) continue;
      dependents.set(setKey(ref), dependent);
      frontier.push(ref);
    }
  }
  if (dependents.size === 0) return [];
  const [programs, ancestors, unitKinds] = await Promise.all([loadPrograms(db), loadAncestors(db, definition), knownUnitKinds(db)]);
  const catalog = createCatalog({ programs, sets: [...ancestors, definition, ...dependents.values()], unitKinds });
  return catalog.ok ? [] : catalog.errors.filter((issue) => issue.set !== undefined && dependents.has(issue.set));
}

/** A stored version resolved with its chain; `undefined` when it does not exist. */
export async function resolveStored(db: Database, ref: SetRef): Promise<Result<ResolvedCriteriaSet, DefinitionIssue[]> | undefined> {
  const definition = await loadDefinition(db, ref);
  if (!definition) return undefined;
  return validateDefinition(db, definition);
}

/**
 * Stored versions resolved against each other, in one query. They were validated when stored, so
 * this only applies `extends` chains; a version that no longer resolves is left out.
 */
export async function resolvedVersions(db: Database, filter: { programId?: string; statuses?: readonly string[] } = {}): Promise<ResolvedCriteriaSet[]> {
  const rows = await db.prisma.criteriaSetVersion.findMany({ select: { definition: true, status: true, set: { select: { programId: true } } } });
  const definitions = new Map<string, CriteriaSetDefinition>();
  for (const row of rows) {
    const definition = row.definition as unknown as CriteriaSetDefinition;
    definitions.set(setKey({ setId: definition.id, version: definition.version }), definition);
  }
  const cache = new Map<string, Result<ResolvedCriteriaSet, DefinitionIssue[]>>();
  const resolved: ResolvedCriteriaSet[] = [];
  for (const row of rows) {
    if (filter.programId && row.set.programId !== filter.programId) continue;
    if (filter.statuses && !filter.statuses.includes(row.status)) continue;
    const result = resolveCriteriaSet(row.definition as unknown as CriteriaSetDefinition, (ref) => definitions.get(setKey(ref)), cache);
    if (result.ok) resolved.push(result.value);
  }
  return resolved;
}

