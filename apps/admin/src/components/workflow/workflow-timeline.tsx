import { t } from '../../i18n/index.ts';
import { formatDateVi } from '../../lib/format.ts';
import type { StepStatus, TimelineStep } from './timeline.ts';

const statusText: Record<StepStatus, () => string> = {
  done: () => t('workflow.stepDone'),
  current: () => t('workflow.stepCurrent'),
  upcoming: () => t('workflow.stepUpcoming'),
};

/** The steps in order with the body that acts at each; the current one stands out, with its lateness. */
export function WorkflowTimeline({ steps }: { steps: readonly TimelineStep[] }) {
  return (
    <ol className="wf-steps" aria-label={t('workflow.steps')}>
      {steps.map((step) => (
        <li key={step.id} className={`wf-step wf-step-${step.status}`} aria-current={step.status === 'current' ? 'step' : undefined}>
          <div className="wf-step-head">
            <strong className="wf-step-title">{step.title}</strong>
            <span className="wf-step-status">{statusText[step.status]()}</span>
            {step.unverified && (
              <span className="tag tag-unverified" title={t('sets.unverifiedHint')}>
                {t('workflow.stepUnverified')}
              </span>
            )}
          </div>
          <span className="wf-step-body">{t('workflow.stepActingBody', { body: step.actingBody })}</span>
          {(step.dueOn || step.overdueDays > 0) && (
            <span className="wf-step-due">
              {step.dueOn && t('workflow.stepDue', { date: formatDateVi(step.dueOn) })}
              {step.overdueDays > 0 && <strong className="overdue">{t('workflow.stepOverdue', { days: step.overdueDays })}</strong>}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
