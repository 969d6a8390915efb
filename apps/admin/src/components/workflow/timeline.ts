import { t } from '../../i18n/index.ts';
import type { WorkflowData } from '../../lib/queries/workflow.ts';

export type StepStatus = 'done' | 'current' | 'upcoming';

export interface TimelineStep {
  readonly id: string;
  readonly title: string;
  readonly actingBody: string;
  readonly status: StepStatus;
  readonly dueOn: string | null;
  /** Only the current step can be late. */
  readonly overdueDays: number;
  readonly unverified: boolean;
}

type TimelineInput = Pick<WorkflowData, 'steps' | 'currentStep' | 'deadlines'>;

/**
 * The steps in order, each done, current or still to come. Steps before the current one are done
 * (after a return the later ones are to come again); once decided there is no current step and all
 * are done.
 */
export function workflowTimeline(workflow: TimelineInput): TimelineStep[] {
  const currentIndex = workflow.currentStep ? workflow.steps.findIndex((step) => step.id === workflow.currentStep!.id) : workflow.steps.length;
  return workflow.steps.map((step, index) => {
    const deadline = workflow.deadlines.find((candidate) => candidate.stepId === step.id);
    const status: StepStatus = index < currentIndex ? 'done' : index === currentIndex ? 'current' : 'upcoming';
    return {
      id: step.id,
      title: step.title,
      actingBody: step.actingBody,
      status,
      dueOn: deadline?.dueOn ?? null,
      overdueDays: status === 'current' ? (deadline?.overdueDays ?? 0) : 0,
      unverified: step.unverified,
    };
  });
}

/** One line on where the item stands: the step waiting and who acts, or how it was decided. */
export function standingLine(workflow: TimelineInput & Partial<Pick<WorkflowData, 'decision'>>): string {
  const current = workflow.currentStep && workflow.steps.find((step) => step.id === workflow.currentStep!.id);
  if (!current) {
    if (!workflow.decision) return t('workflow.decided');
    return t(workflow.decision.recognised ? 'workflow.decidedRecognised' : 'workflow.decidedDeclined', { number: workflow.decision.number });
  }
  return t('workflow.current', { step: current.title, body: current.actingBody });
}
