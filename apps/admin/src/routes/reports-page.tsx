import { useMemo } from 'react';
import { useQuery } from 'urql';
import { BreakdownTable } from '../components/report/breakdown-table.tsx';
import { CriterionFailures } from '../components/report/criterion-failures.tsx';
import { DrillDown } from '../components/report/drill-down.tsx';
import { ReportFigures } from '../components/report/report-figures.tsx';
import { ReportFilters, type ReportChoice } from '../components/report/report-filters.tsx';
import { NotFoundNote, QueryState } from '../components/query-state.tsx';
import { t } from '../i18n/index.ts';
import { currentYear, DEFAULT_DRILL_DOWN_OUTCOME, DEFAULT_PROGRAM_ID } from '../lib/defaults.ts';
import { useHome } from '../lib/home-area.ts';
import { isNotFound } from '../lib/queries/common.ts';
import { areaNamesQuery, programsQuery, reportQuery, type ReportVariables } from '../lib/queries/reports.ts';
import { useQueryState } from '../lib/router.tsx';

/** The area's full name and its children's; '' is the whole country, which no unit names. */
function useAreaNames(area: string): { title: string; names: ReadonlyMap<string, string> } {
  const [{ data }] = useQuery({ query: areaNamesQuery, variables: { code: area }, pause: area === '' });
  return useMemo(() => {
    if (area === '') return { title: t('report.nation'), names: new Map() };
    const found = data?.area;
    if (!found || isNotFound(found)) return { title: area, names: new Map() };
    return { title: found.fullName, names: new Map(found.children.edges.map(({ node }) => [node.code, node.fullName])) };
  }, [data, area]);
}

/** The default page: a program's figures for one period and area, and the units behind them. */
export function ReportsPage() {
  const [query, setQuery] = useQueryState();
  // Without an area in the address the report opens where the person's own reach is.
  const home = useHome('reports.read');
  const waitingForHome = !query.get('area') && home.fetching;
  const choice: ReportChoice = {
    programId: query.get('program') || DEFAULT_PROGRAM_ID,
    year: Number(query.get('year')) || currentYear(),
    area: query.get('area') || home.area || '',
    kind: query.get('kind') ?? '',
  };
  const outcome = query.get('outcome') || DEFAULT_DRILL_DOWN_OUTCOME;
  const variables: ReportVariables = {
    programId: choice.programId,
    periodYear: choice.year,
    areaCode: choice.area || undefined,
    unitKinds: choice.kind ? [choice.kind] : undefined,
  };
  const [{ data, fetching, error }] = useQuery({ query: reportQuery, variables, pause: waitingForHome });
  const [{ data: programs }] = useQuery({ query: programsQuery });
  const area = useAreaNames(choice.area);
  const programTitle = programs?.programs.find((program) => program.id === choice.programId)?.title ?? choice.programId;
  const report = data?.report;
  const linkQuery = { program: choice.programId, year: choice.year, kind: choice.kind || undefined };

  const change = (next: Partial<ReportChoice>) =>
    setQuery({
      program: next.programId ?? choice.programId,
      year: String(next.year ?? choice.year),
      area: next.area || choice.area,
      kind: next.kind ?? (choice.kind || undefined),
    });

  return (
    <div className="page">
      <h1>{t('report.title')}</h1>
      <ReportFilters choice={choice} onChange={change} />
      <h2 className="report-heading">{t('report.heading', { program: programTitle, area: area.title, year: String(choice.year) })}</h2>
      <QueryState fetching={fetching || waitingForHome} error={error} hasData={report !== undefined}>
        {report && isNotFound(report) && <NotFoundNote message={report.message} />}
        {report && !isNotFound(report) && (
          <>
            <ReportFigures report={report} />
            <div className="columns">
              <CriterionFailures failures={report.criterionFailures} units={report.units} />
              <BreakdownTable rows={report.breakdown} names={area.names} linkQuery={linkQuery} />
            </div>
            <DrillDown variables={variables} outcome={outcome} onOutcome={(next) => setQuery({ outcome: next })} />
          </>
        )}
      </QueryState>
    </div>
  );
}
