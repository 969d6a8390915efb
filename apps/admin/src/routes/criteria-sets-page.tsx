import { useQuery } from 'urql';
import { CriteriaSetList } from '../components/criteria/criteria-set-list.tsx';
import { t } from '../i18n/index.ts';
import { useHome } from '../lib/home-area.ts';
import { programsQuery } from '../lib/queries/reports.ts';
import { useQueryState } from '../lib/router.tsx';

/** Every criteria set the province works with, filtered by program. */
export function CriteriaSetsPage() {
  const [query, setQuery] = useQueryState();
  const programId = query.get('program') ?? '';
  const [{ data }] = useQuery({ query: programsQuery });
  // The province whose own sets are listed beside the national ones: the person's own.
  const home = useHome('criteria.read');
  return (
    <div className="page">
      <h1>{t('sets.title')}</h1>
      <p className="muted">{home.province ? t('sets.intro', { province: home.province }) : t('sets.introNational')}</p>
      <div className="filters">
        <label>
          {t('report.program')}
          <select value={programId} onChange={(event) => setQuery({ program: event.target.value || undefined })}>
            <option value="">{t('sets.allPrograms')}</option>
            {data?.programs.map((program) => (
              <option key={program.id} value={program.id}>
                {program.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!home.fetching && <CriteriaSetList provinceCode={home.province || undefined} programId={programId} />}
    </div>
  );
}
