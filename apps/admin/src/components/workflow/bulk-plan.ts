import { t } from '../../i18n/index.ts';
import { HOME_PROVINCE_CODE } from '../../lib/defaults.ts';
import type { BulkItemInput, BulkWorkflowAction, WorkflowActionInput, WorkflowBulkItem, WorkflowBulkPlanVariables } from '../../lib/queries/workflow.ts';
import { areaChoiceFromQuery, areaChoiceToQuery, areaVariables, type AreaChoice } from './area-choice.ts';
import { actionFields, toActionInput, type ActionDraft, type ActionFields } from './action-draft.ts';
import { stepsOf, workflowOfProgram } from './definitions.ts';

/*
 * "Duyệt hàng loạt": the choice behind a dry run (kept in the URL), the items checked for the action,
 * what the form asks for (read from the step those items wait at, in the domain's own workflow
 * definition) and the `bulkActOnAssessments` arguments. Which items may move is the API's call.
 */

export interface BulkChoice extends AreaChoice {
  readonly action: BulkWorkflowAction;
  /** DECIDE: recognise, or decline, every item. */
  readonly recognised: boolean;
}

export function bulkChoiceFromQuery(query: URLSearchParams, defaults: { readonly programId: string; readonly year: number }): BulkChoice {
  return {
    ...areaChoiceFromQuery(query, defaults),
    action: query.get('action') === 'DECIDE' ? 'DECIDE' : 'COMPLETE',
    recognised: query.get('recognised') !== '0',
  };
}

/** The URL query of a choice; "recognised" only when a decision declines. */
export function bulkChoiceToQuery(choice: BulkChoice): Record<string, string | undefined> {
  return {
    ...areaChoiceToQuery(choice),
    action: choice.action,
    recognised: choice.action === 'DECIDE' && !choice.recognised ? '0' : undefined,
  };
}

/** The dry run's arguments; undefined until an area is chosen. */
export function planVariables(choice: BulkChoice): WorkflowBulkPlanVariables | undefined {
  const area = areaVariables(choice);
  if (!area) return undefined;
  return { ...area, action: choice.action, ...(choice.action === 'DECIDE' && { recognised: choice.recognised }) };
}

/**
 * The area to offer first, on this page and the work list: where the caller's first role that may
 * act holds. A role on one unit below a commune (a unit head's residential area) offers its commune,
 * since both list the units below the area; a role on the whole country offers the home province.
 */
export function defaultBulkArea(grants: ReadonlyArray<{ readonly scopePath: string; readonly permissions: readonly string[] }>): string {
  const grant = grants.find((candidate) => candidate.permissions.includes('workflow.act'));
  if (!grant) return '';
  const codes = grant.scopePath.split('/').filter(Boolean);
  if (codes.length === 0) return HOME_PROVINCE_CODE;
  return codes.length >= 3 ? codes[codes.length - 2]! : codes[codes.length - 1]!;
}

/** An item as the dry run showed it: the same unit at another revision is another item. */
export function itemKey(item: Pick<WorkflowBulkItem, 'assessmentId' | 'revision'>): string {
  return `${item.assessmentId}@${item.revision}`;
}

/** The ready items still checked (all of them unless unchecked), in the dry run's order. */
export function checkedItems(ready: readonly WorkflowBulkItem[], unchecked: ReadonlySet<string>): WorkflowBulkItem[] {
  return ready.filter((item) => !unchecked.has(itemKey(item)));
}

/** A step's title in the program's workflow; the id when unknown, "decided" when there is none. */
export function stepTitle(programId: string, stepId: string | null): string {
  if (!stepId) return t('bulk.decided');
  return workflowOfProgram(programId)?.steps.find((step) => step.id === stepId)?.title.vi ?? stepId;
}

export type BulkForm =
  /** Nothing checked: nothing to ask. */
  | { readonly kind: 'empty' }
  /** The checked items wait at different steps: one action cannot carry each step's document. */
  | { readonly kind: 'mixed'; readonly stepTitles: readonly string[] }
  | { readonly kind: 'form'; readonly stepId: string; readonly fields: ActionFields };

/** What the action form asks for: the document, appraisal mode or decision of the step the checked items wait at. */
export function bulkForm(choice: Pick<BulkChoice, 'programId' | 'action'>, checked: readonly WorkflowBulkItem[]): BulkForm {
  const stepIds = [...new Set(checked.map((item) => item.stepId ?? ''))];
  if (stepIds.length === 0) return { kind: 'empty' };
  if (stepIds.length > 1) return { kind: 'mixed', stepTitles: stepIds.map((id) => stepTitle(choice.programId, id || null)) };
  const definition = workflowOfProgram(choice.programId);
  const steps = definition ? stepsOf(definition) : [];
  return { kind: 'form', stepId: stepIds[0]!, fields: actionFields(choice.action, { steps, currentStep: { id: stepIds[0]! } }) };
}

/** Why the checked items cannot take one action together, in Vietnamese; undefined when they can. */
export function selectionProblem(form: BulkForm): string | undefined {
  switch (form.kind) {
    case 'empty':
      return t('bulk.problem.nothingChecked');
    case 'mixed':
      return t('bulk.problem.mixedSteps', { steps: form.stepTitles.join(', ') });
    case 'form':
      return undefined;
  }
}

/** The arguments of `bulkActOnAssessments`: each checked item at the revision the dry run showed, and one action for all. */
export function bulkRequest(
  form: Extract<BulkForm, { kind: 'form' }>,
  draft: ActionDraft,
  choice: Pick<BulkChoice, 'recognised'>,
  checked: readonly WorkflowBulkItem[],
): { items: BulkItemInput[]; action: WorkflowActionInput } {
  return {
    items: checked.map(({ assessmentId, revision }) => ({ assessmentId, revision })),
    // A decision recognises or declines as the dry run was asked: the plan skipped accordingly.
    action: toActionInput(form.fields, { ...draft, recognised: choice.recognised }),
  };
}
