import { t } from '../../i18n/index.ts';
import type { AssessmentWithWorkflow, WorkflowActionInput } from '../../lib/queries/workflow.ts';
import { criterionChoices, recognitionWarning, toActionInput, type ActionFields, type CriterionComment } from './action-draft.ts';
import { ArtefactField, DecisionFields, DraftProblems, ModeField, useActionDraft } from './draft-fields.tsx';
import { actionLabel } from './labels.ts';

function CommentRows(props: {
  assessment: AssessmentWithWorkflow;
  comments: readonly CriterionComment[];
  onChange: (comments: readonly CriterionComment[]) => void;
}) {
  const { failing, others } = criterionChoices(props.assessment.explanation);
  const first = failing[0] ?? others[0];
  if (!first) return null;
  const update = (index: number, change: Partial<CriterionComment>) =>
    props.onChange(props.comments.map((comment, at) => (at === index ? { ...comment, ...change } : comment)));
  const option = (criterion: { id: string; code: string; title: string }) => (
    <option key={criterion.id} value={criterion.id}>
      {criterion.code} — {criterion.title}
    </option>
  );
  return (
    <fieldset className="wf-fieldset">
      <legend>{t('workflow.field.comments')}</legend>
      {props.comments.map((comment, index) => (
        <div className="wf-comment-row" key={index}>
          <label>
            {t('workflow.field.commentCriterion')}
            <select value={comment.criterionId} onChange={(event) => update(index, { criterionId: event.target.value })}>
              {failing.length > 0 && <optgroup label={t('workflow.field.failingCriteria')}>{failing.map(option)}</optgroup>}
              {others.length > 0 && <optgroup label={t('workflow.field.otherCriteria')}>{others.map(option)}</optgroup>}
            </select>
          </label>
          <label className="grow">
            {t('workflow.field.commentText')}
            <input type="text" value={comment.text} onChange={(event) => update(index, { text: event.target.value })} />
          </label>
          <button type="button" className="secondary" onClick={() => props.onChange(props.comments.filter((_, at) => at !== index))}>
            {t('workflow.field.commentRemove')}
          </button>
        </div>
      ))}
      <button type="button" className="secondary" onClick={() => props.onChange([...props.comments, { criterionId: first.id, text: '' }])}>
        {t('workflow.field.commentAdd')}
      </button>
    </fieldset>
  );
}

/**
 * One action's form, with the fields the current step calls for. `onSubmit` sends it; the panel
 * shows what the API answered.
 */
export function ActionForm(props: {
  fields: ActionFields;
  assessment: AssessmentWithWorkflow;
  busy: boolean;
  onSubmit: (input: WorkflowActionInput) => void;
  onCancel: () => void;
}) {
  const { fields, assessment } = props;
  const { draft, change, problems, submit } = useActionDraft(fields, assessment.outcome, (valid) => props.onSubmit(toActionInput(fields, valid)));
  const warning = fields.decision ? recognitionWarning(assessment.outcome, draft.recognised) : undefined;

  return (
    <form className="wf-form" onSubmit={submit} aria-label={actionLabel(fields.action)} noValidate>
      {fields.returnTargets.length > 0 && (
        <label>
          {t('workflow.field.toStep')}
          <select value={draft.toStepId} onChange={(event) => change({ toStepId: event.target.value })}>
            {fields.returnTargets.map((target) => (
              <option key={target.id} value={target.id}>
                {target.title}
              </option>
            ))}
          </select>
        </label>
      )}
      {fields.reason && (
        <label>
          {t('workflow.field.reason')}
          <textarea value={draft.reason} rows={2} required onChange={(event) => change({ reason: event.target.value })} />
        </label>
      )}
      {fields.comments && <CommentRows assessment={assessment} comments={draft.comments} onChange={(comments) => change({ comments })} />}
      <ModeField name="mode" fields={fields} draft={draft} change={change} />
      {fields.decision && (
        <>
          <fieldset className="wf-fieldset">
            <legend>{t('workflow.field.recognised')}</legend>
            <label className="inline-choice">
              <input type="radio" name="recognised" checked={draft.recognised} onChange={() => change({ recognised: true })} /> {t('workflow.decisionRecognised')}
            </label>
            <label className="inline-choice">
              <input type="radio" name="recognised" checked={!draft.recognised} onChange={() => change({ recognised: false })} /> {t('workflow.decisionDeclined')}
            </label>
            {warning && <p className="note note-warning">{warning}</p>}
          </fieldset>
          <DecisionFields draft={draft} change={change} />
        </>
      )}
      <ArtefactField fields={fields} draft={draft} change={change} />
      <DraftProblems problems={problems} />
      <div className="wf-form-buttons">
        <button type="submit" disabled={props.busy}>
          {props.busy ? t('workflow.submitting') : actionLabel(fields.action)}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel} disabled={props.busy}>
          {t('workflow.cancel')}
        </button>
      </div>
    </form>
  );
}
