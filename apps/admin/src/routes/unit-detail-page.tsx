import { useQuery } from 'urql';
import { NotFoundNote, QueryState } from '../components/query-state.tsx';
import { AsOfPicker } from '../components/units/as-of-picker.tsx';
import { LineageList } from '../components/units/lineage-list.tsx';
import { UnitHistory } from '../components/units/unit-history.tsx';
import { UnitAssessments } from '../components/workflow/unit-assessments.tsx';
import { t } from '../i18n/index.ts';
import { formatDateVi, unitKindLabel } from '../lib/format.ts';
import { isNotFound } from '../lib/queries/common.ts';
import { unitDetailQuery, type UnitDetail } from '../lib/queries/units.ts';
import { href, Link, useQueryState } from '../lib/router.tsx';

function UnitFacts({ unit, asOf }: { unit: UnitDetail; asOf: string }) {
  return (
    <dl className="facts">
      <dt>{t('common.code')}</dt>
      <dd>{unit.code}</dd>
      <dt>{t('units.kind')}</dt>
      <dd>{unitKindLabel(unit.kind)}</dd>
      <dt>{t('units.parent')}</dt>
      <dd>
        {unit.parent ? (
          <Link to={href(`/units/${encodeURIComponent(unit.parent.code)}`, { asOf: asOf || undefined })}>{unit.parent.fullName}</Link>
        ) : (
          t('common.dash')
        )}
      </dd>
      <dt>{t('units.valid')}</dt>
      <dd>
        {formatDateVi(unit.validFrom)} → {unit.validTo ? formatDateVi(unit.validTo) : t('units.current')}
      </dd>
      <dt>{t('units.legalAct')}</dt>
      <dd>{unit.legalAct ?? t('common.dash')}</dd>
    </dl>
  );
}

/**
 * One unit as it was on a day: its assessments and their recognition workflow, its versions over
 * time and the units it came from or went into.
 */
export function UnitDetailPage({ code }: { code: string }) {
  const [query, setQuery] = useQueryState();
  const asOf = query.get('asOf') ?? '';
  const [{ data, fetching, error }] = useQuery({ query: unitDetailQuery, variables: { code, asOf: asOf || undefined } });
  const unit = data?.unit;
  return (
    <div className="page">
      <p>
        <Link to={href('/units', { asOf: asOf || undefined })}>{t('units.back')}</Link>
      </p>
      <div className="filters">
        <AsOfPicker value={asOf} onChange={(value) => setQuery({ asOf: value || undefined })} />
      </div>
      <QueryState fetching={fetching} error={error} hasData={unit !== undefined}>
        {unit && isNotFound(unit) && <NotFoundNote message={unit.message} />}
        {unit && !isNotFound(unit) && (
          <>
            <h1>{unit.fullName}</h1>
            <UnitFacts unit={unit} asOf={asOf} />
            <p>
              <Link to={href('/', { area: unit.code })}>{t('units.viewReport')}</Link>
            </p>
            <UnitAssessments code={unit.code} asOf={asOf} />
            <UnitHistory versions={unit.history} currentId={unit.id} />
            <div className="columns">
              <LineageList title={t('units.predecessors')} links={unit.predecessors} direction="from" />
              <LineageList title={t('units.successors')} links={unit.successors} direction="to" />
            </div>
          </>
        )}
      </QueryState>
    </div>
  );
}
