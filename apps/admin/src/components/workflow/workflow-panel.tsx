import { useState } from 'react';
import { t } from '../../i18n/index.ts';
import { formatDateVi } from '../../lib/format.ts';
import type { AssessmentWithWorkflow, WorkflowActionInput, WorkflowActionType, WorkflowData } from '../../lib/queries/workflow.ts';
import { actionFields } from './action-draft.ts';
import { ActionForm } from './action-form.tsx';
import { outcomeNote, type ActOutcome } from './act-result.ts';
import { historyLines } from './history.ts';
import { actionLabel } from './labels.ts';
import { OutcomeNote } from './outcome-note.tsx';
import { standingLine, workflowTimeline } from './timeline.ts';
import { WorkflowCertificates } from './workflow-certificates.tsx';
import { WorkflowHistory } from './workflow-history.tsx';
import { WorkflowTimeline } from './workflow-timeline.tsx';

/** Sends one action prepared on `revision`; resolves to what the API made of it. */
export type ActOnAssessment = (input: WorkflowActionInput, revision: number) => Promise<ActOutcome>;

function Standing({ workflow }: { workflow: WorkflowData }) {
  return (
    <p className="wf-standing">
      <span data-testid="workflow-current">{standingLine(workflow)}</span>
      {workflow.overdueDays > 0 && <strong className="overdue">{t('workflow.overdue', { days: workflow.overdueDays })}</strong>}
      {workflow.locked && (
        <span className="badge badge-locked" title={t('workflow.lockedHint')}>
          {t('workflow.locked')}
        </span>
      )}
      {workflow.round > 1 && <span className="tag">{t('workflow.round', { round: workflow.round })}</span>}
      {workflow.returns > 0 && <span className="tag">{t('workflow.returns', { count: workflow.returns })}</span>}
    </p>
  );
}

/**
 * The recognition workflow of one assessment: the steps and who acts at each, deadlines, the
 * decision and certificates, the history, and a form for each action the signed-in caller may take
 * now. It only shows data and calls `onAct`; the caller talks to the API.
 */
export function WorkflowPanel(props: { assessment: AssessmentWithWorkflow; onAct: ActOnAssessment; onReload: () => void }) {
  const { assessment } = props;
  const workflow = assessment.workflow;
  // The open form remembers the revision it was prepared on: a change by someone else is a conflict, not silently overwritten.
  const [open, setOpen] = useState<{ action: WorkflowActionType; revision: number } | null>(null);
  const [outcome, setOutcome] = useState<ActOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  if (!workflow) return null;

  const headingId = `workflow-${assessment.id}`;
  const openAction = open && workflow.availableActions.includes(open.action) ? open : null;

  const start = (action: WorkflowActionType) => {
    setOutcome(null);
    setOpen({ action, revision: workflow.revision });
  };
  const submit = async (input: WorkflowActionInput) => {
    if (!openAction) return;
    setBusy(true);
    try {
      const result = await props.onAct(input, openAction.revision);
      setOutcome(result);
      if (result.kind === 'done') setOpen(null);
    } finally {
      setBusy(false);
    }
  };
  const reload = () => {
    // Re-apply on the revision the API reported; the form keeps what was typed.
    if (outcome?.kind === 'conflict' && openAction) setOpen({ ...openAction, revision: outcome.currentRevision });
    setOutcome(null);
    props.onReload();
  };

  return (
    <section className="workflow" aria-labelledby={headingId} data-testid="workflow-panel">
      <h3 id={headingId}>
        {t('workflow.heading', { program: assessment.program.title, year: String(assessment.periodYear) })}
      </h3>
      <p className="muted">{workflow.title}</p>
      <Standing workflow={workflow} />
      {workflow.locked && <p className="hint">{t('workflow.lockedHint')}</p>}
      <WorkflowTimeline steps={workflowTimeline(workflow)} />

      {workflow.decision && (
        <div className="wf-decision">
          <h4>{t('workflow.decision')}</h4>
          <p>
            <span className={`badge ${workflow.decision.recognised ? 'badge-met' : 'badge-notMet'}`}>
              {workflow.decision.recognised ? t('workflow.decisionRecognised') : t('workflow.decisionDeclined')}
            </span>{' '}
            {t('workflow.decisionLine', { number: workflow.decision.number, date: formatDateVi(workflow.decision.date) })}
            {workflow.decision.signer && ` · ${t('workflow.decisionSigner', { signer: workflow.decision.signer })}`}
          </p>
        </div>
      )}

      <div className="wf-actions">
        <h4>{t('workflow.actions')}</h4>
        {workflow.availableActions.length === 0 ? (
          <p className="muted">{t('workflow.noActions')}</p>
        ) : (
          <div className="wf-action-buttons">
            {workflow.availableActions.map((action) => (
              <button
                key={action}
                type="button"
                className={openAction?.action === action ? undefined : 'secondary'}
                aria-pressed={openAction?.action === action}
                onClick={() => start(action)}
              >
                {actionLabel(action)}
              </button>
            ))}
          </div>
        )}
        {openAction && (
          <ActionForm
            key={openAction.action}
            fields={actionFields(openAction.action, workflow)}
            assessment={assessment}
            busy={busy}
            onSubmit={submit}
            onCancel={() => setOpen(null)}
          />
        )}
        {outcome && (
          <OutcomeNote
            note={outcomeNote(outcome)}
            testId="workflow-note"
            next={outcome.kind === 'conflict' ? { label: t('workflow.reload'), onClick: reload } : undefined}
          />
        )}
      </div>

      <h4>{t('workflow.history')}</h4>
      <WorkflowHistory lines={historyLines(workflow.history, workflow.steps, assessment.explanation?.criteria)} />

      {workflow.certificates.length > 0 && (
        <>
          <h4>{t('workflow.certificates')}</h4>
          <WorkflowCertificates certificates={workflow.certificates} />
        </>
      )}
    </section>
  );
}
