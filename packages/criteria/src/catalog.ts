import {
  criteriaSetSchema,
  measureSchema,
  outcomeRuleSchema,
  type Applicability,
  type CriteriaSetDefinition,
  type CriterionDefinition,
  type CriterionOverride,
  type Measure,
  type OutcomeRule,
  type Provenance,
  type SetRef,
} from './definition.ts';
import { formatPath, fromZodIssues, issueAt, type DefinitionIssue } from './issues.ts';
import { err, ok, type Result } from './result.ts';
import type { IsoDate, LocalizedText } from './text.ts';
import { mayExtendOwner, type OwnerLike } from './visibility.ts';

const ownerText = (owner: OwnerLike) => (owner.scope === 'province' ? `tỉnh ${owner.provinceCode ?? ''}` : 'quốc gia');

/** An evaluation track (TT124, NTM 19.2, model ward police…). A program owns criteria-set versions. */
export interface Program {
  readonly id: string;
  readonly title: LocalizedText;
  readonly family?: string;
  readonly description?: LocalizedText;
  readonly provenance?: Provenance;
  readonly unverified?: boolean;
}

/** A criterion with every default filled in and the set it came from recorded. */
export interface ResolvedCriterion {
  readonly id: string;
  readonly code: string;
  readonly kind: 'group' | 'criterion';
  readonly title: LocalizedText;
  readonly description?: LocalizedText;
  readonly provenance?: Provenance;
  readonly effectiveFrom?: IsoDate;
  readonly effectiveTo?: IsoDate;
  readonly appliesTo?: Applicability;
  readonly required: boolean;
  readonly critical: boolean;
  readonly weight: number;
  readonly unverified: boolean;
  readonly note?: string;
  readonly measure?: Measure;
  readonly rule?: OutcomeRule;
  readonly criteria?: readonly ResolvedCriterion[];
  /** The set version that introduced this criterion or last changed it. */
  readonly origin: SetRef;
}

/** A criteria set with its `extends` chain applied: what the engine evaluates. */
/** The metadata a resolved set carries over from its definition unchanged. */
type SetMetadata = Pick<
  CriteriaSetDefinition,
  'programId' | 'owner' | 'status' | 'title' | 'description' | 'provenance' | 'effectiveFrom' | 'effectiveTo' | 'appliesTo' | 'periodSchemeId'
>;

export interface ResolvedCriteriaSet extends SetMetadata {
  readonly ref: SetRef;
  readonly unverified: boolean;
  readonly notes: readonly string[];
  readonly rule: OutcomeRule;
  readonly criteria: readonly ResolvedCriterion[];
  /** This set first, then each ancestor it extends. */
  readonly lineage: readonly SetRef[];
  readonly definition: CriteriaSetDefinition;
}

export function setKey(ref: SetRef): string {
  return `${ref.setId}@${ref.version}`;
}

/** Checks the shape of an untrusted definition (JSON from a file, a form or an API call). */
export function parseCriteriaSet(input: unknown): Result<CriteriaSetDefinition, DefinitionIssue[]> {
  const parsed = criteriaSetSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data as CriteriaSetDefinition);
  return err(fromZodIssues(parsed.error.issues));
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type WorkingCriterion = Mutable<Omit<ResolvedCriterion, 'criteria'>> & { criteria?: WorkingCriterion[] };

function resolveCriterion(def: CriterionDefinition, origin: SetRef): WorkingCriterion {
  const { criteria, kind, required, critical, weight, unverified, ...rest } = def;
  const node: WorkingCriterion = {
    ...rest,
    kind: kind ?? (criteria ? 'group' : 'criterion'),
    required: required ?? true,
    critical: critical ?? false,
    weight: weight ?? 1,
    unverified: unverified ?? false,
    origin,
  };
  if (criteria) {
    node.rule = def.rule ?? { type: 'all' };
    node.criteria = criteria.map((child) => resolveCriterion(child, origin));
  }
  return node;
}

function cloneWorking(node: ResolvedCriterion): WorkingCriterion {
  const { criteria, ...rest } = node;
  return criteria ? { ...rest, criteria: criteria.map(cloneWorking) } : { ...rest };
}

