import { useQuery } from 'urql';
import { QueryState } from '../query-state.tsx';
import { SetStatus } from './set-status.tsx';
import { t } from '../../i18n/index.ts';
import { criteriaSetsQuery, type CriteriaSetRow } from '../../lib/queries/criteria-sets.ts';
import { Link } from '../../lib/router.tsx';

function scopeLabel(set: CriteriaSetRow): string {
  return set.ownerScope === 'province' ? t('sets.scope.province', { code: set.provinceCode ?? '' }) : t('sets.scope.national');
}

/** National sets and the province's own, each with links to its versions. */
export function CriteriaSetList({ provinceCode, programId }: { provinceCode: string | undefined; programId: string }) {
  const [{ data, fetching, error }] = useQuery({
    query: criteriaSetsQuery,
    variables: { provinceCode, programId: programId || undefined },
  });
  const sets = data?.criteriaSets.edges.map(({ node }) => node);
  return (
    <QueryState fetching={fetching} error={error} hasData={sets !== undefined}>
      {sets && sets.length === 0 && <p className="note">{t('sets.empty')}</p>}
      {sets && sets.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('sets.set')}</th>
              <th>{t('sets.scope')}</th>
              <th>{t('sets.versions')}</th>
            </tr>
          </thead>
          <tbody>
            {sets.map((set) => (
              <tr key={set.id}>
                <td>
                  {set.title}
                  <div className="muted">
                    {set.program.title} · {set.id}
                  </div>
                </td>
                <td>{scopeLabel(set)}</td>
                <td>
                  <ul className="versions">
                    {set.versions.map((version) => (
                      <li key={version.version}>
                        <Link to={`/criteria-sets/${encodeURIComponent(set.id)}/${version.version}`}>
                          {t('sets.version', { version: version.version })}
                        </Link>{' '}
                        <SetStatus status={version.status} />
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </QueryState>
  );
}
