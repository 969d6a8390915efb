import { useState } from 'react';
import { StatusBadge } from '../status-badge.tsx';
import { t } from '../../i18n/index.ts';
import type { BulkItemInput, WorkflowActionInput, WorkflowBulkItem, WorkflowBulkPlanData } from '../../lib/queries/workflow.ts';
import { bulkForm, bulkRequest, checkedItems, itemKey, selectionProblem, stepTitle, type BulkChoice, type BulkForm } from './bulk-plan.ts';
import { bulkNote, type BulkOutcome } from './bulk-result.ts';
import { ArtefactField, DecisionFields, DraftProblems, ModeField, useActionDraft } from './draft-fields.tsx';
import { OutcomeNote } from './outcome-note.tsx';

/** Sends the checked items (`sent`, in order) with one action; resolves to what the API made of it. */
export type ApplyBulk = (request: { items: BulkItemInput[]; action: WorkflowActionInput }, sent: readonly WorkflowBulkItem[]) => Promise<BulkOutcome>;

const unitLabel = (item: WorkflowBulkItem) => `${item.unitCode} ${item.unitName}`;

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
  const { draft, change, problems, submit } = useActionDraft(fields, 'met', (valid) => props.onSubmit(bulkRequest(form, valid, choice, props.checked)));

  return (
    <form className="wf-form" onSubmit={submit} aria-label={t(`bulk.action.${choice.action}`)} noValidate>
      <p className="muted">{t('bulk.stepOfChecked', { step: stepTitle(choice.programId, form.stepId) })}</p>
      {fields.decision && <p>{t('bulk.decisionFor', { choice: choice.recognised ? t('bulk.recognise') : t('bulk.decline') })}</p>}
      <ModeField name="bulk-mode" fields={fields} draft={draft} change={change} />
      {fields.decision && <DecisionFields draft={draft} change={change} />}
      <ArtefactField fields={fields} draft={draft} change={change} />
      <DraftProblems problems={problems} />
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
        {outcome && (
          <OutcomeNote
            note={bulkNote(outcome)}
            testId="bulk-note"
            next={outcome.kind === 'conflict' ? { label: t('bulk.previewAgain'), onClick: props.onPreviewAgain } : undefined}
          />
        )}
      </section>
      <section aria-labelledby="bulk-skipped-heading">
        <h3 id="bulk-skipped-heading">{t('bulk.skipped', { count: plan.skipped.length })}</h3>
        {plan.skipped.length === 0 ? <p className="muted">{t('bulk.skippedEmpty')}</p> : <SkippedTable programId={choice.programId} skipped={plan.skipped} />}
      </section>
    </>
  );
}
