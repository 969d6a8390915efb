import { useMutation, useQuery } from 'urql';
import { NotFoundNote, QueryState } from '../query-state.tsx';
import { StatusBadge } from '../status-badge.tsx';
import { t } from '../../i18n/index.ts';
import { selectableYears } from '../../lib/defaults.ts';
import { isNotFound } from '../../lib/queries/common.ts';
import { actOnAssessmentMutation, latestPeriodOnly, unitAssessmentsQuery, type AssessmentWithWorkflow } from '../../lib/queries/workflow.ts';
import { useQueryState } from '../../lib/router.tsx';
import { actOutcome } from './act-result.ts';
import { standingLine } from './timeline.ts';
import { WorkflowPanel, type ActOnAssessment } from './workflow-panel.tsx';

function AssessmentTable({ assessments }: { assessments: readonly AssessmentWithWorkflow[] }) {
  return (
    <table className="table" data-testid="unit-assessments">
      <thead>
        <tr>
          <th>{t('units.assessmentProgram')}</th>
          <th>{t('units.assessmentYear')}</th>
          <th>{t('units.assessmentOutcome')}</th>
          <th>{t('units.assessmentWorkflow')}</th>
        </tr>
      </thead>
      <tbody>
        {assessments.map((assessment) => (
          <tr key={assessment.id}>
            <td>{assessment.program.title}</td>
            <td className="number">{assessment.periodYear}</td>
            <td>
              <StatusBadge status={assessment.outcome} />
            </td>
            <td>{assessment.workflow ? standingLine(assessment.workflow) : <span className="muted">{t('units.assessmentNoWorkflow')}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Assessments(props: { assessments: readonly AssessmentWithWorkflow[]; onActFor: (assessmentId: string) => ActOnAssessment; onReload: () => void }) {
  if (props.assessments.length === 0) return <p className="muted">{t('units.assessmentsEmpty')}</p>;
  return (
    <>
      <AssessmentTable assessments={props.assessments} />
      {props.assessments
        .filter((assessment) => assessment.workflow)
        .map((assessment) => (
          <WorkflowPanel key={assessment.id} assessment={assessment} onAct={props.onActFor(assessment.id)} onReload={props.onReload} />
        ))}
    </>
  );
}

/**
 * A unit's assessments in every program for the chosen period, or for the latest period that has
 * any ("Mới nhất"), and the recognition workflow of each that has one.
 */
export function UnitAssessments({ code, asOf }: { code: string; asOf: string }) {
  const [query, setQuery] = useQueryState();
  const year = Number(query.get('year')) || undefined;
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: unitAssessmentsQuery,
    variables: { code, asOf: asOf || undefined, periodYear: year },
  });
  const [, act] = useMutation(actOnAssessmentMutation);
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const unit = data?.unit;

  // A changed Assessment in the answer makes urql's document cache fetch this query again.
  const onActFor =
    (assessmentId: string): ActOnAssessment =>
    async (action, revision) =>
      actOutcome(await act({ assessmentId, revision, action }));

  return (
    <section aria-labelledby="unit-assessments-heading">
      <h2 id="unit-assessments-heading">{t('units.assessments')}</h2>
      <div className="filters">
        <label>
          {t('units.assessmentsYear')}
          <select value={year ?? ''} onChange={(event) => setQuery({ year: event.target.value || undefined })}>
            <option value="">{t('units.assessmentsLatest')}</option>
            {selectableYears().map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryState fetching={fetching} error={error} hasData={unit !== undefined}>
        {unit && isNotFound(unit) && <NotFoundNote message={unit.message} />}
        {unit && !isNotFound(unit) && (
          <Assessments assessments={year ? unit.assessments : latestPeriodOnly(unit.assessments)} onActFor={onActFor} onReload={reload} />
        )}
      </QueryState>
    </section>
  );
}
