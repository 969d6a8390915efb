import type { CombinedError } from '@urql/core';
import { t } from '../../i18n/index.ts';
import type { BulkActOnAssessmentsResult, WorkflowBulkItem, WorkflowBulkPlanData, WorkflowBulkPlanResult } from '../../lib/queries/workflow.ts';
import { issueMessage, type Note } from './act-result.ts';
import { areaListAnswer, isForbidden } from './area-answer.ts';

/*
 * What the API made of a dry run and of a bulk action, told in Vietnamese: the typed result unions,
 * and FORBIDDEN (an area or item outside the caller's roles) from the transport.
 */

type Answer<Key extends string, Value> = { readonly data?: { readonly [key in Key]: Value } | null; readonly error?: CombinedError | undefined };

export type PlanAnswer =
  | { readonly kind: 'plan'; readonly plan: WorkflowBulkPlanData }
  /** Why there is no plan, in Vietnamese. */
  | { readonly kind: 'problem'; readonly text: string };

/** The dry run, or why there is none; undefined while it is loading. */
export function planAnswer(result: Answer<'workflowBulkPlan', WorkflowBulkPlanResult>, areaCode: string): PlanAnswer | undefined {
  const answer = areaListAnswer({ answer: result.data?.workflowBulkPlan, error: result.error }, areaCode, 'bulk.plan.forbidden');
  return answer?.kind === 'list' ? { kind: 'plan', plan: answer.list } : answer;
}

export type BulkOutcome =
  | { readonly kind: 'done'; readonly applied: number; readonly items: readonly WorkflowBulkItem[] }
  /** Each issue with the unit it is about (from its `items[i]` path), when it names one. */
  | { readonly kind: 'invalid'; readonly issues: ReadonlyArray<{ readonly unit: string | null; readonly message: string }> }
  | { readonly kind: 'conflict' }
  | { readonly kind: 'notFound'; readonly message: string }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'failed'; readonly message: string };

const unitOf = (item: Pick<WorkflowBulkItem, 'unitCode' | 'unitName'>) => `${item.unitCode} (${item.unitName})`;

/** `items[3]` → the fourth item sent. */
function itemAt(path: string, sent: readonly WorkflowBulkItem[]): WorkflowBulkItem | undefined {
  const index = /^items\[(\d+)\]/.exec(path)?.[1];
  return index === undefined ? undefined : sent[Number(index)];
}

/** What became of `bulkActOnAssessments` for the items `sent`, in the order they were sent. */
export function bulkOutcome(result: Answer<'bulkActOnAssessments', BulkActOnAssessmentsResult>, sent: readonly WorkflowBulkItem[]): BulkOutcome {
  const answer = result.data?.bulkActOnAssessments;
  if (!answer) {
    if (isForbidden(result.error)) return { kind: 'forbidden' };
    return { kind: 'failed', message: result.error?.message ?? '' };
  }
  switch (answer.__typename) {
    case 'WorkflowBulkResult':
      return { kind: 'done', applied: answer.applied, items: answer.items };
    case 'ValidationError':
      return {
        kind: 'invalid',
        issues:
          answer.issues.length > 0
            ? answer.issues.map((issue) => {
                const item = itemAt(issue.path, sent);
                return { unit: item ? unitOf(item) : null, message: issueMessage(issue) };
              })
            : [{ unit: null, message: answer.message }],
      };
    case 'ConflictError':
      return { kind: 'conflict' };
    case 'NotFoundError':
      return { kind: 'notFound', message: answer.message };
  }
}

/** The note after "Thực hiện": how many moved and the certificates issued, or why nothing did. */
export function bulkNote(outcome: BulkOutcome): Note {
  switch (outcome.kind) {
    case 'done': {
      const serials = outcome.items.filter((item) => item.certificateSerial);
      return {
        tone: 'ok',
        text: serials.length > 0 ? t('bulk.result.doneWithCertificates', { count: outcome.applied, certificates: serials.length }) : t('bulk.result.done', { count: outcome.applied }),
        details: serials.map((item) => t('bulk.result.certificate', { unit: unitOf(item), serial: item.certificateSerial! })),
      };
    }
    case 'invalid':
      return {
        tone: 'error',
        text: t('bulk.result.invalid'),
        details: outcome.issues.map((issue) => (issue.unit ? t('bulk.result.issue', { unit: issue.unit, message: issue.message }) : issue.message)),
      };
    case 'conflict':
      return { tone: 'error', text: t('bulk.result.conflict'), details: [] };
    case 'notFound':
      return { tone: 'error', text: t('bulk.result.notFound', { message: outcome.message }), details: [] };
    case 'forbidden':
      return { tone: 'error', text: t('bulk.result.forbidden'), details: [] };
    case 'failed':
      return { tone: 'error', text: t('workflow.result.failed', { message: outcome.message }), details: [] };
  }
}
