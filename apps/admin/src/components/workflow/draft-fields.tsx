import { useState, type FormEvent } from 'react';
import { t } from '../../i18n/index.ts';
import type { OutcomeStatus } from '../../lib/queries/common.ts';
import { draftProblems, initialDraft, isoToday, type ActionDraft, type ActionFields } from './action-draft.ts';
import { modeLabel } from './labels.ts';

/*
 * What the form for one item and the form for many items share: the draft and its check before
 * sending, and the fields both ask for (appraisal mode, decision, the step's document, the problems).
 */

type Change = (changes: Partial<ActionDraft>) => void;

/**
 * A form's draft for `fields`, started as `initialDraft` does for an assessment of `outcome`.
 * `submit` sends the draft to `onValid` only when `draftProblems` finds none; else it shows them.
 */
export function useActionDraft(fields: ActionFields, outcome: OutcomeStatus, onValid: (draft: ActionDraft) => void) {
  const [draft, setDraft] = useState<ActionDraft>(() => initialDraft(fields, { today: isoToday(), outcome }));
  const [problems, setProblems] = useState<readonly string[]>([]);
  const change: Change = (changes) => setDraft((current) => ({ ...current, ...changes }));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = draftProblems(fields, draft);
    setProblems(found);
    if (found.length === 0) onValid(draft);
  };
  return { draft, change, problems, submit };
}

/** The appraisal's mode, when the step offers a choice; `name` groups the radios. */
export function ModeField({ name, fields, draft, change }: { name: string; fields: ActionFields; draft: ActionDraft; change: Change }) {
  if (fields.modes.length === 0) return null;
  return (
    <fieldset className="wf-fieldset">
      <legend>{t('workflow.field.mode')}</legend>
      {fields.modes.map((mode) => (
        <label key={mode} className="inline-choice">
          <input type="radio" name={name} checked={draft.mode === mode} onChange={() => change({ mode })} /> {modeLabel(mode)}
        </label>
      ))}
    </fieldset>
  );
}

/** The decision's number, date and signer. */
export function DecisionFields({ draft, change }: { draft: ActionDraft; change: Change }) {
  return (
    <>
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
  );
}

/** The reference of the document the step carries, when it carries one. */
export function ArtefactField({ fields, draft, change }: { fields: ActionFields; draft: ActionDraft; change: Change }) {
  if (!fields.artefact) return null;
  return (
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
  );
}

/** Why the draft was not sent. */
export function DraftProblems({ problems }: { problems: readonly string[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="note note-error wf-problems" role="alert">
      {problems.map((problem) => (
        <li key={problem}>{problem}</li>
      ))}
    </ul>
  );
}
