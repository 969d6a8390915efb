import { planBulkAction, type WorkflowRole } from '@antt/criteria';
import type { Database } from '@antt/db';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../builder.ts';
import { assertCan, missingFor, type Actor } from '../identity/actor.ts';
import { lockUnitPeriod } from '../services/assessments.ts';
import { actingRole, stateOf, workflowFor } from '../services/workflow.ts';
import { announce, loadAreaItems, loadTargets, prepareAction, storeAction, workflowIssue, type StoredAction, type WorkflowTarget } from '../services/workflow-actions.ts';
import { assessmentUuid } from './assessments.ts';
import { ConflictError, NotFoundError, ValidationError } from './errors.ts';
import { toAction, WorkflowActionInput, type ActionInput } from './workflow.ts';
import { periodYearArg } from './period-year.ts';

/*
 * "Approve all children that are ready": a dry run lists which items below an area the caller could
 * move now and why the others are skipped; the mutation then moves exactly the items of the dry run
 * (each at the revision it was planned on) in one transaction — all of them or, on any change since
 * the dry run, none.
 */

/** More than a province's villages in one decision is a mistake, not a workload. */
const MAX_BULK_ITEMS = 2000;

const BulkActionRef = builder.enumType('BulkWorkflowAction', {
  values: { COMPLETE: { value: 'complete' }, DECIDE: { value: 'decide' } } as const,
});

interface BulkItemView {
  readonly target: WorkflowTarget;
  readonly stepId: string | null;
  readonly revision: number;
  readonly reason: string | null;
  readonly certificateSerial: string | null;
}

const BulkItemRef = builder.objectRef<BulkItemView>('WorkflowBulkItem').implement({
  fields: (t) => ({
    assessmentId: t.id({ description: 'The assessment’s `id`, as `actOnAssessment` takes it', resolve: (i) => encodeGlobalID('Assessment', i.target.id) }),
    unitCode: t.string({ resolve: (i) => i.target.unitCode }),
    unitName: t.string({ resolve: (i) => i.target.unitName }),
    outcome: t.string({ resolve: (i) => i.target.outcome }),
    stepId: t.string({ nullable: true, description: 'The step the item waits at (after the action, in a result)', resolve: (i) => i.stepId }),
    revision: t.exposeInt('revision', { description: 'The workflow revision to pass back to `bulkActOnAssessments`' }),
    reason: t.string({ nullable: true, description: 'Why a skipped item cannot move (Vietnamese)', resolve: (i) => i.reason }),
    certificateSerial: t.string({ nullable: true, description: 'The certificate a recognition issued', resolve: (i) => i.certificateSerial }),
  }),
});

interface BulkPlanView {
  readonly ready: readonly BulkItemView[];
  readonly skipped: readonly BulkItemView[];
}

const BulkPlanRef = builder.objectRef<BulkPlanView>('WorkflowBulkPlan').implement({
  description: 'Dry run of a bulk action: nothing was changed',
  fields: (t) => ({
    ready: t.field({ type: [BulkItemRef], resolve: (p) => [...p.ready] }),
    skipped: t.field({ type: [BulkItemRef], resolve: (p) => [...p.skipped] }),
    summary: t.string({
      description: 'The plan in one Vietnamese sentence',
      resolve: (p) => `${p.ready.length} hồ sơ sẵn sàng, ${p.skipped.length} hồ sơ bỏ qua`,
    }),
  }),
});

const BulkResultRef = builder.objectRef<{ items: readonly BulkItemView[] }>('WorkflowBulkResult').implement({
  fields: (t) => ({
    applied: t.int({ resolve: (r) => r.items.length }),
    items: t.field({ type: [BulkItemRef], resolve: (r) => [...r.items] }),
  }),
});

function view(target: WorkflowTarget, reason: string | null = null): BulkItemView {
  const definition = workflowFor(target.programId);
  const state = definition ? stateOf(definition, target.item) : undefined;
  return { target, stepId: state?.currentStepId ?? null, revision: target.item?.revision ?? 1, reason, certificateSerial: null };
}

async function planFor(db: Database, auth: Actor, args: { programId: string; periodYear: number; areaCode: string; action: 'complete' | 'decide'; recognised?: boolean | null; unitKinds?: readonly string[] | null }) {
  const { definition, targets } = await loadAreaItems(db, auth, 'workflow.act', args);
  // The caller acts in whichever of their roles the item's current step admits; plan per role.
  const byRole = new Map<WorkflowRole, WorkflowTarget[]>();
  const skipped: BulkItemView[] = [];
  for (const target of targets) {
    const state = stateOf(definition, target.item);
    const role = actingRole(auth.grants, definition, state, args.action, target.path);
    if (role) byRole.set(role, byRole.get(role) ?? []).get(role)!.push(target);
    else {
      const step = definition.steps.find((s) => s.id === state.currentStepId);
      skipped.push(view(target, state.locked ? 'đã quyết định' : step ? `đang ở bước “${step.title.vi}” của ${step.actingBody.vi}` : 'không có bước chờ'));
    }
  }
  const ready: BulkItemView[] = [];
  for (const [role, group] of byRole) {
    const items = group.map((target) => ({ id: target, state: stateOf(definition, target.item), outcome: target.outcome }));
    const plan = planBulkAction(definition, items, role, args.action, { recognised: args.recognised ?? true });
    ready.push(...plan.ready.map((target) => view(target)));
    skipped.push(...plan.skipped.map(({ id, reason }) => view(id, reason)));
  }
  const order = (a: BulkItemView, b: BulkItemView) => a.target.path.localeCompare(b.target.path);
  return { ready: ready.sort(order), skipped: skipped.sort(order) };
}

