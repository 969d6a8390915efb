import type { FormEvent } from 'react';
import { t } from '../../i18n/index.ts';
import type { ProgramOption } from '../../lib/queries/reports.ts';
import { AreaFields, useChoiceDraft } from './area-fields.tsx';
import type { QueueChoice } from './queue.ts';

/** The choice behind the work list; the page keeps it in the URL once "Xem danh sách" is pressed. */
export function QueueFilters(props: { choice: QueueChoice; programs: readonly ProgramOption[]; onShow: (choice: QueueChoice) => void }) {
  const [draft, change] = useChoiceDraft(props.choice, '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onShow({ ...draft, area: draft.area.trim() });
  };

  return (
    <form className="filters" onSubmit={submit} aria-label={t('queue.filters')}>
      <AreaFields draft={draft} change={change} programs={props.programs} />
      <label className="inline-choice">
        <input type="checkbox" checked={draft.overdueOnly} onChange={(event) => change({ overdueOnly: event.target.checked })} /> {t('queue.overdueOnly')}
      </label>
      <label className="inline-choice">
        <input type="checkbox" checked={draft.actionableOnly} onChange={(event) => change({ actionableOnly: event.target.checked })} /> {t('queue.actionableOnly')}
      </label>
      <button type="submit">{t('queue.show')}</button>
    </form>
  );
}
