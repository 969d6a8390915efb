import { STATUS_VI, type Status } from '@antt/criteria';
import { useState } from 'react';
import { useQuery } from 'urql';
import { NotFoundNote, QueryState } from '../query-state.tsx';
import { StatusBadge } from '../status-badge.tsx';
import { t } from '../../i18n/index.ts';
import { PAGE_SIZE } from '../../lib/defaults.ts';
import { unitKindLabel } from '../../lib/format.ts';
import { isNotFound } from '../../lib/queries/common.ts';
import { drillDownQuery, type DrillDownUnit, type ReportVariables } from '../../lib/queries/reports.ts';
import { Link } from '../../lib/router.tsx';

const outcomes = Object.keys(STATUS_VI) as Status[];

function DrillDownItem({ unit }: { unit: DrillDownUnit }) {
  const explanation = unit.assessment?.explanation;
  return (
    <li className="drill-unit">
      <div className="drill-head">
        <Link to={`/units/${encodeURIComponent(unit.code)}`}>{unit.fullName}</Link>
        <span className="muted">
          {unitKindLabel(unit.kind)} · {unit.code}
        </span>
        {unit.assessment && <StatusBadge status={unit.assessment.outcome} />}
      </div>
      {!unit.assessment && <p className="muted">{t('report.drillDownNoAssessment')}</p>}
      {explanation && <p className="drill-summary">{explanation.summary}</p>}
      {explanation && explanation.failingCriteria.length > 0 && (
        <ul className="failing" aria-label={t('report.failing')}>
          {explanation.failingCriteria.map((criterion) => (
            <li key={criterion.code}>
              <span className="code">{criterion.code}</span> {criterion.title}
              <span className="reason">{criterion.reason}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** One page of units; the last page offers the next one. */
function DrillDownPage(props: { variables: ReportVariables; outcome: string; after: string | undefined; isLast: boolean; onMore: (cursor: string) => void }) {
  const [{ data, fetching, error }] = useQuery({
    query: drillDownQuery,
    variables: { ...props.variables, outcome: props.outcome, first: PAGE_SIZE, after: props.after },
  });
  const report = data?.report;
  return (
    <QueryState fetching={fetching} error={error} hasData={report !== undefined}>
      {report && isNotFound(report) && <NotFoundNote message={report.message} />}
      {report && !isNotFound(report) && (
        <>
          {props.after === undefined && (
            <p className="muted">
              {report.drillDown.totalCount === 0 ? t('report.drillDownEmpty') : t('report.drillDownCount', { count: report.drillDown.totalCount })}
            </p>
          )}
          <ul className="drill-list">
            {report.drillDown.edges.map(({ node }) => (
              <DrillDownItem key={node.code} unit={node} />
            ))}
          </ul>
          {props.isLast && report.drillDown.pageInfo.hasNextPage && report.drillDown.pageInfo.endCursor && (
            <button type="button" className="secondary" onClick={() => props.onMore(report.drillDown.pageInfo.endCursor!)}>
              {t('common.loadMore')}
            </button>
          )}
        </>
      )}
    </QueryState>
  );
}

/** The units behind a figure, for one outcome, each with the criteria it failed and why. */
export function DrillDown(props: { variables: ReportVariables; outcome: string; onOutcome: (outcome: string) => void }) {
  const [pages, setPages] = useState<{ key: string; cursors: Array<string | undefined> }>({ key: '', cursors: [undefined] });
  const key = JSON.stringify([props.variables, props.outcome]);
  // A new report or outcome starts again from the first page.
  const cursors = pages.key === key ? pages.cursors : [undefined];
  return (
    <section aria-labelledby="drill-title">
      <h2 id="drill-title">{t('report.drillDown')}</h2>
      <label className="inline">
        {t('report.drillDownOutcome')}{' '}
        <select value={props.outcome} onChange={(event) => props.onOutcome(event.target.value)}>
          {outcomes.map((outcome) => (
            <option key={outcome} value={outcome}>
              {STATUS_VI[outcome]}
            </option>
          ))}
        </select>
      </label>
      {cursors.map((after, index) => (
        <DrillDownPage
          key={after ?? 'first'}
          variables={props.variables}
          outcome={props.outcome}
          after={after}
          isLast={index === cursors.length - 1}
          onMore={(cursor) => setPages({ key, cursors: [...cursors, cursor] })}
        />
      ))}
    </section>
  );
}