builder.queryFields((t) => ({
  workflowBulkPlan: t.field({
    type: BulkPlanRef,
    authScopes: { permission: 'workflow.act' },
    errors: { types: [NotFoundError, ValidationError] },
    description: 'Dry run of "approve all that are ready" below an area: the items the caller could move now, and why the others would be skipped',
    args: {
      programId: t.arg.string({ required: true }),
      periodYear: t.arg.int({ required: true }),
      areaCode: t.arg.string({ required: true, description: 'The items of the units below this one (a commune’s residential areas, say)' }),
      action: t.arg({ type: BulkActionRef, required: true }),
      recognised: t.arg.boolean({ required: false, description: 'DECIDE: recognise (default) or decline; a recognition skips outcomes not met' }),
      unitKinds: t.arg.stringList({ required: false }),
    },
    resolve: (_root, args, ctx) => planFor(ctx.db, ctx.auth!, { ...args, periodYear: periodYearArg(args.periodYear) }),
  }),
}));

const BulkItemInput = builder.inputType('WorkflowBulkItemInput', {
  fields: (t) => ({
    assessmentId: t.id({ required: true }),
    revision: t.int({ required: true, description: 'The revision the dry run showed' }),
  }),
});

builder.mutationFields((t) => ({
  bulkActOnAssessments: t.field({
    type: BulkResultRef,
    authScopes: { permission: 'workflow.act' },
    errors: { types: [NotFoundError, ValidationError, ConflictError] },
    description:
      'Completes a step, or decides, for every item of a dry run at once (one decision number for all). All or nothing: an item that moved since the dry run is a CONFLICT, one that is no longer ready a VALIDATION error, and nothing is changed.',
    args: {
      items: t.arg({ type: [BulkItemInput], required: true }),
      action: t.arg({ type: WorkflowActionInput, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const auth = ctx.auth!;
      const input = args.action as unknown as ActionInput;
      if (input.type !== 'complete' && input.type !== 'decide') throw workflowIssue('wrongStep', 'only COMPLETE and DECIDE can be taken in bulk');
      if (args.items.length === 0) throw workflowIssue('invalidShape', 'no items', 'items');
      if (args.items.length > MAX_BULK_ITEMS) throw workflowIssue('invalidShape', `at most ${MAX_BULK_ITEMS} items at once`, 'items');
      const action = toAction(input);
      const ids = args.items.map((item) => assessmentUuid(String(item.assessmentId)));
      const unknown = args.items.find((_item, index) => !ids[index]);
      if (unknown) throw missingFor(auth, 'workflow.act', new NotFoundError('Assessment', String(unknown.assessmentId)));
      if (new Set(ids).size !== ids.length) throw workflowIssue('invalidShape', 'an item is listed twice', 'items');
      const targets = new Map((await loadTargets(ctx.db, { ids: ids as string[] })).map((target) => [target.id, target]));
      const prepared = args.items.map((item, index) => {
        const target = targets.get(ids[index]!);
        if (!target) throw missingFor(auth, 'workflow.act', new NotFoundError('Assessment', String(item.assessmentId)));
        assertCan(auth, 'workflow.act', target.path, `kết quả đánh giá ${target.id}`);
        return prepareAction(auth, ctx.today, target, action, item.revision, `items[${index}]`);
      });
      // Decisions lock each unit's evaluation (see storeAction); taking all those locks first, in one
      // order, keeps two bulk decisions and a certificate serial from waiting on each other in a cycle.
      const lockOrder = [...prepared].sort((a, b) => a.target.unitId.localeCompare(b.target.unitId));
      // One decision for a whole commune's list can take a while on PGlite: the transaction is given time.
      const stored: StoredAction[] = await ctx.db.prisma.$transaction(
        async (tx) => {
          if (action.type === 'decide') for (const one of lockOrder) await lockUnitPeriod(tx, one.target.unitId, one.target.periodYear);
          const done: StoredAction[] = [];
          for (const [index, one] of prepared.entries()) done.push(await storeAction(tx, one, `items[${index}]`));
          return done;
        },
        { timeout: 120_000, maxWait: 30_000 },
      );
      for (const one of stored) await announce(ctx, one, { bulk: true });
      return {
        items: stored.map(({ prepared: p, serial }) => ({
          target: p.target,
          stepId: p.state.currentStepId ?? null,
          revision: p.revision + 1,
          reason: null,
          certificateSerial: serial,
        })),
      };
    },
  }),
}));
