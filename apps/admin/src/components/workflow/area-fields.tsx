import { useEffect, useState } from 'react';
import { t } from '../../i18n/index.ts';
import { selectableYears } from '../../lib/defaults.ts';
import type { ProgramOption } from '../../lib/queries/reports.ts';
import { areaKindOptions, type AreaChoice } from './area-choice.ts';

/**
 * The form's copy of a page's choice until it is submitted. A new choice in the URL (back, a link)
 * replaces what the form holds; `suggestedArea` (where the caller's role holds) fills an empty area.
 */
export function useChoiceDraft<Choice extends AreaChoice>(choice: Choice, suggestedArea: string): [Choice, (changes: Partial<Choice>) => void] {
  const [draft, setDraft] = useState<Choice>(() => ({ ...choice, area: choice.area || suggestedArea }));
  const chosen = JSON.stringify(choice);
  useEffect(() => setDraft({ ...choice, area: choice.area || suggestedArea }), [chosen]);
  useEffect(() => setDraft((current) => (current.area ? current : { ...current, area: suggestedArea })), [suggestedArea]);
  return [draft, (changes) => setDraft((current) => ({ ...current, ...changes }))];
}

/** Program (those with a workflow), period, area and unit kind: the fields every workflow list asks first. */
export function AreaFields(props: { draft: AreaChoice; change: (changes: Partial<AreaChoice>) => void; programs: readonly ProgramOption[] }) {
  const { draft, change } = props;
  const programs = props.programs.some((program) => program.id === draft.programId)
    ? props.programs
    : [{ id: draft.programId, title: draft.programId }, ...props.programs];
  return (
    <>
      <label>
        {t('choice.program')}
        <select value={draft.programId} onChange={(event) => change({ programId: event.target.value })}>
          {programs.map((program) => (
            <option key={program.id} value={program.id}>
              {program.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('choice.year')}
        <select value={draft.year} onChange={(event) => change({ year: Number(event.target.value) })}>
          {[...new Set([draft.year, ...selectableYears()])].sort((a, b) => b - a).map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('choice.area')}
        <input value={draft.area} onChange={(event) => change({ area: event.target.value })} placeholder={t('choice.areaHint')} size={12} />
      </label>
      <label>
        {t('choice.kind')}
        <select value={draft.kind} onChange={(event) => change({ kind: event.target.value })}>
          <option value="">{t('choice.kindAll')}</option>
          {areaKindOptions.map((kind) => (
            <option key={kind.id} value={kind.id}>
              {kind.title.vi}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
