import { z } from 'zod';
import { createCatalog, parseCriteriaSet, setKey, type Catalog, type Program, type SetLookup } from './catalog.ts';
import {
  localizedTextSchema,
  programIdSchema,
  provenanceSchema,
  type CriteriaSetDefinition,
  type CriterionDefinition,
  type SetRef,
} from './definition.ts';
import { formatPath, fromZodIssues, type DefinitionIssueCode } from './issues.ts';
import { err, ok, type Result } from './result.ts';

/*
 * A criteria package carries a criteria-set version from one installation to another (a province to
 * the ministry, a test server to production): the version, every set it extends, and the programs
 * they name, as one versioned JSON document. Reading one checks it completely on its own — format,
 * shapes, parents, references — before anything is stored.
 */

export const CRITERIA_PACKAGE_FORMAT = 'antt-criteria-package';
export const CRITERIA_PACKAGE_FORMAT_VERSION = 1;

export interface CriteriaPackage {
  readonly format: typeof CRITERIA_PACKAGE_FORMAT;
  readonly formatVersion: typeof CRITERIA_PACKAGE_FORMAT_VERSION;
  /** ISO 8601 instant. */
  readonly exportedAt: string;
  /** The version the package was made for; `sets` holds it and, before it, every set it extends. */
  readonly root?: SetRef;
  /** Parents before children. */
  readonly sets: readonly CriteriaSetDefinition[];
  /** The programs the sets belong to or read outcomes of. */
  readonly programs: readonly Program[];
}

export type CriteriaPackageIssueCode =
  | DefinitionIssueCode
  | 'wrongFormat'
  | 'unsupportedFormatVersion'
  | 'missingSet'
  | 'missingParent'
  | 'missingProgram';

export interface CriteriaPackageIssue {
  readonly code: CriteriaPackageIssueCode;
  /** Where in the package, e.g. `sets[1].criteria[0].measure.programId`; empty for the whole package. */
  readonly path: string;
  readonly message: string;
  /** The set concerned, as `setId@version`. */
  readonly set?: string;
}

function issue(code: CriteriaPackageIssueCode, path: string, message: string, set?: string): CriteriaPackageIssue {
  return set === undefined ? { code, path, message } : { code, path, message, set };
}

// ---------------------------------------------------------------------------------------------
// Export

/** Where an export finds what it packs: usually the stored versions and programs. */
export interface CriteriaPackageSource {
  readonly set: SetLookup;
  readonly program: (id: string) => Program | undefined;
}

function programsInCriteria(criteria: readonly CriterionDefinition[] | undefined, into: Set<string>): void {
  for (const criterion of criteria ?? []) {
    const measure = criterion.measure;
    if (measure && (measure.type === 'childShare' || measure.type === 'programOutcome')) into.add(measure.programId);
    programsInCriteria(criterion.criteria, into);
  }
}

/** Every program a definition names: its own and those its measures read, including in changes. */
export function programsNamedBy(definition: CriteriaSetDefinition): string[] {
  const ids = new Set<string>([definition.programId]);
  programsInCriteria(definition.criteria, ids);
  for (const change of definition.changes ?? []) {
    if (change.op === 'add') programsInCriteria([change.criterion], ids);
    if (change.op === 'override' && typeof change.set.measure?.['programId'] === 'string') ids.add(change.set.measure['programId']);
  }
  return [...ids];
}

/**
 * Packs `root` with every set it extends and every program they name. Fails when a set or program
 * cannot be found, or when the packed sets do not resolve together.
 *
 * @example
 * const pkg = exportCriteriaPackage({ setId: 'hai-phong-model-ntm-commune-2020', version: 1 }, {
 *   set: (ref) => definitions.get(setKey(ref)),
 *   program: (id) => programs.get(id),
 * }, new Date().toISOString());
 * if (pkg.ok) writeFileSync('package.json', JSON.stringify(pkg.value, null, 2));
 */
export function exportCriteriaPackage(
  root: SetRef,
  source: CriteriaPackageSource,
  exportedAt: string,
): Result<CriteriaPackage, CriteriaPackageIssue[]> {
  const chain: CriteriaSetDefinition[] = [];
  const seen = new Set<string>();
  let next: SetRef | undefined = root;
  let child: string | undefined;
  while (next) {
    const key = setKey(next);
    if (seen.has(key)) {
      return err([issue('extendsCycle', 'extends', `"extends" loops back to ${key}`, child)]);
    }
    seen.add(key);
    const definition = source.set(next);
    if (!definition) {
      return err([
        child === undefined
          ? issue('missingSet', '', `no criteria set ${key}`, key)
          : issue('missingParent', 'extends', `${child} extends ${key}, which is not stored`, child),
      ]);
    }
    chain.push(definition);
    child = key;
    next = definition.extends;
  }
  const sets = chain.reverse();

  const issues: CriteriaPackageIssue[] = [];
  const programs: Program[] = [];
  const programIds = new Set(sets.flatMap(programsNamedBy));
  for (const id of [...programIds].sort()) {
    const program = source.program(id);
    if (program) programs.push(program);
    else issues.push(issue('missingProgram', '', `no program "${id}"`));
  }
  if (issues.length > 0) return err(issues);

  const pkg: CriteriaPackage = {
    format: CRITERIA_PACKAGE_FORMAT,
    formatVersion: CRITERIA_PACKAGE_FORMAT_VERSION,
    exportedAt,
    root: { setId: root.setId, version: root.version },
    sets,
    programs,
  };
  // What goes out must come back in: check it the way an importer will.
  const read = readCriteriaPackage(pkg);
  return read.ok ? ok(pkg) : read;
}

