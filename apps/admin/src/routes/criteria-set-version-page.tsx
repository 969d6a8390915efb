import { useQuery } from 'urql';
import { CriteriaTree } from '../components/criteria/criteria-tree.tsx';
import { SetStatus } from '../components/criteria/set-status.tsx';
import { LivePreview } from '../components/preview/live-preview.tsx';
import { NotFoundNote, QueryState } from '../components/query-state.tsx';
import { t } from '../i18n/index.ts';
import { isNotFound } from '../lib/queries/common.ts';
import { criteriaSetVersionQuery } from '../lib/queries/criteria-sets.ts';
import { Link } from '../lib/router.tsx';

/** One version of a set: its criteria tree beside a live preview of its outcome. */
export function CriteriaSetVersionPage({ setId, version }: { setId: string; version: number }) {
  const [{ data, fetching, error }] = useQuery({ query: criteriaSetVersionQuery, variables: { setId, version } });
  const found = data?.criteriaSetVersion;
  return (
    <div className="page">
      <p>
        <Link to="/criteria-sets">{t('sets.back')}</Link>
      </p>
      <QueryState fetching={fetching} error={error} hasData={found !== undefined}>
        {found && isNotFound(found) && <NotFoundNote message={found.message} />}
        {found && !isNotFound(found) && (
          <>
            <h1>{found.set.title}</h1>
            <p className="muted">
              {found.set.program.title} · {t('sets.version', { version: found.version })} <SetStatus status={found.status} />
              {found.extendsSetId && found.extendsVersion !== null && (
                <>
                  {' · '}
                  <Link to={`/criteria-sets/${encodeURIComponent(found.extendsSetId)}/${found.extendsVersion}`}>
                    {t('sets.extends', { setId: found.extendsSetId, version: found.extendsVersion })}
                  </Link>
                </>
              )}
            </p>
            <div className="columns columns-wide">
              <CriteriaTree criteria={found.criteria} />
              <LivePreview resolved={found.resolved} />
            </div>
          </>
        )}
      </QueryState>
    </div>
  );
}
