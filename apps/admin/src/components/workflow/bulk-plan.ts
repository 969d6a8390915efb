import { landingArea, type DescribedGrant } from '@antt/criteria';
import { t } from '../../i18n/index.ts';
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
 * The area to offer first, on this page and the work list: where the caller's broadest role that may
 * act holds (a unit head's residential area offers its commune). Nothing is offered for the whole
 * country or to a caller who may not act: they name the area themselves.
 */
export function defaultBulkArea(grants: readonly DescribedGrant[]): string {
  return landingArea(grants, 'workflow.act') ?? '';
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
