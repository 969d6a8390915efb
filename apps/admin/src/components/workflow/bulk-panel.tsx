import { useState, type FormEvent } from 'react';
import { StatusBadge } from '../status-badge.tsx';
import { t } from '../../i18n/index.ts';
import type { BulkItemInput, WorkflowActionInput, WorkflowBulkItem, WorkflowBulkPlanData } from '../../lib/queries/workflow.ts';
import { draftProblems, initialDraft, isoToday, type ActionDraft } from './action-draft.ts';
import { bulkForm, bulkRequest, checkedItems, itemKey, selectionProblem, stepTitle, type BulkChoice, type BulkForm } from './bulk-plan.ts';
import { bulkNote, type BulkOutcome } from './bulk-result.ts';
import { modeLabel } from './labels.ts';

/** Sends the checked items (`sent`, in order) with one action; resolves to what the API made of it. */
export type ApplyBulk = (request: { items: BulkItemInput[]; action: WorkflowActionInput }, sent: readonly WorkflowBulkItem[]) => Promise<BulkOutcome>;

const unitLabel = (item: WorkflowBulkItem) => `${item.unitCode} ${item.unitName}`;

function OutcomeNote({ outcome, onPreviewAgain }: { outcome: BulkOutcome; onPreviewAgain: () => void }) {
  const note = bulkNote(outcome);
  return (
    <div className={`note ${note.tone === 'ok' ? 'note-ok' : 'note-error'}`} role={note.tone === 'ok' ? 'status' : 'alert'} data-testid="bulk-note">
      <p>{note.text}</p>
      {note.details.length > 0 && (
        <ul>
          {note.details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
      {outcome.kind === 'conflict' && (
        <button type="button" className="secondary" onClick={onPreviewAgain}>
          {t('bulk.previewAgain')}
        </button>
      )}
    </div>
  );
}

/** The one action for every checked item, with what the step they wait at calls for. */
function BulkActionForm(props: {
  form: Extract<BulkForm, { kind: 'form' }>;
  choice: BulkChoice;
  checked: readonly WorkflowBulkItem[];
  busy: boolean;
  onSubmit: (request: { items: BulkItemInput[]; action: WorkflowActionInput }) => void;
}) {
  const { form, choice } = props;
  const fields = form.fields;
  const [draft, setDraft] = useState<ActionDraft>(() => initialDraft(fields, { today: isoToday(), outcome: 'met' }));
  const [problems, setProblems] = useState<readonly string[]>([]);
  const change = (changes: Partial<ActionDraft>) => setDraft((current) => ({ ...current, ...changes }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = draftProblems(fields, draft);
    setProblems(found);
    if (found.length === 0) props.onSubmit(bulkRequest(form, draft, choice, props.checked));
  };

  return (
    <form className="wf-form" onSubmit={submit} aria-label={t(`bulk.action.${choice.action}`)} noValidate>
      <p className="muted">{t('bulk.stepOfChecked', { step: stepTitle(choice.programId, form.stepId) })}</p>
      {fields.decision && <p>{t('bulk.decisionFor', { choice: choice.recognised ? t('bulk.recognise') : t('bulk.decline') })}</p>}
      {fields.modes.length > 0 && (
        <fieldset className="wf-fieldset">
          <legend>{t('workflow.field.mode')}</legend>
          {fields.modes.map((mode) => (
            <label key={mode} className="inline-choice">
              <input type="radio" name="bulk-mode" checked={draft.mode === mode} onChange={() => change({ mode })} /> {modeLabel(mode)}
            </label>
          ))}
        </fieldset>
      )}
      {fields.decision && (
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
          {props.busy ? t('bulk.applying') : t('bulk.apply', { count: props.checked.length })}
        </button>
      </div>
    </form>
  );
}

function ReadyTable(props: { programId: string; ready: readonly WorkflowBulkItem[]; unchecked: ReadonlySet<string>; onToggle: (keys: readonly string[], checked: boolean) => void }) {
  const { ready, unchecked } = props;
  const allChecked = ready.every((item) => !unchecked.has(itemKey(item)));
  return (
    <table className="table" data-testid="bulk-ready">
      <thead>
        <tr>
          <th className="check">
            <input type="checkbox" aria-label={t('bulk.checkAll')} checked={allChecked} onChange={(event) => props.onToggle(ready.map(itemKey), event.target.checked)} />
          </th>
          <th>{t('common.code')}</th>
          <th>{t('bulk.column.unit')}</th>
          <th>{t('bulk.column.step')}</th>
          <th>{t('bulk.column.outcome')}</th>
        </tr>
      </thead>
      <tbody>
        {ready.map((item) => (
          <tr key={itemKey(item)}>
            <td className="check">
              <input
                type="checkbox"
                aria-label={t('bulk.check', { unit: unitLabel(item) })}
                checked={!unchecked.has(itemKey(item))}
                onChange={(event) => props.onToggle([itemKey(item)], event.target.checked)}
              />
            </td>
            <td className="nowrap">{item.unitCode}</td>
            <td>{item.unitName}</td>
            <td>{stepTitle(props.programId, item.stepId)}</td>
            <td>
              <StatusBadge status={item.outcome} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SkippedTable({ programId, skipped }: { programId: string; skipped: readonly WorkflowBulkItem[] }) {
  return (
    <table className="table" data-testid="bulk-skipped">
      <thead>
        <tr>
          <th>{t('common.code')}</th>
          <th>{t('bulk.column.unit')}</th>
          <th>{t('bulk.column.step')}</th>
          <th>{t('bulk.column.outcome')}</th>
          <th>{t('bulk.column.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {skipped.map((item) => (
          <tr key={itemKey(item)}>
            <td className="nowrap">{item.unitCode}</td>
            <td>{item.unitName}</td>
            <td>{stepTitle(programId, item.stepId)}</td>
            <td>
              <StatusBadge status={item.outcome} />
            </td>
            <td className="bulk-reason">{item.reason ?? t('common.dash')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A dry run and what to do with it: the ready items (all checked at first) with the action's form,
 * the skipped items with their reasons, and the note after "Thực hiện". It only shows data and calls
 * `onApply`; the caller talks to the API and runs the dry run again when asked.
 */
export function BulkPanel(props: { choice: BulkChoice; plan: WorkflowBulkPlanData; onApply: ApplyBulk; onPreviewAgain: () => void }) {
  const { choice, plan } = props;
  // Unchecked rather than checked: an item the dry run lists anew (or at a new revision) starts checked.
  const [unchecked, setUnchecked] = useState<ReadonlySet<string>>(new Set());
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const checked = checkedItems(plan.ready, unchecked);
  const form = bulkForm(choice, checked);

  const toggle = (keys: readonly string[], on: boolean) =>
    setUnchecked((current) => {
      const next = new Set(current);
      for (const key of keys) {
        if (on) next.delete(key);
        else next.add(key);
      }
      return next;
    });
  const apply = async (request: { items: BulkItemInput[]; action: WorkflowActionInput }) => {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(await props.onApply(request, checked));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p className="summary" data-testid="bulk-summary">
        {plan.summary}
      </p>
      <section aria-labelledby="bulk-ready-heading">
        <h3 id="bulk-ready-heading">{t('bulk.ready', { count: plan.ready.length })}</h3>
        {plan.ready.length === 0 ? (
          <p className="muted">{t('bulk.readyEmpty')}</p>
        ) : (
          <>
            <ReadyTable programId={choice.programId} ready={plan.ready} unchecked={unchecked} onToggle={toggle} />
            <p className="muted">{t('bulk.checked', { count: checked.length, total: plan.ready.length })}</p>
            {form.kind === 'form' ? (
              <BulkActionForm key={`${choice.action}:${form.stepId}`} form={form} choice={choice} checked={checked} busy={busy} onSubmit={apply} />
            ) : (
              <p className="note note-warning" role="alert">
                {selectionProblem(form)}
              </p>
            )}
          </>
        )}
        {outcome && <OutcomeNote outcome={outcome} onPreviewAgain={props.onPreviewAgain} />}
      </section>
      <section aria-labelledby="bulk-skipped-heading">
        <h3 id="bulk-skipped-heading">{t('bulk.skipped', { count: plan.skipped.length })}</h3>
        {plan.skipped.length === 0 ? <p className="muted">{t('bulk.skippedEmpty')}</p> : <SkippedTable programId={choice.programId} skipped={plan.skipped} />}
      </section>
    </>
  );
}