// ---------------------------------------------------------------------------------------------
// Read

export const programSchema = z.strictObject({
  id: programIdSchema,
  title: localizedTextSchema,
  family: z.string().trim().min(1).optional(),
  description: localizedTextSchema.optional(),
  provenance: provenanceSchema.optional(),
  unverified: z.boolean().optional(),
});

const refSchema = z.strictObject({ setId: z.string().min(1), version: z.int().min(1) });

export interface ReadCriteriaPackageOptions {
  /** When given, unit kinds named in the sets must be among these. */
  readonly unitKinds?: readonly string[];
}

export interface ReadCriteriaPackage {
  readonly package: CriteriaPackage;
  /** The package's sets and programs, resolved together. */
  readonly catalog: Catalog;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks an untrusted package (parsed JSON, or its text): format and version, each program and set,
 * parents present, and every set resolving with only what the package carries.
 */
export function readCriteriaPackage(input: unknown, options: ReadCriteriaPackageOptions = {}): Result<ReadCriteriaPackage, CriteriaPackageIssue[]> {
  let json = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (error) {
      return err([issue('invalidShape', '', `not JSON: ${error instanceof Error ? error.message : String(error)}`)]);
    }
  }
  if (!isObject(json)) return err([issue('wrongFormat', '', `expected an object with "format": "${CRITERIA_PACKAGE_FORMAT}"`)]);
  if (json['format'] !== CRITERIA_PACKAGE_FORMAT) {
    return err([issue('wrongFormat', 'format', `expected "${CRITERIA_PACKAGE_FORMAT}", found ${JSON.stringify(json['format'] ?? null)}`)]);
  }
  const formatVersion = json['formatVersion'];
  if (formatVersion !== CRITERIA_PACKAGE_FORMAT_VERSION) {
    const newer = typeof formatVersion === 'number' && formatVersion > CRITERIA_PACKAGE_FORMAT_VERSION;
    return err([
      issue(
        'unsupportedFormatVersion',
        'formatVersion',
        newer
          ? `format version ${formatVersion} was written by a newer release; this one reads version ${CRITERIA_PACKAGE_FORMAT_VERSION}`
          : `expected format version ${CRITERIA_PACKAGE_FORMAT_VERSION}, found ${JSON.stringify(formatVersion ?? null)}`,
      ),
    ]);
  }

  const issues: CriteriaPackageIssue[] = [];
  const exportedAt = json['exportedAt'];
  if (typeof exportedAt !== 'string' || Number.isNaN(Date.parse(exportedAt))) {
    issues.push(issue('invalidShape', 'exportedAt', 'expected an ISO 8601 instant'));
  }
  const known = new Set(['format', 'formatVersion', 'exportedAt', 'root', 'sets', 'programs']);
  for (const key of Object.keys(json)) if (!known.has(key)) issues.push(issue('invalidShape', key, `unknown field "${key}"`));

  const programs: Program[] = [];
  const rawPrograms = json['programs'];
  if (!Array.isArray(rawPrograms)) issues.push(issue('invalidShape', 'programs', 'expected a list'));
  else {
    rawPrograms.forEach((raw, index) => {
      const parsed = programSchema.safeParse(raw);
      if (parsed.success) programs.push(parsed.data as Program);
      else issues.push(...fromZodIssues(parsed.error.issues, ['programs', index]));
    });
  }

  const sets: CriteriaSetDefinition[] = [];
  const indexOf = new Map<string, number>();
  const rawSets = json['sets'];
  if (!Array.isArray(rawSets) || rawSets.length === 0) issues.push(issue('invalidShape', 'sets', 'expected a list of at least one criteria set'));
  else {
    rawSets.forEach((raw, index) => {
      const parsed = parseCriteriaSet(raw);
      if (!parsed.ok) {
        issues.push(...parsed.errors.map((found) => ({ ...found, path: prefixed(['sets', index], found.path) })));
        return;
      }
      const key = setKey({ setId: parsed.value.id, version: parsed.value.version });
      if (!indexOf.has(key)) indexOf.set(key, index);
      sets.push(parsed.value);
    });
  }

  let root: SetRef | undefined;
  if (json['root'] !== undefined) {
    const parsed = refSchema.safeParse(json['root']);
    if (!parsed.success) issues.push(...fromZodIssues(parsed.error.issues, ['root']));
    else {
      root = parsed.data;
      if (Array.isArray(rawSets) && !indexOf.has(setKey(root)) && issues.length === 0) {
        issues.push(issue('missingSet', 'root', `the package is for ${setKey(root)} but does not carry it`, setKey(root)));
      }
    }
  }

