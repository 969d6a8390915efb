import type { CombinedError } from '@urql/core';
import { t, type MessageKey } from '../../i18n/index.ts';
import { vi } from '../../i18n/vi.ts';
import type { ActOnAssessmentResult, AssessmentWithWorkflow, ValidationIssue } from '../../lib/queries/workflow.ts';

/*
 * What became of an `actOnAssessment`: the typed result union (the new state, or an expected
 * refusal) or a transport error (FORBIDDEN when the caller holds no role for the step), each told
 * in Vietnamese.
 */

export type ActOutcome =
  | { readonly kind: 'done'; readonly assessment: AssessmentWithWorkflow }
  | { readonly kind: 'invalid'; readonly issues: readonly string[] }
  | { readonly kind: 'conflict'; readonly currentRevision: number }
  | { readonly kind: 'notFound'; readonly message: string }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'failed'; readonly message: string };

/** A validation issue in Vietnamese: by its code when the dictionary knows it, else the API's own message. */
export function issueMessage(issue: Pick<ValidationIssue, 'code' | 'message'>): string {
  const key = `workflow.issue.${issue.code}`;
  return key in vi ? t(key as MessageKey) : issue.message;
}

export function actOutcome(result: { readonly data?: { readonly actOnAssessment: ActOnAssessmentResult } | null; readonly error?: CombinedError | undefined }): ActOutcome {
  const answer = result.data?.actOnAssessment;
  if (!answer) {
    if (result.error?.graphQLErrors.some((error) => error.extensions?.['code'] === 'FORBIDDEN')) return { kind: 'forbidden' };
    return { kind: 'failed', message: result.error?.message ?? '' };
  }
  switch (answer.__typename) {
    case 'Assessment':
      return { kind: 'done', assessment: answer };
    case 'ValidationError':
      return { kind: 'invalid', issues: answer.issues.length > 0 ? [...new Set(answer.issues.map(issueMessage))] : [answer.message] };
    case 'ConflictError':
      return { kind: 'conflict', currentRevision: answer.currentRevision };
    case 'NotFoundError':
      return { kind: 'notFound', message: answer.message };
  }
}

/** A note shown after an action: a heading line and, for a refusal, the reasons. */
export interface Note {
  readonly tone: 'ok' | 'error';
  readonly text: string;
  readonly details: readonly string[];
}

/** The note shown after an action. */
export function outcomeNote(outcome: ActOutcome): Note {
  switch (outcome.kind) {
    case 'done':
      return { tone: 'ok', text: t('workflow.done'), details: [] };
    case 'invalid':
      return { tone: 'error', text: t('workflow.result.invalid'), details: outcome.issues };
    case 'conflict':
      return { tone: 'error', text: t('workflow.result.conflict', { revision: String(outcome.currentRevision) }), details: [] };
    case 'notFound':
      return { tone: 'error', text: t('workflow.result.notFound', { message: outcome.message }), details: [] };
    case 'forbidden':
      return { tone: 'error', text: t('workflow.result.forbidden'), details: [] };
    case 'failed':
      return { tone: 'error', text: t('workflow.result.failed', { message: outcome.message }), details: [] };
  }
}
