import type { DefinitionIssue } from '@antt/criteria';
import { builder } from '../builder.ts';

/*
 * Expected failures are typed union members that clients switch on; anything else is thrown and
 * masked by yoga. Each error class carries a stable `code`.
 */

/** What a missing thing is called in a message a person reads; `entity` itself stays the stable name. */
const ENTITY_VI: Readonly<Record<string, string>> = {
  Unit: 'đơn vị',
  Program: 'chương trình',
  CriteriaSet: 'bộ tiêu chí',
  CriteriaSetVersion: 'phiên bản bộ tiêu chí',
  Assessment: 'kết quả đánh giá',
  Certificate: 'giấy công nhận',
  Target: 'mục tiêu',
  User: 'người dùng',
};

export class NotFoundError extends Error {
  readonly code = 'NOT_FOUND';
  constructor(
    readonly entity: string,
    readonly key: string,
  ) {
    super(`Không tìm thấy ${ENTITY_VI[entity] ?? entity} "${key}"`);
    this.name = 'NotFoundError';
  }
}

export class ValidationError extends Error {
  readonly code = 'VALIDATION';
  constructor(
    message: string,
    readonly issues: readonly DefinitionIssue[] = [],
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

export class ConflictError extends Error {
  readonly code = 'CONFLICT';
  constructor(
    message: string,
    readonly currentRevision: number,
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

export class ImmutableError extends Error {
  readonly code = 'IMMUTABLE';
  constructor(message: string) {
    super(message);
    this.name = 'ImmutableError';
  }
}

export interface ImportProblem {
  readonly line: number;
  readonly column?: string;
  readonly message: string;
}

export class ImportError extends Error {
  readonly code = 'IMPORT_REJECTED';
  constructor(
    message: string,
    readonly problems: readonly ImportProblem[],
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

export const ErrorInterface = builder.interfaceRef<Error & { code: string }>('Error').implement({
  description: 'An expected failure: check `code`, show `message`.',
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.exposeString('code'),
  }),
});

export const DefinitionIssueRef = builder.objectRef<DefinitionIssue>('DefinitionIssue').implement({
  description: 'One problem in a criteria-set definition, with the path to the offending field.',
  fields: (t) => ({
    code: t.exposeString('code'),
    path: t.exposeString('path', { description: 'e.g. `criteria[3].measure.threshold`; empty for the whole set' }),
    message: t.exposeString('message'),
    set: t.exposeString('set', { nullable: true }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ entity: t.exposeString('entity'), key: t.exposeString('key') }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ issues: t.field({ type: [DefinitionIssueRef], resolve: (error) => [...error.issues] }) }),
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  description: 'Someone else saved first. Reload, re-apply the change on `currentRevision`, save again.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ currentRevision: t.exposeInt('currentRevision') }),
});

builder.objectType(ImmutableError, {
  name: 'ImmutableError',
  description: 'Published versions and decided assessments never change; open a new draft instead.',
  interfaces: [ErrorInterface],
  fields: () => ({}),
});

const ImportProblemRef = builder.objectRef<ImportProblem>('ImportProblem').implement({
  fields: (t) => ({
    line: t.exposeInt('line'),
    column: t.exposeString('column', { nullable: true }),
    message: t.exposeString('message'),
  }),
});

builder.objectType(ImportError, {
  name: 'ImportError',
  description: 'The file was rejected; under the "stop" strategy nothing was written.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ problems: t.field({ type: [ImportProblemRef], resolve: (error) => [...error.problems] }) }),
});
