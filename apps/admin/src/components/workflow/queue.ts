import type { CombinedError } from '@urql/core';
import type { ViewerGrant } from '../../lib/queries/session.ts';
import type { WorkflowChangeData, WorkflowQueueData, WorkflowQueueResult, WorkflowQueueVariables } from '../../lib/queries/workflow.ts';
import { areaListAnswer, type ListAnswer } from './area-answer.ts';
import { areaChoiceFromQuery, areaChoiceToQuery, areaVariables, type AreaChoice } from './area-choice.ts';

/*
 * "Việc cần xử lý": the choice behind an area's work list (kept in the URL), what the API made of it,
 * and which pushed workflow changes concern the list shown. The order (most overdue first), the
 * counts and what the caller may do are the API's.
 */

export interface QueueChoice extends AreaChoice {
  /** Only items whose waiting step is late. */
  readonly overdueOnly: boolean;
  /** Only items the caller may act on now. */
  readonly actionableOnly: boolean;
}

/** Whether any of the caller's roles may act in a workflow: their list then opens on what they may do. */
export function actsInWorkflow(grants: ReadonlyArray<Pick<ViewerGrant, 'permissions'>>): boolean {
  return grants.some((grant) => grant.permissions.includes('workflow.act'));
}

export function queueChoiceFromQuery(
  query: URLSearchParams,
  defaults: { readonly programId: string; readonly year: number; readonly area: string; readonly actionableOnly: boolean },
): QueueChoice {
  const actionable = query.get('actionable');
  return {
    ...areaChoiceFromQuery(query, defaults),
    overdueOnly: query.get('overdue') === '1',
    actionableOnly: actionable === null ? defaults.actionableOnly : actionable === '1',
  };
}

/** The URL query of a choice; "actionable" always, since its default depends on who is signed in. */
export function queueChoiceToQuery(choice: QueueChoice): Record<string, string | undefined> {
  return { ...areaChoiceToQuery(choice), overdue: choice.overdueOnly ? '1' : undefined, actionable: choice.actionableOnly ? '1' : '0' };
}

/** The work list's arguments; undefined until an area is chosen. */
export function queueVariables(choice: QueueChoice): WorkflowQueueVariables | undefined {
  const area = areaVariables(choice);
  return area && { ...area, overdueOnly: choice.overdueOnly, actionableOnly: choice.actionableOnly };
}

/** The work list, or why there is none; undefined while it is loading. */
export function queueAnswer(
  result: { readonly data?: { readonly workflowQueue: WorkflowQueueResult } | null | undefined; readonly error?: CombinedError | undefined },
  areaCode: string,
): ListAnswer<WorkflowQueueData> | undefined {
  return areaListAnswer({ answer: result.data?.workflowQueue, error: result.error }, areaCode, 'queue.forbidden');
}

/** Whether a pushed change may alter the list shown (the stream is already narrowed to its area and program). */
export function concernsQueue(change: Pick<WorkflowChangeData, 'periodYear'>, choice: Pick<QueueChoice, 'year'>): boolean {
  return change.periodYear === choice.year;
}

/** A moment as hh:mm on the browser's clock (`2026-11-23T14:05:09Z` → `21:05` in Vietnam). */
export function clockTime(at: string | Date): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
