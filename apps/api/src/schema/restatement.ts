import { refusalVi } from '@antt/criteria';
import type { RestatementRule } from '@antt/criteria';
import { builder } from '../builder.ts';
import { forbidden } from '../identity/actor.ts';
import { findArea } from '../services/reports.ts';
import {
  restatementPeriodEnd,
  restateResults,
  type RestatedCommune,
  type RestatedPredecessor,
  type Restatement,
  type RestatementTotals,
} from '../services/restatement.ts';
import { overlapsScopes, scopeParam } from '../services/unit-scope.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { UnitRef } from './units.ts';
import { periodYearArg } from './period-year.ts';

const RestatementRuleRef = builder.enumType('RestatementRule', {
  description: 'How the results of the units a commune was formed from combine into one result for it',
  values: {
    ALL: { value: 'all', description: 'Met only if every predecessor with a result met' },
    ANY: { value: 'any', description: 'Met if at least one predecessor met' },
    MAJORITY: { value: 'majority', description: 'Met if more than half of the predecessors with a result met (a tie is not met)' },
  } as const,
});

const RestatedPredecessorRef = builder.objectRef<RestatedPredecessor>('RestatedPredecessor').implement({
  description: 'A unit a commune was formed from, with its own stored result for the period',
  fields: (t) => ({
    code: t.string({ resolve: (p) => p.unit.code }),
    unit: t.field({ type: UnitRef, description: 'As it was at the end of the period', resolve: (p) => p.unit }),
    outcome: t.string({ nullable: true, description: 'Its stored outcome; null when it was never assessed', resolve: (p) => p.outcome }),
    event: t.string({ nullable: true, description: 'merge | split | rename | …; null when the commune stands for itself (unchanged since)', resolve: (p) => p.event }),
    share: t.string({ description: 'full | partial (only part of it went into the commune)', resolve: (p) => p.share }),
  }),
});

const RestatedCommuneRef = builder.objectRef<RestatedCommune>('RestatedCommune').implement({
  description: 'One of today’s communes with the old results of the units it was formed from, combined by the rule',
  fields: (t) => ({
    code: t.string({ resolve: (c) => c.unit.code }),
    unit: t.field({ type: UnitRef, description: 'As it is on `asOf`', resolve: (c) => c.unit }),
    outcome: t.string({ description: 'The restated outcome: met | notMet | notAssessed (no predecessor has a result)', resolve: (c) => c.restated.status }),
    predecessorsMet: t.int({ resolve: (c) => c.restated.met }),
    predecessorsNotMet: t.int({ resolve: (c) => c.restated.notMet }),
    predecessorsWithoutResult: t.int({ resolve: (c) => c.restated.withoutResult }),
    predecessors: t.field({ type: [RestatedPredecessorRef], resolve: (c) => [...c.predecessors] }),
  }),
});

const RestatementTotalsRef = builder.objectRef<RestatementTotals>('RestatementTotals').implement({
  fields: (t) => ({
    communes: t.exposeInt('communes'),
    met: t.exposeInt('met'),
    notMet: t.exposeInt('notMet'),
    notAssessed: t.exposeInt('notAssessed'),
    sharePercent: t.float({ nullable: true, resolve: (r) => r.sharePercent ?? null }),
    predecessors: t.exposeInt('predecessors', { description: 'Distinct predecessor units; one split among several communes counts once' }),
    predecessorsMet: t.exposeInt('predecessorsMet'),
    predecessorsNotMet: t.exposeInt('predecessorsNotMet'),
    predecessorsWithoutResult: t.exposeInt('predecessorsWithoutResult'),
  }),
});

const RestatedResultsRef = builder.objectRef<Restatement>('RestatedResults').implement({
  description: 'Results of an old period shown on the communes of `asOf`, through the lineage of the units',
  fields: (t) => ({
    programId: t.string({ resolve: (r) => r.scope.programId }),
    periodYear: t.int({ resolve: (r) => r.scope.periodYear }),
    areaCode: t.string({ nullable: true, resolve: (r) => r.scope.areaCode }),
    asOf: t.field({ type: 'Date', resolve: (r) => r.scope.asOf }),
    periodEndsOn: t.field({ type: 'Date', description: 'Changes after this day lead from the assessed units to today’s', resolve: (r) => r.periodEndsOn }),
    rule: t.field({ type: RestatementRuleRef, resolve: (r) => r.scope.rule }),
    communes: t.field({ type: [RestatedCommuneRef], description: 'In tree order', resolve: (r) => [...r.communes] }),
    totals: t.field({ type: RestatementTotalsRef, resolve: (r) => r.totals }),
  }),
});

builder.queryFields((t) => ({
  restatedResults: t.field({
    type: RestatedResultsRef,
    errors: { types: [NotFoundError, ValidationError] },
    description:
      'Restates a period’s results onto the communes valid on `asOf`: for each, the units it was formed from (lineage links taking effect after the period) with their stored outcome, combined by `rule`. Stored results never change.',
    args: {
      programId: t.arg.string({ required: true }),
      periodYear: t.arg.int({ required: true }),
      areaCode: t.arg.string({ required: false, description: 'Province or commune code valid on `asOf`; the nation when omitted' }),
      asOf: t.arg({ type: 'Date', required: false, description: 'Defaults to today' }),
      rule: t.arg({ type: RestatementRuleRef, required: false, defaultValue: 'all' }),
    },
    resolve: async (_root, args, ctx) => {
      periodYearArg(args.periodYear);
      const readable = ctx.auth?.scopes('reports.read') ?? [];
      if (readable.length === 0) throw forbidden(refusalVi(ctx.auth?.label ?? 'anonymous', 'reports.read'));
      const program = await ctx.db.prisma.program.findUnique({ where: { id: args.programId } });
      if (!program) throw new NotFoundError('Program', args.programId);
      const asOf = args.asOf ?? ctx.today;
      if (args.areaCode) {
        const area = await findArea(ctx.db, args.areaCode, asOf);
        if (!area) throw new NotFoundError('Unit', `${args.areaCode} ngày ${asOf}`);
        if (!overlapsScopes(area.path, readable)) throw forbidden(refusalVi(ctx.auth!.label, 'reports.read', `unit ${args.areaCode}`));
      }
      if (!restatementPeriodEnd(args.periodYear)) throw new ValidationError(`Không có kỳ đánh giá ${args.periodYear}`);
      return restateResults(ctx.db, {
        programId: args.programId,
        periodYear: args.periodYear,
        areaCode: args.areaCode ?? null,
        asOf,
        rule: (args.rule ?? 'all') as RestatementRule,
        visible: scopeParam(readable),
      });
    },
  }),
}));
