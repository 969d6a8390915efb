import { t } from '../../i18n/index.ts';
import { formatDateVi } from '../../lib/format.ts';
import type { CriterionRef, WorkflowEventData, WorkflowStepData } from '../../lib/queries/workflow.ts';
import { artefactLabel, modeLabel, roleLabel } from './labels.ts';

export interface HistoryLine {
  readonly key: string;
  /** dd/mm/yyyy */
  readonly date: string;
  /** Who acted, by name when the API recorded it, and the role they acted in. */
  readonly who: string;
  readonly action: string;
  readonly details: readonly string[];
  /** RETURN: per-criterion comments, named by the criterion's code and title. */
  readonly comments: ReadonlyArray<{ readonly criterion: string; readonly text: string }>;
}

function stepTitle(steps: readonly WorkflowStepData[], id: string | null): string {
  return steps.find((step) => step.id === id)?.title ?? id ?? t('common.dash');
}

function criterionName(criteria: readonly CriterionRef[], id: string): string {
  const criterion = criteria.find((candidate) => candidate.id === id);
  return criterion ? `${criterion.code} — ${criterion.title}` : id;
}

function actionText(event: WorkflowEventData, steps: readonly WorkflowStepData[]): string {
  switch (event.type) {
    case 'COMPLETE':
      return t('workflow.historyComplete', { step: stepTitle(steps, event.stepId) });
    case 'RETURN':
      return t('workflow.historyReturn', { from: stepTitle(steps, event.stepId), to: stepTitle(steps, event.toStepId) });
    case 'DECIDE':
      return event.decision?.recognised === false ? t('workflow.historyDecideDeclined') : t('workflow.historyDecideRecognised');
    case 'UNLOCK':
      return t('workflow.historyUnlock');
  }
}

function detailsOf(event: WorkflowEventData): string[] {
  const details: string[] = [];
  if (event.decision) {
    details.push(t('workflow.decisionLine', { number: event.decision.number, date: formatDateVi(event.decision.date) }));
    if (event.decision.signer) details.push(t('workflow.decisionSigner', { signer: event.decision.signer }));
  }
  if (event.mode) details.push(t('workflow.historyMode', { mode: modeLabel(event.mode) }));
  if (event.artefact) details.push(t('workflow.historyArtefact', { kind: artefactLabel(event.artefact.kind), ref: event.artefact.documentRef }));
  if (event.reason) details.push(t('workflow.historyReason', { reason: event.reason }));
  return details;
}

/** The history in the order it happened, each action as one Vietnamese line with its details. */
export function historyLines(history: readonly WorkflowEventData[], steps: readonly WorkflowStepData[], criteria: readonly CriterionRef[] = []): HistoryLine[] {
  return history.map((event, index) => ({
    key: `${index}-${event.type}`,
    date: formatDateVi(event.at),
    who: event.by ? t('workflow.historyBy', { name: event.by, role: roleLabel(event.role) }) : roleLabel(event.role),
    action: actionText(event, steps),
    details: detailsOf(event),
    comments: Object.entries(event.comments ?? {})
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== '')
      .map(([id, text]) => ({ criterion: criterionName(criteria, id), text })),
  }));
}