interface Located {
  readonly node: WorkingCriterion;
  readonly siblings: WorkingCriterion[];
}

function locate(list: WorkingCriterion[], id: string): Located | undefined {
  for (const node of list) {
    if (node.id === id) return { node, siblings: list };
    if (node.criteria) {
      const found = locate(node.criteria, id);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Merges a partial measure or rule over the inherited one, unless the override switches its type.
 * A `null` drops an inherited field, e.g. `{ count: null, percent: 90 }` on an N-of-M rule.
 */
function mergeTyped(base: object | undefined, patch: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const baseType = base && 'type' in base ? (base as { type: unknown }).type : undefined;
  const merged: Record<string, unknown> =
    patch['type'] !== undefined && patch['type'] !== baseType ? { ...patch } : { ...(base ?? {}), ...patch };
  for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
  return merged;
}

function applyOverride(
  node: WorkingCriterion,
  override: CriterionOverride,
  path: readonly PropertyKey[],
  origin: SetRef,
  issues: DefinitionIssue[],
): void {
  const { measure, rule, ...fields } = override;
  Object.assign(node, fields);
  if (measure) {
    if (!node.measure) {
      issues.push(issueAt('inconsistentRule', [...path, 'measure'], `"${node.id}" is a group: it has no measure to override`));
    } else {
      const merged = measureSchema.safeParse(mergeTyped(node.measure, measure));
      if (merged.success) node.measure = merged.data as Measure;
      else issues.push(...fromZodIssues(merged.error.issues, [...path, 'measure']));
    }
  }
  if (rule) {
    if (!node.criteria) {
      issues.push(issueAt('inconsistentRule', [...path, 'rule'], `"${node.id}" has no sub-criteria: it has no rule to override`));
    } else {
      const merged = outcomeRuleSchema.safeParse(mergeTyped(node.rule, rule));
      if (merged.success) node.rule = merged.data as OutcomeRule;
      else issues.push(...fromZodIssues(merged.error.issues, [...path, 'rule']));
    }
  }
  node.origin = origin;
}

function applyChanges(
  criteria: WorkingCriterion[],
  def: CriteriaSetDefinition,
  origin: SetRef,
  issues: DefinitionIssue[],
): void {
  (def.changes ?? []).forEach((change, index) => {
    const path = ['changes', index];
    switch (change.op) {
      case 'add': {
        let siblings = criteria;
        if (change.parentId !== undefined) {
          const parent = locate(criteria, change.parentId);
          if (!parent) {
            issues.push(issueAt('unknownTarget', [...path, 'parentId'], `no criterion "${change.parentId}" to add under`));
            return;
          }
          if (!parent.node.criteria) {
            issues.push(issueAt('inconsistentRule', [...path, 'parentId'], `"${change.parentId}" has a measure, not sub-criteria`));
            return;
          }
          siblings = parent.node.criteria;
        }
        const added = resolveCriterion(change.criterion, origin);
        if (change.after === undefined) {
          siblings.push(added);
          return;
        }
        const position = siblings.findIndex((node) => node.id === change.after);
        if (position < 0) {
          issues.push(issueAt('unknownTarget', [...path, 'after'], `no sibling "${change.after}" to insert after`));
          return;
        }
        siblings.splice(position + 1, 0, added);
        return;
      }
      case 'override': {
        const target = locate(criteria, change.targetId);
        if (!target) {
          issues.push(issueAt('unknownTarget', [...path, 'targetId'], `no inherited criterion "${change.targetId}" to override`));
          return;
        }
        applyOverride(target.node, change.set, [...path, 'set'], origin, issues);
        return;
      }
      case 'remove': {
        const target = locate(criteria, change.targetId);
        if (!target) {
          issues.push(issueAt('unknownTarget', [...path, 'targetId'], `no inherited criterion "${change.targetId}" to remove`));
          return;
        }
        target.siblings.splice(target.siblings.indexOf(target.node), 1);
        return;
      }
    }
  });
}

/** Finds each set that a set depends on; `undefined` when it is not known. */
export type SetLookup = (ref: SetRef) => CriteriaSetDefinition | undefined;

/**
 * Applies a set's `extends` chain. Pure: every parent comes from `lookup`. Shape is assumed checked
 * (see {@link parseCriteriaSet}); cross-references and cycles are checked here.
 */
export function resolveCriteriaSet(
  def: CriteriaSetDefinition,
  lookup: SetLookup,
  cache: Map<string, Result<ResolvedCriteriaSet, DefinitionIssue[]>> = new Map(),
  visiting: readonly string[] = [],
): Result<ResolvedCriteriaSet, DefinitionIssue[]> {
  const ref: SetRef = { setId: def.id, version: def.version };
  const key = setKey(ref);
  const cached = cache.get(key);
  if (cached) return cached;
  if (visiting.includes(key)) {
    return err([issueAt('extendsCycle', 'extends', `"extends" loops back: ${[...visiting, key].join(' → ')}`, key)]);
  }

  const issues: DefinitionIssue[] = [];
  let criteria: WorkingCriterion[];
  let rule = def.rule;
  let periodSchemeId = def.periodSchemeId;
  let lineage: SetRef[] = [ref];

  if (def.extends) {
    const parentDef = lookup(def.extends);
    if (!parentDef) {
      const result = err([issueAt('unknownSet', 'extends', `no criteria set ${setKey(def.extends)} to extend`, key)]);
      cache.set(key, result);
      return result;
    }
    if (!mayExtendOwner(def.owner, parentDef.owner)) {
      const result = err([
        issueAt(
          'foreignParent',
          'extends',
          `${setKey(def.extends)} thuộc ${ownerText(parentDef.owner)}: bộ tiêu chí của ${ownerText(def.owner)} chỉ kế thừa bộ tiêu chí quốc gia hoặc của chính mình`,
          key,
        ),
      ]);
      cache.set(key, result);
      return result;
    }
    const parent = resolveCriteriaSet(parentDef, lookup, cache, [...visiting, key]);
    if (!parent.ok) {
      const cycle = parent.errors.find((issue) => issue.code === 'extendsCycle');
      const result = err([
        cycle
          ? { ...cycle, set: key }
          : issueAt('unknownSet', 'extends', `the parent set ${setKey(def.extends)} is itself invalid`, key),
      ]);
      cache.set(key, result);
      return result;
    }
    if (def.status !== 'draft' && parent.value.status === 'draft') {
      issues.push(issueAt('immutable', 'extends', `a ${def.status} set cannot extend the draft ${setKey(def.extends)}`));
    }
    criteria = parent.value.criteria.map(cloneWorking);
    rule = rule ?? parent.value.rule;
    periodSchemeId = periodSchemeId ?? parent.value.periodSchemeId;
    lineage = [ref, ...parent.value.lineage];
    applyChanges(criteria, def, ref, issues);
  } else {
    criteria = (def.criteria ?? []).map((node) => resolveCriterion(node, ref));
  }

  const resolved: ResolvedCriteriaSet = {
    ref,
    programId: def.programId,
    owner: def.owner,
    status: def.status,
    title: def.title,
    ...(def.description && { description: def.description }),
    ...(def.provenance && { provenance: def.provenance }),
    ...(def.effectiveFrom && { effectiveFrom: def.effectiveFrom }),
    ...(def.effectiveTo && { effectiveTo: def.effectiveTo }),
    appliesTo: def.appliesTo,
    ...(periodSchemeId && { periodSchemeId }),
    unverified: def.unverified ?? false,
    notes: def.notes ?? [],
    rule: rule ?? { type: 'all' },
    criteria,
    lineage,
    definition: def,
  };
  issues.push(...checkTree(resolved));
  const result = issues.length > 0 ? err(issues.map((issue) => ({ ...issue, set: key }))) : ok(resolved);
  cache.set(key, result);
  return result;
}

/** Walks the tree with the path each node has in a standalone definition. */
export function* walkCriteria(
  criteria: readonly ResolvedCriterion[],
  path: readonly PropertyKey[] = ['criteria'],
  parent?: ResolvedCriterion,
): Generator<{ node: ResolvedCriterion; path: readonly PropertyKey[]; parent: ResolvedCriterion | undefined }> {
  for (const [index, node] of criteria.entries()) {
    const here = [...path, index];
    yield { node, path: here, parent };
    if (node.criteria) yield* walkCriteria(node.criteria, [...here, 'criteria'], node);
  }
}

function maxScoreOf(nodes: readonly ResolvedCriterion[]): number {
  let total = 0;
  for (const node of nodes) {
    if (node.measure?.type === 'score') total += node.measure.maxPoints * node.weight;
    else if (node.rule?.type === 'score' && node.criteria) total += maxScoreOf(node.criteria) * node.weight;
    else total += node.weight;
  }
  return total;
}

function checkRule(rule: OutcomeRule, children: readonly ResolvedCriterion[], path: readonly PropertyKey[]): DefinitionIssue[] {
  if (rule.type === 'atLeast' && rule.count !== undefined && rule.count > children.length) {
    return [issueAt('inconsistentRule', [...path, 'count'], `needs ${rule.count} criteria met but has only ${children.length}`)];
  }
  if (rule.type === 'score') {
    const max = maxScoreOf(children);
    return rule.bands.flatMap((band, index) =>
      band.minScore > max
        ? [issueAt('inconsistentRule', [...path, 'bands', index, 'minScore'], `band "${band.grade}" needs ${band.minScore} points but at most ${max} can be scored`)]
        : [],
    );
  }
  return [];
}

function checkTree(set: ResolvedCriteriaSet): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [...checkRule(set.rule, set.criteria, ['rule'])];
  const ids = new Map<string, string>();
  const codes = new Map<string, string>();
  for (const { node, path } of walkCriteria(set.criteria)) {
    const where = formatPath(path);
    const idSeen = ids.get(node.id);
    if (idSeen !== undefined) issues.push(issueAt('duplicateId', [...path, 'id'], `id "${node.id}" is already used at ${idSeen}`));
    else ids.set(node.id, where);
    const codeSeen = codes.get(node.code);
    if (codeSeen !== undefined) issues.push(issueAt('duplicateCode', [...path, 'code'], `code "${node.code}" is already used at ${codeSeen}`));
    else codes.set(node.code, where);
    if (node.rule && node.criteria) issues.push(...checkRule(node.rule, node.criteria, [...path, 'rule']));
    if (node.effectiveFrom && node.effectiveTo && node.effectiveTo < node.effectiveFrom) {
      issues.push(issueAt('inconsistentRule', [...path, 'effectiveTo'], 'effectiveTo is before effectiveFrom'));
    }
  }
  return issues;
}

/** Every program a set reads for the same unit: the edges in which cycles are looked for. */
function programOutcomeRefs(set: ResolvedCriteriaSet): Array<{ programId: string; path: readonly PropertyKey[] }> {
  const refs: Array<{ programId: string; path: readonly PropertyKey[] }> = [];
  for (const { node, path } of walkCriteria(set.criteria)) {
    if (node.measure?.type === 'programOutcome') refs.push({ programId: node.measure.programId, path: [...path, 'measure', 'programId'] });
  }
  return refs;
}

export interface Catalog {
  readonly programs: ReadonlyMap<string, Program>;
  readonly definitions: ReadonlyMap<string, CriteriaSetDefinition>;
  readonly sets: ReadonlyMap<string, ResolvedCriteriaSet>;
  get(ref: SetRef): ResolvedCriteriaSet | undefined;
  /** Every version of one set, oldest first. */
  versions(setId: string): readonly ResolvedCriteriaSet[];
}

export interface CatalogInput {
  readonly programs: readonly Program[];
  /** Untrusted definitions: each is shape-checked first. */
  readonly sets: readonly unknown[];
  /** When given, unit kinds named in sets must be among these. */
  readonly unitKinds?: readonly string[];
}

function findCycle(edges: ReadonlyMap<string, ReadonlySet<string>>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 'visiting') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of [...edges.keys()].sort()) {
    if (!state.has(node)) {
      const cycle = visit(node);
      if (cycle) return cycle;
    }
  }
  return undefined;
}

