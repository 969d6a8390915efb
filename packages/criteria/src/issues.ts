import type { z } from 'zod';

/** What went wrong in a definition, as data a client can switch on. */
export type DefinitionIssueCode =
  | 'invalidShape'
  | 'duplicateId'
  | 'duplicateCode'
  | 'duplicateSet'
  | 'unknownProgram'
  | 'unknownSet'
  | 'foreignParent'
  | 'unknownTarget'
  | 'unknownUnitKind'
  | 'extendsCycle'
  | 'programCycle'
  | 'inconsistentRule'
  | 'immutable'
  /** Beyond a size limit of `limits.ts`: refused before the tree is walked. */
  | 'tooDeep'
  | 'tooManyCriteria'
  | 'tooManyChanges'
  /** Accounts (access.ts): a password too short or equal to the username, a malformed or taken username, no such role. */
  | 'weakPassword'
  | 'invalidUsername'
  | 'usernameTaken'
  | 'unknownRole';

export interface DefinitionIssue {
  readonly code: DefinitionIssueCode;
  /** Where in the definition, e.g. `criteria[3].measure.threshold`; empty for the whole set. */
  readonly path: string;
  readonly message: string;
  /** The set the issue was found in, as `setId@version`, when validating a whole catalog. */
  readonly set?: string;
}

export type PathSegment = string | number;

/** `['criteria', 3, 'measure', 'threshold']` → `criteria[3].measure.threshold`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

export function issueAt(
  code: DefinitionIssueCode,
  path: readonly PropertyKey[] | string,
  message: string,
  set?: string,
): DefinitionIssue {
  const formatted = typeof path === 'string' ? path : formatPath(path);
  return set === undefined ? { code, path: formatted, message } : { code, path: formatted, message, set };
}

function describeType(expected: string): string {
  switch (expected) {
    case 'number':
    case 'int':
      return 'a number';
    case 'string':
      return 'a text';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    default:
      return expected;
  }
}

/** Turns zod's issues into ours, with messages a province admin can act on. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): DefinitionIssue[] {
  return issues.map((issue) => {
    const path = [...prefix, ...issue.path];
    switch (issue.code) {
      case 'invalid_type':
        return issueAt('invalidShape', path, `expected ${describeType(issue.expected)}`);
      case 'unrecognized_keys':
        return issueAt('invalidShape', path, `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`);
      case 'invalid_union':
        return issueAt('invalidShape', path, 'expected one of the allowed forms (check "type")');
      case 'invalid_value':
        return issueAt('invalidShape', path, `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`);
      case 'custom':
        return issueAt(customCode(issue.params?.['issueCode']), path, issue.message);
      default:
        return issueAt('invalidShape', path, issue.message);
    }
  });
}

const limitCodes: readonly DefinitionIssueCode[] = ['tooDeep', 'tooManyCriteria', 'tooManyChanges'];

function customCode(code: unknown): DefinitionIssueCode {
  return limitCodes.find((known) => known === code) ?? 'invalidShape';
}
