import { useEffect, useState, type FormEvent } from 'react';
import { t } from '../../i18n/index.ts';
import { selectableYears } from '../../lib/defaults.ts';
import type { ProgramOption } from '../../lib/queries/reports.ts';
import { bulkKindOptions, type BulkChoice } from './bulk-plan.ts';

/**
 * The choice behind a dry run. Nothing is asked of the API until "Xem trước"; the page then keeps the
 * choice in the URL. `suggestedArea` fills the area while none is chosen (where the caller's role holds).
 */
export function BulkFilters(props: { choice: BulkChoice; suggestedArea: string; programs: readonly ProgramOption[]; onPreview: (choice: BulkChoice) => void }) {
  const { choice, suggestedArea } = props;
  const [draft, setDraft] = useState<BulkChoice>(() => ({ ...choice, area: choice.area || suggestedArea }));
  // A new choice in the URL (back, a link) replaces what the form holds; a later suggestion only fills an empty area.
  const chosen = JSON.stringify(choice);
  useEffect(() => setDraft({ ...choice, area: choice.area || suggestedArea }), [chosen]);
  useEffect(() => setDraft((current) => (current.area ? current : { ...current, area: suggestedArea })), [suggestedArea]);
  const change = (changes: Partial<BulkChoice>) => setDraft((current) => ({ ...current, ...changes }));
  const programs = props.programs.some((program) => program.id === draft.programId)
    ? props.programs
    : [{ id: draft.programId, title: draft.programId }, ...props.programs];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onPreview({ ...draft, area: draft.area.trim() });
  };

  return (
    <form className="filters" onSubmit={submit} aria-label={t('bulk.filters')}>
      <label>
        {t('bulk.program')}
        <select value={draft.programId} onChange={(event) => change({ programId: event.target.value })}>
          {programs.map((program) => (
            <option key={program.id} value={program.id}>
              {program.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('bulk.year')}
        <select value={draft.year} onChange={(event) => change({ year: Number(event.target.value) })}>
          {[...new Set([draft.year, ...selectableYears()])].sort((a, b) => b - a).map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('bulk.area')}
        <input value={draft.area} onChange={(event) => change({ area: event.target.value })} placeholder={t('bulk.areaHint')} size={12} />
      </label>
      <label>
        {t('bulk.kind')}
        <select value={draft.kind} onChange={(event) => change({ kind: event.target.value })}>
          <option value="">{t('bulk.kindAll')}</option>
          {bulkKindOptions.map((kind) => (
            <option key={kind.id} value={kind.id}>
              {kind.title.vi}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('bulk.action')}
        <select value={draft.action} onChange={(event) => change({ action: event.target.value === 'DECIDE' ? 'DECIDE' : 'COMPLETE' })}>
          <option value="COMPLETE">{t('bulk.action.COMPLETE')}</option>
          <option value="DECIDE">{t('bulk.action.DECIDE')}</option>
        </select>
      </label>
      {draft.action === 'DECIDE' && (
        <fieldset className="wf-fieldset">
          <legend>{t('bulk.recognised')}</legend>
          <label className="inline-choice">
            <input type="radio" name="bulk-recognised" checked={draft.recognised} onChange={() => change({ recognised: true })} /> {t('bulk.recognise')}
          </label>
          <label className="inline-choice">
            <input type="radio" name="bulk-recognised" checked={!draft.recognised} onChange={() => change({ recognised: false })} /> {t('bulk.decline')}
          </label>
        </fieldset>
      )}
      <button type="submit">{t('bulk.preview')}</button>
    </form>
  );
}
