import type { FormEvent } from 'react';
import { t } from '../../i18n/index.ts';
import type { ProgramOption } from '../../lib/queries/reports.ts';
import { AreaFields, useChoiceDraft } from './area-fields.tsx';
import type { BulkChoice } from './bulk-plan.ts';

/**
 * The choice behind a dry run. Nothing is asked of the API until "Xem trước"; the page then keeps the
 * choice in the URL. `suggestedArea` fills the area while none is chosen (where the caller's role holds).
 */
export function BulkFilters(props: { choice: BulkChoice; suggestedArea: string; programs: readonly ProgramOption[]; onPreview: (choice: BulkChoice) => void }) {
  const [draft, change] = useChoiceDraft(props.choice, props.suggestedArea);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onPreview({ ...draft, area: draft.area.trim() });
  };

  return (
    <form className="filters" onSubmit={submit} aria-label={t('bulk.filters')}>
      <AreaFields draft={draft} change={change} programs={props.programs} />
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
