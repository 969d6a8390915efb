import { useState, type FormEvent } from 'react';
import { t } from '../../i18n/index.ts';
import type { AssessmentWithWorkflow, WorkflowActionInput } from '../../lib/queries/workflow.ts';
import {
  criterionChoices,
  draftProblems,
  initialDraft,
  isoToday,
  recognitionWarning,
  toActionInput,
  type ActionDraft,
  type ActionFields,
  type CriterionComment,
} from './action-draft.ts';
import { actionLabel, modeLabel } from './labels.ts';

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
  const [draft, setDraft] = useState<ActionDraft>(() => initialDraft(fields, { today: isoToday(), outcome: assessment.outcome }));
  const [problems, setProblems] = useState<readonly string[]>([]);
  const change = (changes: Partial<ActionDraft>) => setDraft((current) => ({ ...current, ...changes }));
  const warning = fields.decision ? recognitionWarning(assessment.outcome, draft.recognised) : undefined;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = draftProblems(fields, draft);
    setProblems(found);
    if (found.length === 0) props.onSubmit(toActionInput(fields, draft));
  };

  return (
    <form className="wf-form" onSubmit={onSubmit} aria-label={actionLabel(fields.action)} noValidate>
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
      {fields.modes.length > 0 && (
        <fieldset className="wf-fieldset">
          <legend>{t('workflow.field.mode')}</legend>
          {fields.modes.map((mode) => (
            <label key={mode} className="inline-choice">
              <input type="radio" name="mode" checked={draft.mode === mode} onChange={() => change({ mode })} /> {modeLabel(mode)}
            </label>
          ))}
        </fieldset>
      )}
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
          <label>
            {t('workflow.field.decisionNumber')}
            <input type="text" value={draft.decisionNumber} placeholder={t('workflow.field.decisionNumberHint')} required onChange={(event) => change({ decisionNumber: event.target.value })} />
          </label>
          <label>
            {t('workflow.field.decisionDate')}
            <input type="date" value={draft.decisionDate} required onChange={(event) => change({ decisionDate: event.target.value })} />
          </label>
          <label>
            {t('workflow.field.signer')}
            <input type="text" value={draft.signer} onChange={(event) => change({ signer: event.target.value })} />
          </label>
        </>
      )}
      {fields.artefact && (
        <label>
          {fields.artefact.required
            ? t('workflow.field.documentRef', { kind: fields.artefact.label })
            : t('workflow.field.documentRefOptional', { kind: fields.artefact.label })}
          <input
            type="text"
            value={draft.documentRef}
            placeholder={t('workflow.field.documentRefHint')}
            required={fields.artefact.required}
            onChange={(event) => change({ documentRef: event.target.value })}
          />
        </label>
      )}
      {problems.length > 0 && (
        <ul className="note note-error wf-problems" role="alert">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
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