  const missingParent = new Set<string>();
  for (const set of sets) {
    if (set.extends && !indexOf.has(setKey(set.extends))) {
      const key = setKey({ setId: set.id, version: set.version });
      missingParent.add(key);
      issues.push(issue('missingParent', prefixed(['sets', indexOf.get(key)!], 'extends'), `${key} extends ${setKey(set.extends)}, which the package does not carry`, key));
    }
  }

  const catalog = createCatalog({ programs, sets, ...(options.unitKinds && { unitKinds: options.unitKinds }) });
  if (!catalog.ok) {
    for (const found of catalog.errors) {
      if (found.code === 'unknownSet' && found.set && missingParent.has(found.set)) continue;
      const index = found.set === undefined ? undefined : indexOf.get(found.set);
      const path = index === undefined ? found.path : prefixed(['sets', index], found.path);
      issues.push(found.code === 'unknownProgram' ? { ...found, code: 'missingProgram', path } : { ...found, path });
    }
  }
  if (issues.length > 0 || !catalog.ok) return err(issues);

  return ok({
    package: {
      format: CRITERIA_PACKAGE_FORMAT,
      formatVersion: CRITERIA_PACKAGE_FORMAT_VERSION,
      exportedAt: exportedAt as string,
      ...(root && { root }),
      sets,
      programs,
    },
    catalog: catalog.value,
  });
}

function prefixed(prefix: readonly PropertyKey[], path: string): string {
  const head = formatPath(prefix);
  if (path === '') return head;
  return path.startsWith('[') ? `${head}${path}` : `${head}.${path}`;
}

// ---------------------------------------------------------------------------------------------
// Import

/** Key order does not matter: definitions come back from jsonb with their keys reordered. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Whether two definitions are the same content, whatever their key order or surrounding blanks. */
export function sameDefinition(a: unknown, b: unknown): boolean {
  const normalise = (value: unknown) => {
    const parsed = parseCriteriaSet(value);
    return canonicalJson(parsed.ok ? parsed.value : value);
  };
  return normalise(a) === normalise(b);
}

/** What the receiving installation already holds. */
export interface CriteriaPackageTarget {
  readonly program: (id: string) => Program | undefined;
  /** A stored set's identity: which program it belongs to and who owns it. */
  readonly set: (setId: string) => Pick<CriteriaSetDefinition, 'programId' | 'owner'> | undefined;
  readonly version: SetLookup;
}

export interface CriteriaPackageImportPlan {
  /** Programs to insert. */
  readonly programs: readonly Program[];
  /** Versions to insert, parents first. */
  readonly sets: readonly CriteriaSetDefinition[];
  /** Programs already there (kept as they are). */
  readonly existingPrograms: readonly string[];
  /** Versions already there with the same content, as `setId@version`. */
  readonly identicalSets: readonly string[];
  /** Versions already there with other content, or sets owned differently: nothing may be stored. */
  readonly conflicts: readonly CriteriaPackageIssue[];
}

/**
 * Decides what importing a (read) package changes: new programs and versions are inserted, identical
 * versions skipped, and a version that exists with different content is a conflict — a published
 * version never changes, so it must come in under a new version number.
 */
export function planCriteriaPackageImport(pkg: CriteriaPackage, target: CriteriaPackageTarget): CriteriaPackageImportPlan {
  const programs: Program[] = [];
  const existingPrograms: string[] = [];
  for (const program of pkg.programs) {
    if (target.program(program.id)) existingPrograms.push(program.id);
    else programs.push(program);
  }
  const sets: CriteriaSetDefinition[] = [];
  const identicalSets: string[] = [];
  const conflicts: CriteriaPackageIssue[] = [];
  pkg.sets.forEach((definition, index) => {
    const ref = { setId: definition.id, version: definition.version };
    const key = setKey(ref);
    const identity = target.set(definition.id);
    if (identity && (identity.programId !== definition.programId || canonicalJson(identity.owner) !== canonicalJson(definition.owner))) {
      const owner = (o: CriteriaSetDefinition['owner']) => (o.scope === 'province' ? `province ${o.provinceCode}` : 'the nation');
      conflicts.push(
        issue(
          'immutable',
          `sets[${index}]`,
          `set "${definition.id}" here belongs to ${identity.programId} (${owner(identity.owner)}), the package's to ${definition.programId} (${owner(definition.owner)})`,
          key,
        ),
      );
      return;
    }
    const stored = target.version(ref);
    if (!stored) sets.push(definition);
    else if (sameDefinition(stored, definition)) identicalSets.push(key);
    else {
      conflicts.push(
        issue('immutable', `sets[${index}]`, `${key} already exists here with different content; versions never change: export it under a new version`, key),
      );
    }
  });
  return { programs, sets, existingPrograms, identicalSets, conflicts };
}
