import type { WorkflowAction } from '@antt/criteria';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../builder.ts';
import { actionsFor, deadlinesOf, stateOf } from '../services/workflow.ts';
import { loadAreaItems, type WorkflowTarget } from '../services/workflow-actions.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { WorkflowActionTypeRef } from './workflow.ts';
import { periodYearArg } from './period-year.ts';

/*
 * The work list of an area: where each item below it stands, which are overdue and by how many
 * days, and what the caller could do on each now. It is how a commune's police or a province sees
 * what is late before the deadline of the next step.
 */

interface QueueItem {
  readonly target: WorkflowTarget;
  readonly stepId: string | null;
  readonly stepTitle: string | null;
  readonly actingBody: string | null;
  readonly dueOn: string | null;
  readonly overdueDays: number;
  readonly locked: boolean;
  readonly returns: number;
  readonly revision: number;
  readonly actions: readonly WorkflowAction['type'][];
}

interface Queue {
  readonly items: readonly QueueItem[];
  readonly total: number;
  readonly overdue: number;
  readonly actionable: number;
}

const QueueItemRef = builder.objectRef<QueueItem>('WorkflowQueueItem').implement({
  fields: (t) => ({
    assessmentId: t.id({ resolve: (i) => encodeGlobalID('Assessment', i.target.id) }),
    unitCode: t.string({ resolve: (i) => i.target.unitCode }),
    unitName: t.string({ resolve: (i) => i.target.unitName }),
    unitKind: t.string({ resolve: (i) => i.target.unitKind }),
    outcome: t.string({ resolve: (i) => i.target.outcome }),
    stepId: t.string({ nullable: true, description: 'The step waiting for action; null once decided', resolve: (i) => i.stepId }),
    stepTitle: t.string({ nullable: true, resolve: (i) => i.stepTitle }),
    actingBody: t.string({ nullable: true, description: 'The body that must act now', resolve: (i) => i.actingBody }),
    dueOn: t.field({ type: 'Date', nullable: true, description: 'When the waiting step is due', resolve: (i) => i.dueOn }),
    overdueDays: t.exposeInt('overdueDays', { description: 'Days the waiting step is late; 0 when on time' }),
    locked: t.exposeBoolean('locked'),
    returns: t.exposeInt('returns'),
    revision: t.exposeInt('revision'),
    availableActions: t.field({ type: [WorkflowActionTypeRef], description: 'What the caller may do on it now', resolve: (i) => [...i.actions] }),
  }),
});

const QueueRef = builder.objectRef<Queue>('WorkflowQueue').implement({
  description: 'The items below an area, the most overdue first',
  fields: (t) => ({
    items: t.field({ type: [QueueItemRef], resolve: (q) => [...q.items] }),
    total: t.exposeInt('total', { description: 'Items below the area the caller may read, before the filters' }),
    overdue: t.exposeInt('overdue', { description: 'Of those, items whose waiting step is late' }),
    actionable: t.exposeInt('actionable', { description: 'Of those, items the caller may act on now' }),
  }),
});

builder.queryFields((t) => ({
  workflowQueue: t.field({
    type: QueueRef,
    authScopes: { permission: 'assessments.read' },
    errors: { types: [NotFoundError, ValidationError] },
    description: 'The recognition items below an area: step, due date and days overdue, and the caller’s possible actions',
    args: {
      programId: t.arg.string({ required: true }),
      periodYear: t.arg.int({ required: true }),
      areaCode: t.arg.string({ required: true }),
      unitKinds: t.arg.stringList({ required: false }),
      overdueOnly: t.arg.boolean({ required: false, description: 'Only items whose waiting step is late' }),
      actionableOnly: t.arg.boolean({ required: false, description: 'Only items the caller may act on now' }),
    },
    resolve: async (_root, args, ctx) => {
      const auth = ctx.auth!;
      const { definition, targets } = await loadAreaItems(ctx.db, auth, 'assessments.read', { ...args, periodYear: periodYearArg(args.periodYear) });
      const items = targets
        .map((target): QueueItem => {
          const state = stateOf(definition, target.item);
          const step = definition.steps.find((s) => s.id === state.currentStepId);
          const deadlines = deadlinesOf(definition, state, target.unitKind, target.periodYear, ctx.today);
          const due = deadlines.find((d) => d.stepId === state.currentStepId);
          return {
            target,
            stepId: step?.id ?? null,
            stepTitle: step?.title.vi ?? null,
            actingBody: step?.actingBody.vi ?? null,
            dueOn: state.locked ? null : (due?.dueOn ?? null),
            overdueDays: due?.overdueDays ?? 0,
            locked: state.locked,
            returns: state.returns,
            revision: target.item?.revision ?? 1,
            actions: actionsFor(auth.grants, definition, state, target.path),
          };
        })
        .sort((a, b) => b.overdueDays - a.overdueDays || a.target.path.localeCompare(b.target.path));
      const overdue = items.filter((i) => i.overdueDays > 0);
      const actionable = items.filter((i) => i.actions.length > 0);
      const shown = items.filter((i) => (!args.overdueOnly || i.overdueDays > 0) && (!args.actionableOnly || i.actions.length > 0));
      return { items: shown, total: items.length, overdue: overdue.length, actionable: actionable.length };
    },
  }),
}));
