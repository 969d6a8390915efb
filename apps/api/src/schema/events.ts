import { refusalVi } from '@antt/criteria';
import { GraphQLError } from 'graphql';
import { filter, pipe } from 'graphql-yoga';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { untilRevoked } from '../events/until-revoked.ts';
import { isVisible, type WorkflowChange, type WorkflowChangeFilter } from '../events/workflow-change.ts';
import { forbidden, unauthenticated } from '../identity/actor.ts';
import { findArea } from '../services/reports.ts';
import { overlapsScopes } from '../services/unit-scope.ts';
import { NotFoundError } from './errors.ts';
import { WorkflowActionTypeRef } from './workflow.ts';

/*
 * What the API pushes: workflow actions as they commit, on whichever API instance, to the signed-in
 * callers who may read the unit. Served over SSE (`Accept: text/event-stream`) by yoga itself.
 */

const WorkflowChangeRef = builder.objectRef<WorkflowChange>('WorkflowChange').implement({
  description: 'A workflow action that has committed (see `actOnAssessment`)',
  fields: (t) => ({
    assessmentId: t.exposeID('assessmentId', { description: 'The assessment’s uuid; `actOnAssessment` accepts it' }),
    unitId: t.exposeID('unitId'),
    unitCode: t.exposeString('unitCode'),
    unitPath: t.exposeString('unitPath', { description: 'Codes from the root down, e.g. "31/10507/10507-KDC01"' }),
    programId: t.exposeString('programId'),
    periodYear: t.exposeInt('periodYear'),
    type: t.field({ type: WorkflowActionTypeRef, resolve: (change) => change.type }),
    fromStepId: t.exposeString('fromStepId', { nullable: true }),
    toStepId: t.exposeString('toStepId', { nullable: true, description: 'The step now waiting; null once decided' }),
    role: t.exposeString('role', { description: 'The role the caller acted in' }),
    at: t.field({ type: 'DateTime', resolve: (change) => new Date(change.at) }),
    locked: t.exposeBoolean('locked'),
    revision: t.exposeInt('revision', { description: 'The workflow revision after the action: the next `actOnAssessment` passes it' }),
    certificateSerial: t.exposeString('certificateSerial', { nullable: true, description: 'Issued by a recognising decision' }),
    revokedSerials: t.stringList({ description: 'Revoked by an unlock', resolve: (change) => [...change.revokedSerials] }),
  }),
});

/** A subscription has no result to carry a typed error in before its stream opens: the same code travels as an error. */
function notFound(entity: string, key: string): GraphQLError {
  const error = new NotFoundError(entity, key);
  return new GraphQLError(error.message, { extensions: { code: error.code, entity, key } });
}

async function workflowFilter(ctx: Context, args: { areaCode?: string | null; programId?: string | null }): Promise<WorkflowChangeFilter> {
  if (!ctx.auth) throw unauthenticated();
  const scopes = ctx.auth.scopes('assessments.read');
  if (scopes.length === 0) throw forbidden(refusalVi(ctx.auth.label, 'assessments.read'));
  let areaPath: string | undefined;
  if (args.areaCode) {
    const area = await findArea(ctx.db, args.areaCode, ctx.today);
    if (!area) throw notFound('Unit', `${args.areaCode} ngày ${ctx.today}`);
    if (!overlapsScopes(area.path, scopes)) throw forbidden(refusalVi(ctx.auth.label, 'assessments.read', `unit ${args.areaCode}`));
    areaPath = area.path;
  }
  if (args.programId && !(await ctx.db.prisma.program.findUnique({ where: { id: args.programId }, select: { id: true } }))) {
    throw notFound('Program', args.programId);
  }
  return { scopes, areaPath, programId: args.programId ?? undefined };
}

builder.subscriptionFields((t) => ({
  workflowChanged: t.field({
    type: WorkflowChangeRef,
    description:
      'Workflow actions as they commit, on any API instance, for the units where the caller may read assessments. Over SSE: POST (or GET) /graphql with `Accept: text/event-stream`. The stream ends when the caller’s session logs out or expires, or its API key is revoked.',
    args: {
      areaCode: t.arg.string({ required: false, description: 'Only units at or below this unit (valid today); unknown: NOT_FOUND, outside the caller’s scopes: FORBIDDEN' }),
      programId: t.arg.string({ required: false, description: 'Only this program’s assessments; unknown: NOT_FOUND' }),
    },
    subscribe: async (_root, args, ctx) => {
      const only = await workflowFilter(ctx, args);
      const changes = pipe(
        ctx.events.subscribe('workflowChanged'),
        filter((change: WorkflowChange) => isVisible(change, only)),
      );
      return untilRevoked(changes, ctx.events.subscribe('credentialRevoked'), ctx.auth!.credential);
    },
    resolve: (change) => change,
  }),
}));
