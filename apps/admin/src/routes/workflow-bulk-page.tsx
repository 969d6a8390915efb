import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { AnswerNote } from '../components/query-state.tsx';
import { BulkFilters } from '../components/workflow/bulk-filters.tsx';
import { BulkPanel, type ApplyBulk } from '../components/workflow/bulk-panel.tsx';
import { bulkChoiceFromQuery, bulkChoiceToQuery, defaultBulkArea, planVariables, type BulkChoice } from '../components/workflow/bulk-plan.ts';
import { bulkOutcome, planAnswer } from '../components/workflow/bulk-result.ts';
import { workflowOfProgram } from '../components/workflow/definitions.ts';
import { t } from '../i18n/index.ts';
import { currentYear, DEFAULT_PROGRAM_ID } from '../lib/defaults.ts';
import { programsQuery } from '../lib/queries/reports.ts';
import { viewerQuery } from '../lib/queries/session.ts';
import { bulkActOnAssessmentsMutation, workflowBulkPlanQuery, type WorkflowBulkPlanVariables } from '../lib/queries/workflow.ts';
import { useQueryState } from '../lib/router.tsx';

// A bulk action moves assessments the unit pages and reports show: their cached answers are dropped.
const CHANGED_TYPENAMES = ['Assessment', 'Report', 'WorkflowBulkPlan'];

function BulkPlanSection(props: { choice: BulkChoice; variables: WorkflowBulkPlanVariables; programTitle: string; onPreviewAgain: () => void }) {
  const { choice, variables } = props;
  // A dry run is only good for now: every one asks the API.
  const [result] = useQuery({ query: workflowBulkPlanQuery, variables, requestPolicy: 'network-only' });
  const [, bulkAct] = useMutation(bulkActOnAssessmentsMutation);
  const answer = planAnswer(result, variables.areaCode);
  const apply: ApplyBulk = async (request, sent) => bulkOutcome(await bulkAct(request, { additionalTypenames: CHANGED_TYPENAMES }), sent);

  return (
    <section aria-labelledby="bulk-plan-heading" data-testid="bulk-plan">
      <h2 id="bulk-plan-heading">
        {t('bulk.heading', { action: t(`bulk.action.${choice.action}`), program: props.programTitle, year: String(choice.year), area: variables.areaCode })}
      </h2>
      <AnswerNote answer={answer} />
      {answer?.kind === 'plan' && <BulkPanel choice={choice} plan={answer.plan} onApply={apply} onPreviewAgain={props.onPreviewAgain} />}
    </section>
  );
}

/**
 * "Duyệt hàng loạt": a dry run of completing a step, or deciding, for the items below an area, then
 * the checked ones moved at once — all of them, or none when anything changed since the dry run.
 */
export function WorkflowBulkPage() {
  const [query, setQuery] = useQueryState();
  const choice = useMemo(() => bulkChoiceFromQuery(query, { programId: DEFAULT_PROGRAM_ID, year: currentYear() }), [query]);
  const [{ data: programs }] = useQuery({ query: programsQuery });
  const [{ data: viewer }] = useQuery({ query: viewerQuery });
  // Each "Xem trước" is a new dry run, even of the same choice.
  const [run, setRun] = useState(0);
  const withWorkflow = useMemo(() => (programs?.programs ?? []).filter((program) => workflowOfProgram(program.id)), [programs]);
  const variables = planVariables(choice);
  const programTitle = withWorkflow.find((program) => program.id === choice.programId)?.title ?? choice.programId;

  const preview = (next: BulkChoice) => {
    setQuery(bulkChoiceToQuery(next));
    setRun((count) => count + 1);
  };

  return (
    <div className="page">
      <h1>{t('bulk.title')}</h1>
      <p className="muted">{t('bulk.intro')}</p>
      <BulkFilters choice={choice} suggestedArea={viewer ? defaultBulkArea(viewer.viewer.grants) : ''} programs={withWorkflow} onPreview={preview} />
      {variables ? (
        <BulkPlanSection
          key={`${JSON.stringify(variables)}#${run}`}
          choice={choice}
          variables={variables}
          programTitle={programTitle}
          onPreviewAgain={() => setRun((count) => count + 1)}
        />
      ) : (
        <p className="muted">{t('bulk.areaMissing')}</p>
      )}
    </div>
  );
}
