import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { AnswerNote, QueryState } from '../components/query-state.tsx';
import { defaultBulkArea } from '../components/workflow/bulk-plan.ts';
import { workflowOfProgram } from '../components/workflow/definitions.ts';
import { actsInWorkflow, concernsQueue, queueAnswer, queueChoiceFromQuery, queueChoiceToQuery, queueVariables, type QueueChoice } from '../components/workflow/queue.ts';
import { QueueFilters } from '../components/workflow/queue-filters.tsx';
import { QueueView } from '../components/workflow/queue-view.tsx';
import { t } from '../i18n/index.ts';
import { currentYear, DEFAULT_PROGRAM_ID } from '../lib/defaults.ts';
import { programsQuery, type ProgramOption } from '../lib/queries/reports.ts';
import { viewerQuery, type ViewerGrant } from '../lib/queries/session.ts';
import { workflowChangedSubscription, workflowQueueQuery, type WorkflowChangeData, type WorkflowQueueVariables } from '../lib/queries/workflow.ts';
import { useQueryState } from '../lib/router.tsx';

/** The list, asked again whenever the API pushes an action on an item of its period (`change`, the latest pushed). */
function QueueSection(props: { choice: QueueChoice; variables: WorkflowQueueVariables; programTitle: string; change: WorkflowChangeData | undefined }) {
  const { choice, variables, change } = props;
  const [result, reexecute] = useQuery({ query: workflowQueueQuery, variables, requestPolicy: 'cache-and-network' });
  const [updatedAt, setUpdatedAt] = useState<string>();
  // What was pushed before this list was asked for is in its answer already.
  const seen = useRef(change);
  useEffect(() => {
    if (!change || change === seen.current || !concernsQueue(change, choice)) return;
    seen.current = change;
    reexecute({ requestPolicy: 'network-only' });
    setUpdatedAt(change.at);
  }, [change]);
  const answer = queueAnswer(result, variables.areaCode);

  return (
    <section aria-labelledby="queue-heading" data-testid="queue">
      <h2 id="queue-heading">{t('queue.heading', { program: props.programTitle, year: String(choice.year), area: variables.areaCode })}</h2>
      <AnswerNote answer={answer} />
      {answer?.kind === 'list' && <QueueView choice={choice} queue={answer.list} updatedAt={updatedAt} />}
    </section>
  );
}

function Queue(props: { grants: readonly ViewerGrant[]; programs: readonly ProgramOption[] }) {
  const [query, setQuery] = useQueryState();
  const choice = useMemo(
    () =>
      queueChoiceFromQuery(query, {
        programId: DEFAULT_PROGRAM_ID,
        year: currentYear(),
        area: defaultBulkArea(props.grants),
        actionableOnly: actsInWorkflow(props.grants),
      }),
    [query, props.grants],
  );
  const variables = queueVariables(choice);
  // One stream per area and program: another period or unit kind is the same stream.
  const [{ data: pushed }] = useSubscription({
    query: workflowChangedSubscription,
    variables: { areaCode: variables?.areaCode ?? '', programId: choice.programId },
    pause: !variables,
  });
  const programTitle = props.programs.find((program) => program.id === choice.programId)?.title ?? choice.programId;
  return (
    <>
      <QueueFilters choice={choice} programs={props.programs} onShow={(next) => setQuery(queueChoiceToQuery(next))} />
      {variables ? (
        <QueueSection key={JSON.stringify(variables)} choice={choice} variables={variables} programTitle={programTitle} change={pushed?.workflowChanged} />
      ) : (
        <p className="muted">{t('queue.areaMissing')}</p>
      )}
    </>
  );
}

/**
 * "Việc cần xử lý": an area's recognition items, the most overdue first, with what the signed-in
 * person may do on each; it follows the actions others take as the API pushes them.
 */
export function WorkflowQueuePage() {
  const [viewer] = useQuery({ query: viewerQuery });
  const [{ data: programs }] = useQuery({ query: programsQuery });
  const withWorkflow = useMemo(() => (programs?.programs ?? []).filter((program) => workflowOfProgram(program.id)), [programs]);
  return (
    <div className="page">
      <h1>{t('queue.title')}</h1>
      <p className="muted">{t('queue.intro')}</p>
      {/* The area and whether to list only what the person may do depend on their roles. */}
      <QueryState fetching={viewer.fetching} error={viewer.error} hasData={Boolean(viewer.data)}>
        {viewer.data && <Queue grants={viewer.data.viewer.grants} programs={withWorkflow} />}
      </QueryState>
    </div>
  );
}