function unitKindsNamed(set: ResolvedCriteriaSet): Array<{ kind: string; path: readonly PropertyKey[] }> {
  const named: Array<{ kind: string; path: readonly PropertyKey[] }> = (set.appliesTo.unitKinds ?? []).map(
    (kind, index) => ({ kind, path: ['appliesTo', 'unitKinds', index] }),
  );
  for (const { node, path } of walkCriteria(set.criteria)) {
    (node.appliesTo?.unitKinds ?? []).forEach((kind, index) => named.push({ kind, path: [...path, 'appliesTo', 'unitKinds', index] }));
    if (node.measure?.type === 'childShare') {
      node.measure.childKinds.forEach((kind, index) => named.push({ kind, path: [...path, 'measure', 'childKinds', index] }));
    }
  }
  return named;
}

/**
 * Validates a whole collection of programs and sets together — shapes, parents, references between
 * programs, cycles — and resolves every set. Returns every issue found, never throws.
 */
export function createCatalog(input: CatalogInput): Result<Catalog, DefinitionIssue[]> {
  const issues: DefinitionIssue[] = [];
  const programs = new Map<string, Program>();
  for (const program of input.programs) {
    if (programs.has(program.id)) issues.push(issueAt('duplicateId', '', `program "${program.id}" is defined twice`));
    programs.set(program.id, program);
  }

  const definitions = new Map<string, CriteriaSetDefinition>();
  input.sets.forEach((raw, index) => {
    const parsed = parseCriteriaSet(raw);
    if (!parsed.ok) {
      const label = describeRaw(raw, index);
      issues.push(...parsed.errors.map((issue) => ({ ...issue, set: label })));
      return;
    }
    const key = setKey({ setId: parsed.value.id, version: parsed.value.version });
    if (definitions.has(key)) issues.push(issueAt('duplicateSet', '', `criteria set ${key} is defined twice`, key));
    else definitions.set(key, parsed.value);
  });

  const lookup: SetLookup = (ref) => definitions.get(setKey(ref));
  const cache = new Map<string, Result<ResolvedCriteriaSet, DefinitionIssue[]>>();
  const sets = new Map<string, ResolvedCriteriaSet>();
  const knownKinds = input.unitKinds ? new Set(input.unitKinds) : undefined;
  const readsProgram = new Map<string, Set<string>>();

  for (const [key, def] of definitions) {
    const resolved = resolveCriteriaSet(def, lookup, cache);
    if (!resolved.ok) {
      issues.push(...resolved.errors.filter((issue) => issue.set === key));
      continue;
    }
    const set = resolved.value;
    sets.set(key, set);
    if (!programs.has(set.programId)) issues.push(issueAt('unknownProgram', 'programId', `no program "${set.programId}"`, key));
    for (const { node, path } of walkCriteria(set.criteria)) {
      const measure = node.measure;
      if ((measure?.type === 'childShare' || measure?.type === 'programOutcome') && !programs.has(measure.programId)) {
        issues.push(issueAt('unknownProgram', [...path, 'measure', 'programId'], `no program "${measure.programId}"`, key));
      }
    }
    if (knownKinds) {
      for (const { kind, path } of unitKindsNamed(set)) {
        if (!knownKinds.has(kind)) issues.push(issueAt('unknownUnitKind', path, `no unit kind "${kind}"`, key));
      }
    }
    for (const ref of programOutcomeRefs(set)) {
      const edges = readsProgram.get(set.programId) ?? new Set<string>();
      edges.add(ref.programId);
      readsProgram.set(set.programId, edges);
    }
  }

  const cycle = findCycle(readsProgram);
  if (cycle) {
    issues.push(issueAt('programCycle', '', `programs read each other's outcome for the same unit: ${cycle.join(' → ')}`));
  }
  if (issues.length > 0) return err(issues);

  const byId = new Map<string, ResolvedCriteriaSet[]>();
  for (const set of sets.values()) byId.set(set.ref.setId, [...(byId.get(set.ref.setId) ?? []), set]);
  for (const list of byId.values()) list.sort((a, b) => a.ref.version - b.ref.version);

  return ok({
    programs,
    definitions,
    sets,
    get: (ref) => sets.get(setKey(ref)),
    versions: (setId) => byId.get(setId) ?? [],
  });
}

function describeRaw(raw: unknown, index: number): string {
  if (raw && typeof raw === 'object' && 'id' in raw && 'version' in raw) {
    const { id, version } = raw as { id: unknown; version: unknown };
    if (typeof id === 'string' && typeof version === 'number') return `${id}@${version}`;
  }
  return `sets[${index}]`;
}
