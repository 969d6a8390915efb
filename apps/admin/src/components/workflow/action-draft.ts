import { recognitionBlocker, type Status } from '@antt/criteria';
import { t } from '../../i18n/index.ts';
import type { AppraisalMode, AssessmentWithWorkflow, CriterionRef, WorkflowActionInput, WorkflowActionType, WorkflowData } from '../../lib/queries/workflow.ts';
import { artefactLabel } from './labels.ts';

/*
 * What an action form asks for, read from the workflow step as the API describes it (artefact,
 * appraisal modes, steps it may return to), and the form's values turned into `actOnAssessment`'s
 * input. Whether the action is allowed is the API's call; this only keeps obviously incomplete
 * forms from being sent.
 */

export interface ActionFields {
  readonly action: WorkflowActionType;
  /** COMPLETE and DECIDE: the document the step carries. */
  readonly artefact: { readonly kind: string; readonly label: string; readonly required: boolean } | null;
  /** COMPLETE at an appraisal: by meeting or by written consultation. */
  readonly modes: readonly AppraisalMode[];
  /** RETURN: the earlier steps the item may go back to, nearest first. */
  readonly returnTargets: ReadonlyArray<{ readonly id: string; readonly title: string }>;
  readonly reason: boolean;
  readonly comments: boolean;
  readonly decision: boolean;
}

export function actionFields(action: WorkflowActionType, workflow: Pick<WorkflowData, 'steps' | 'currentStep'>): ActionFields {
  const step = workflow.currentStep ? workflow.steps.find((candidate) => candidate.id === workflow.currentStep!.id) : undefined;
  const carriesArtefact = (action === 'COMPLETE' || action === 'DECIDE') && step?.artefactKind;
  const returnTargets =
    action === 'RETURN' && step
      ? workflow.steps.filter((candidate) => step.canReturnTo.includes(candidate.id)).reverse().map(({ id, title }) => ({ id, title }))
      : [];
  return {
    action,
    artefact: carriesArtefact ? { kind: step.artefactKind!, label: artefactLabel(step.artefactKind!), required: step.artefactRequired } : null,
    modes: action === 'COMPLETE' ? (step?.modes ?? []) : [],
    returnTargets,
    reason: action === 'RETURN' || action === 'UNLOCK',
    comments: action === 'RETURN',
    decision: action === 'DECIDE',
  };
}

export interface CriterionComment {
  readonly criterionId: string;
  readonly text: string;
}

export interface ActionDraft {
  readonly documentRef: string;
  readonly mode: AppraisalMode | '';
  readonly toStepId: string;
  readonly reason: string;
  readonly comments: readonly CriterionComment[];
  readonly recognised: boolean;
  readonly decisionNumber: string;
  readonly decisionDate: string;
  readonly signer: string;
}

/** Today in the browser's time zone, as the API writes dates. */
export function isoToday(now: Date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A fresh form: the first mode, the nearest step to return to, today's date, and "recognised" only for an outcome that allows it. */
export function initialDraft(fields: ActionFields, context: { readonly today: string; readonly outcome: string }): ActionDraft {
  return {
    documentRef: '',
    mode: fields.modes[0] ?? '',
    toStepId: fields.returnTargets[0]?.id ?? '',
    reason: '',
    comments: [],
    recognised: recognitionBlocker(context.outcome as Status) === undefined,
    decisionNumber: '',
    decisionDate: context.today,
    signer: '',
  };
}

/** Why the form cannot be sent yet, in Vietnamese; empty when it can. */
export function draftProblems(fields: ActionFields, draft: ActionDraft): string[] {
  const problems: string[] = [];
  if (fields.returnTargets.length > 0 && !fields.returnTargets.some((target) => target.id === draft.toStepId)) problems.push(t('workflow.problem.toStep'));
  if (fields.reason && draft.reason.trim() === '') problems.push(t('workflow.problem.reason'));
  if (fields.decision && draft.decisionNumber.trim() === '') problems.push(t('workflow.problem.decisionNumber'));
  if (fields.decision && !/^\d{4}-\d{2}-\d{2}$/.test(draft.decisionDate)) problems.push(t('workflow.problem.decisionDate'));
  if (fields.artefact?.required && draft.documentRef.trim() === '') problems.push(t('workflow.problem.documentRef', { kind: fields.artefact.label }));
  return problems;
}

/** The `action` argument of `actOnAssessment` for the form's values. */
export function toActionInput(fields: ActionFields, draft: ActionDraft): WorkflowActionInput {
  const documentRef = draft.documentRef.trim();
  const artefact = fields.artefact && documentRef ? { kind: fields.artefact.kind, documentRef } : undefined;
  switch (fields.action) {
    case 'COMPLETE':
      return { type: 'COMPLETE', ...(artefact && { artefact }), ...(fields.modes.length > 0 && draft.mode !== '' ? { mode: draft.mode } : {}) };
    case 'RETURN': {
      const comments = Object.fromEntries(
        draft.comments.filter((comment) => comment.criterionId && comment.text.trim() !== '').map((comment) => [comment.criterionId, comment.text.trim()]),
      );
      return { type: 'RETURN', toStepId: draft.toStepId, reason: draft.reason.trim(), ...(Object.keys(comments).length > 0 && { comments }) };
    }
    case 'DECIDE': {
      const signer = draft.signer.trim();
      return {
        type: 'DECIDE',
        decision: { recognised: draft.recognised, number: draft.decisionNumber.trim(), date: draft.decisionDate, ...(signer ? { signer } : {}) },
        ...(artefact && { artefact }),
      };
    }
    case 'UNLOCK':
      return { type: 'UNLOCK', reason: draft.reason.trim() };
  }
}

/** The criteria a return may comment on: the failing ones first, then the others. */
export function criterionChoices(explanation: AssessmentWithWorkflow['explanation']): { failing: CriterionRef[]; others: CriterionRef[] } {
  if (!explanation) return { failing: [], others: [] };
  const failing = new Set(explanation.failingCriteria.map((criterion) => criterion.id));
  return {
    failing: [...explanation.failingCriteria],
    others: explanation.criteria.filter((criterion) => !failing.has(criterion.id)),
  };
}

/** Why a recognition would be refused, from the domain's own rule; undefined when it may be recognised or is declined. */
export function recognitionWarning(outcome: string, recognised: boolean): string | undefined {
  if (!recognised) return undefined;
  const blocker = recognitionBlocker(outcome as Status);
  return blocker && blocker.charAt(0).toUpperCase() + blocker.slice(1);
}
