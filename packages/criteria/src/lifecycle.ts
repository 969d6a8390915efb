import type { CriteriaSetDefinition, SetOwner, SetRef, SetStatus } from './definition.ts';
import { issueAt, type DefinitionIssue } from './issues.ts';
import { err, ok, type Result } from './result.ts';
import type { LocalizedText } from './text.ts';

/*
 * A criteria-set version moves draft → published → retired and never back. A published version is
 * what stored results were computed against, so it never changes: edits go into a new draft version.
 */

const NEXT_STATUS: Readonly<Record<SetStatus, readonly SetStatus[]>> = {
  draft: ['published'],
  published: ['retired'],
  retired: [],
};

export function canTransition(from: SetStatus, to: SetStatus): boolean {
  return NEXT_STATUS[from].includes(to);
}

export function isEditable(definition: Pick<CriteriaSetDefinition, 'status'>): boolean {
  return definition.status === 'draft';
}

/** Moves a version to its next status; publishing is only allowed once the catalog has validated it. */
export function transition(
  definition: CriteriaSetDefinition,
  to: SetStatus,
): Result<CriteriaSetDefinition, DefinitionIssue[]> {
  if (!canTransition(definition.status, to)) {
    return err([
      issueAt('immutable', 'status', `a ${definition.status} version cannot become ${to}`, `${definition.id}@${definition.version}`),
    ]);
  }
  return ok({ ...definition, status: to });
}

/**
 * Replaces a draft's content. A published or retired version refuses: the caller opens a new draft
 * with {@link newDraftVersion} instead.
 */
export function editDraft(
  current: CriteriaSetDefinition,
  next: CriteriaSetDefinition,
): Result<CriteriaSetDefinition, DefinitionIssue[]> {
  const key = `${current.id}@${current.version}`;
  if (!isEditable(current)) {
    return err([issueAt('immutable', '', `${key} is ${current.status}: open a new draft version to change it`, key)]);
  }
  if (next.id !== current.id || next.version !== current.version) {
    return err([issueAt('immutable', 'id', `an edit cannot change the set's id or version (${key})`, key)]);
  }
  if (next.status !== 'draft') {
    return err([issueAt('immutable', 'status', 'an edit keeps the version a draft; publish it separately', key)]);
  }
  return ok(next);
}

/** The next version of a set as a draft, starting from the content of `from`. */
export function newDraftVersion(from: CriteriaSetDefinition, version: number): CriteriaSetDefinition {
  // Definitions are plain JSON data, so a JSON round trip is a faithful deep copy.
  return { ...(JSON.parse(JSON.stringify(from)) as CriteriaSetDefinition), version, status: 'draft' };
}

/** A province's own draft that inherits everything from `parent` until it adds, overrides or drops. */
export function extensionDraft(
  parent: SetRef,
  options: {
    readonly id: string;
    readonly programId: string;
    readonly owner: SetOwner;
    readonly title: LocalizedText;
    readonly appliesTo: CriteriaSetDefinition['appliesTo'];
    readonly version?: number;
  },
): CriteriaSetDefinition {
  return {
    schemaVersion: 1,
    id: options.id,
    version: options.version ?? 1,
    programId: options.programId,
    owner: options.owner,
    status: 'draft',
    title: options.title,
    appliesTo: options.appliesTo,
    extends: parent,
    changes: [],
  };
}
