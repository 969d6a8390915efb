import { useQuery } from 'urql';
import { QueryState } from '../query-state.tsx';
import { t } from '../../i18n/index.ts';
import { PAGE_SIZE } from '../../lib/defaults.ts';
import { formatDateVi, unitKindLabel } from '../../lib/format.ts';
import { unitSearchQuery } from '../../lib/queries/units.ts';
import { href, Link } from '../../lib/router.tsx';

/** Units whose name (with or without diacritics, folded by the API) or code matches the search. */
export function UnitResults({ search, asOf }: { search: string; asOf: string }) {
  const [{ data, fetching, error }] = useQuery({
    query: unitSearchQuery,
    variables: { search, asOf: asOf || undefined, first: PAGE_SIZE },
  });
  const units = data?.units;
  return (
    <QueryState fetching={fetching} error={error} hasData={units !== undefined}>
      {units && (
        <>
          <p className="muted" aria-live="polite">
            {units.totalCount === 0 ? t('units.empty') : t('units.found', { count: units.totalCount })}
            {units.totalCount > units.edges.length && ` · ${t('common.shown', { shown: units.edges.length, total: units.totalCount })}`}
          </p>
          <ul className="unit-list">
            {units.edges.map(({ node }) => (
              <li key={node.code}>
                <Link to={href(`/units/${encodeURIComponent(node.code)}`, { asOf: asOf || undefined })}>{node.fullName}</Link>
                <span className="muted">
                  {unitKindLabel(node.kind)} · {node.code} ·{' '}
                  {t('units.validRange', { from: formatDateVi(node.validFrom), to: node.validTo ? formatDateVi(node.validTo) : t('units.current') })}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </QueryState>
  );
}
