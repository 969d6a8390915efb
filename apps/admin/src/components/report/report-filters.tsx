import { nationalUnitKinds } from '@antt/criteria';
import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { t } from '../../i18n/index.ts';
import { selectableYears } from '../../lib/defaults.ts';
import { programsQuery } from '../../lib/queries/reports.ts';

export interface ReportChoice {
  readonly programId: string;
  readonly year: number;
  readonly area: string;
  /** One unit kind, or '' for the API's default (commune-level units). */
  readonly kind: string;
}

// Below the commune level a report counts residential areas, agencies, enterprises or schools.
const kindOptions = nationalUnitKinds.filter((kind) => kind.level === 'residentialArea' || kind.level === 'organisation');

export function ReportFilters({ choice, onChange }: { choice: ReportChoice; onChange: (next: Partial<ReportChoice>) => void }) {
  const [{ data }] = useQuery({ query: programsQuery });
  const [area, setArea] = useState(choice.area);
  useEffect(() => setArea(choice.area), [choice.area]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ area: area.trim() });
  };

  return (
    <form className="filters" onSubmit={submit} aria-label={t('report.filters')}>
      <label>
        {t('report.program')}
        <select value={choice.programId} onChange={(event) => onChange({ programId: event.target.value })}>
          {(data?.programs ?? [{ id: choice.programId, title: choice.programId }]).map((program) => (
            <option key={program.id} value={program.id}>
              {program.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('report.year')}
        <select value={choice.year} onChange={(event) => onChange({ year: Number(event.target.value) })}>
          {selectableYears().map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('report.unitKinds')}
        <select value={choice.kind} onChange={(event) => onChange({ kind: event.target.value })}>
          <option value="">{t('report.unitKindsDefault')}</option>
          {kindOptions.map((kind) => (
            <option key={kind.id} value={kind.id}>
              {kind.title.vi}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('report.area')}
        <input value={area} onChange={(event) => setArea(event.target.value)} inputMode="numeric" size={8} />
      </label>
      <button type="submit">{t('report.show')}</button>
    </form>
  );
}
