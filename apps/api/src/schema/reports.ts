import { formatPercentVi, refusalVi, type OutcomeCounts } from '@antt/criteria';
import { Prisma } from '@antt/db';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { forbidden } from '../identity/actor.ts';
import {
  breakdown,
  buildReport,
  COMMUNE_LEVEL_KINDS,
  coverage,
  criterionFailures,
  findArea,
  reportDate,
  workflowCounts,
  type Coverage,
  type CriterionFailure,
  type Report,
  type ReportScope,
  type SetCoverage,
  type WorkflowCounts,
} from '../services/reports.ts';
import { overlapsScopes, scopeParam, scopeWhere, unitWhere } from '../services/unit-scope.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { periodYearArg } from './period-year.ts';

const CountsRef = builder.objectRef<OutcomeCounts>('OutcomeCounts').implement({
  fields: (t) => ({
    units: t.exposeInt('units', { description: 'Units in scope, assessed or not' }),
    met: t.exposeInt('met'),
    notMet: t.exposeInt('notMet'),
    notAssessed: t.exposeInt('notAssessed', { description: 'In scope without a final outcome (or without any assessment)' }),
    notApplicable: t.exposeInt('notApplicable'),
  }),
});

const TargetCheckRef = builder
  .objectRef<{ title: string; thresholdPercent: number; reached: boolean; missing: number }>('TargetCheck')
  .implement({
    fields: (t) => ({
      title: t.exposeString('title'),
      thresholdPercent: t.exposeFloat('thresholdPercent'),
      reached: t.exposeBoolean('reached'),
      missing: t.exposeInt('missing', { description: 'Units that must still meet the program to reach the target' }),
    }),
  });

const WorkflowCountsRef = builder.objectRef<WorkflowCounts>('WorkflowCounts').implement({
  description: 'Decided periods count with the outcome their decision froze',
  fields: (t) => ({
    returns: t.exposeInt('returns', { description: 'Times items were returned for correction' }),
    decided: t.exposeInt('decided', { description: 'Items whose decision was made and locked' }),
    recognised: t.exposeInt('recognised', { description: 'Decided items that were recognised' }),
  }),
});

const FailureRef = builder.objectRef<CriterionFailure>('CriterionFailure').implement({
  fields: (t) => ({
    criterionId: t.exposeString('criterionId'),
    code: t.exposeString('code'),
    title: t.exposeString('title'),
    count: t.exposeInt('count', { description: 'Units in scope that did not meet it' }),
  }),
});

function drillWhere(scope: ReportScope, onDate: string, outcome: string | null | undefined): Prisma.UnitVersionWhereInput {
  // The area itself (a commune, in a report on communes) and everything below it, as the figures count.
  const area: Prisma.UnitVersionWhereInput[] = scope.areaCode
    ? [{ OR: [{ code: scope.areaCode }, { path: { startsWith: `${scope.areaCode}/` } }, { path: { contains: `/${scope.areaCode}/` } }] }]
    : [];
  const visible: Prisma.UnitVersionWhereInput = scope.visible ? scopeWhere(scope.visible) : {};
  const base: Prisma.UnitVersionWhereInput = { AND: [unitWhere({ kinds: [...scope.unitKinds] }, onDate), ...area, visible] };
  if (!outcome) return base;
  const sameAssessment = { programId: scope.programId, periodYear: scope.periodYear };
  const counted = { AND: [sameAssessment, countedAs(outcome)] };
  const byOutcome: Prisma.UnitVersionWhereInput =
    outcome === 'notAssessed'
      ? { OR: [{ unit: { assessments: { none: sameAssessment } } }, { unit: { assessments: { some: counted } } }] }
      : { unit: { assessments: { some: counted } } };
  return { AND: [base, byOutcome] };
}

/** An assessment counted with `outcome`, as the figures count it: a decided one by the outcome its decision froze. */
function countedAs(outcome: string): Prisma.AssessmentWhereInput {
  const frozen = { locked: true, NOT: { snapshot: { equals: Prisma.DbNull } } };
  return {
    OR: [
      { outcome, NOT: { workflowItem: { is: frozen } } },
      { workflowItem: { is: { ...frozen, snapshot: { path: ['status'], equals: outcome } } } },
    ],
  };
}

function summaryVi(report: Report): string {
  const base = report.units - report.notApplicable;
  const share = report.sharePercent === undefined ? '—' : formatPercentVi(report.sharePercent);
  let text = `${report.met}/${base} đơn vị đạt (${share})`;
  if (report.target) {
    text += report.target.reached
      ? `; đạt mục tiêu ≥ ${formatPercentVi(report.target.thresholdPercent)}`
      : `; chưa đạt mục tiêu ≥ ${formatPercentVi(report.target.thresholdPercent)}, cần thêm ${report.target.missing}`;
  }
  if (report.metChange !== undefined) text += `; ${report.metChange >= 0 ? 'tăng' : 'giảm'} ${Math.abs(report.metChange)} so với kỳ trước`;
  if (report.notAssessed > 0) text += `; ${report.notAssessed} chưa có kết quả`;
  return text;
}

const ReportRef = builder.objectRef<Report>('Report');

ReportRef.implement({
  description: 'A roll-up for one program, period and area; every figure drills down to its units',
  fields: (t) => ({
    programId: t.string({ resolve: (r) => r.scope.programId }),
    periodYear: t.int({ resolve: (r) => r.scope.periodYear }),
    areaCode: t.string({ nullable: true, resolve: (r) => r.scope.areaCode }),
    unitKinds: t.stringList({ resolve: (r) => [...r.scope.unitKinds] }),
    onDate: t.field({ type: 'Date', description: 'Units are counted as they were on this day', resolve: (r) => r.onDate }),
    units: t.exposeInt('units'),
    met: t.exposeInt('met'),
    notMet: t.exposeInt('notMet'),
    notAssessed: t.exposeInt('notAssessed'),
    notApplicable: t.exposeInt('notApplicable'),
    assessed: t.exposeInt('assessed'),
    sharePercent: t.float({ nullable: true, resolve: (r) => r.sharePercent ?? null }),
    target: t.field({
      type: TargetCheckRef,
      nullable: true,
      resolve: (r) => (r.target && r.targetRow ? { ...r.target, title: r.targetRow.title } : null),
    }),
    previous: t.field({ type: CountsRef, nullable: true, resolve: (r) => r.previous ?? null }),
    metChange: t.int({ nullable: true, resolve: (r) => r.metChange ?? null }),
    shareChangePoints: t.float({ nullable: true, resolve: (r) => r.shareChangePoints ?? null }),
    summary: t.string({ description: 'The figures in one Vietnamese sentence', resolve: summaryVi }),
    returns: t.int({
      description: 'Times items in scope were returned for correction in the recognition workflow',
      resolve: async (r, _args, ctx) => (await workflowCounts(ctx.db, r.scope)).returns,
    }),
    workflow: t.field({
      type: WorkflowCountsRef,
      description: 'Where the units in scope stand in the recognition workflow',
      resolve: (r, _args, ctx) => workflowCounts(ctx.db, r.scope),
    }),
    criterionFailures: t.field({
      type: [FailureRef],
      description: 'How many units failed each criterion, most failed first',
      resolve: (r, _args, ctx) => criterionFailures(ctx.db, r.scope),
    }),
    breakdown: t.field({
      type: [ReportRef],
      description: 'The same report for each area one level down',
      resolve: (r, _args, ctx) => breakdown(ctx.db, r.scope),
    }),
    drillDown: t.prismaConnection(
      {
        type: 'UnitVersion',
        cursor: 'id',
        args: { outcome: t.arg.string({ required: false, description: 'met | notMet | notAssessed | notApplicable' }) },
        resolve: (query, r, args, ctx) =>
          ctx.db.prisma.unitVersion.findMany({ ...query, where: drillWhere(r.scope, r.onDate, args.outcome), orderBy: [{ path: 'asc' }, { id: 'asc' }] }),
        totalCount: (r, args, ctx) => ctx.db.prisma.unitVersion.count({ where: drillWhere(r.scope, r.onDate, args.outcome) }),
      },
      { description: 'The units behind a figure; each unit’s assessment lists its failing criteria' },
    ),
  }),
});

const SetCoverageRef = builder.objectRef<SetCoverage>('SetCoverage').implement({
  description: 'One criteria-set version and how many units in scope it governs',
  fields: (t) => ({
    setId: t.string({ resolve: (c) => c.set.ref.setId }),
    version: t.int({ resolve: (c) => c.set.ref.version }),
    title: t.string({ resolve: (c) => c.set.title.vi }),
    status: t.string({ resolve: (c) => c.set.status }),
    units: t.exposeInt('units'),
  }),
});

const KindCountRef = builder.objectRef<{ kind: string; units: number }>('KindCount').implement({
  fields: (t) => ({ kind: t.exposeString('kind'), units: t.exposeInt('units') }),
});

const CoverageRef = builder.objectRef<Coverage>('Coverage').implement({
  description: 'Which units in scope a published or retired criteria set of the program governs, and which none does',
  fields: (t) => ({
    programId: t.string({ resolve: (c) => c.scope.programId }),
    periodYear: t.int({ resolve: (c) => c.scope.periodYear }),
    areaCode: t.string({ nullable: true, resolve: (c) => c.scope.areaCode }),
    unitKinds: t.stringList({ resolve: (c) => [...c.scope.unitKinds] }),
    onDate: t.field({ type: 'Date', description: 'Units are counted as they were on this day', resolve: (c) => c.onDate }),
    units: t.exposeInt('units', { description: 'Units in scope' }),
    covered: t.exposeInt('covered'),
    uncoveredCount: t.int({ description: 'Units no set applies to: they cannot be assessed in this program', resolve: (c) => c.uncoveredIds.length }),
    bySet: t.field({ type: [SetCoverageRef], resolve: (c) => [...c.bySet] }),
    uncoveredByKind: t.field({ type: [KindCountRef], resolve: (c) => [...c.uncoveredByKind] }),
    uncovered: t.prismaConnection(
      {
        type: 'UnitVersion',
        cursor: 'id',
        resolve: (query, c, _args, ctx) =>
          ctx.db.prisma.unitVersion.findMany({ ...query, where: { id: { in: [...c.uncoveredIds] } }, orderBy: [{ path: 'asc' }, { id: 'asc' }] }),
        totalCount: (c) => c.uncoveredIds.length,
      },
      { description: 'The units no set applies to, in tree order' },
    ),
  }),
});

/**
 * Commune-level kinds the program's sets apply to: 19.2 counts communes (xã) only, TT124 every
 * commune-level unit. Falls back to all commune-level kinds when no set says.
 */
async function defaultKinds(ctx: Context, programId: string): Promise<string[]> {
  // Every stored definition states its own `appliesTo`, extensions included: no resolution needed.
  const rows = await ctx.db.query<{ kind: string }>(
    `SELECT DISTINCT jsonb_array_elements_text(v.definition->'appliesTo'->'unitKinds') AS kind
       FROM "CriteriaSetVersion" v JOIN "CriteriaSet" s ON s.id = v."setId"
      WHERE s."programId" = $1 AND v.status IN ('published', 'retired')`,
    [programId],
  );
  const applied = new Set(rows.map((row) => row.kind));
  const kinds = COMMUNE_LEVEL_KINDS.filter((kind) => applied.has(kind));
  return kinds.length > 0 ? kinds : [...COMMUNE_LEVEL_KINDS];
}

/**
 * The scope of a report or a coverage query, narrowed to the units the caller may see; throws
 * NotFoundError for an unknown program or area, FORBIDDEN for an area wholly outside what they may see.
 */
async function scopeOf(
  args: { programId: string; periodYear: number; areaCode?: string | null; unitKinds?: readonly string[] | null },
  ctx: Context,
  /** Reports count what the program governs; coverage looks at every commune-level unit. */
  defaults: 'program' | 'communeLevel',
): Promise<ReportScope> {
  const periodYear = periodYearArg(args.periodYear);
  const readable = ctx.auth?.scopes('reports.read') ?? [];
  if (readable.length === 0) throw forbidden(refusalVi(ctx.auth?.label ?? 'anonymous', 'reports.read'));
  const program = await ctx.db.prisma.program.findUnique({ where: { id: args.programId } });
  if (!program) throw new NotFoundError('Program', args.programId);
  const scope: ReportScope = {
    programId: args.programId,
    periodYear,
    areaCode: args.areaCode ?? null,
    unitKinds:
      args.unitKinds && args.unitKinds.length > 0
        ? args.unitKinds
        : defaults === 'program'
          ? await defaultKinds(ctx, args.programId)
          : [...COMMUNE_LEVEL_KINDS],
    visible: scopeParam(readable),
  };
  if (scope.areaCode) {
    const area = await findArea(ctx.db, scope.areaCode, reportDate(scope));
    if (!area) throw new NotFoundError('Unit', `${scope.areaCode} ngày ${reportDate(scope)}`);
    // An area holding the caller's subtree is fine (counted over that subtree); one beside it is not.
    if (!overlapsScopes(area.path, readable)) throw forbidden(refusalVi(ctx.auth!.label, 'reports.read', `unit ${scope.areaCode}`));
  }
  return scope;
}

builder.queryFields((t) => ({
  report: t.field({
    type: ReportRef,
    errors: { types: [NotFoundError, ValidationError] },
    description: 'Units assessed / met / not met / not assessed, share met against the target, change against last period',
    args: {
      programId: t.arg.string({ required: true }),
      periodYear: t.arg.int({ required: true }),
      areaCode: t.arg.string({ required: false, description: 'Province or commune code; the nation when omitted' }),
      unitKinds: t.arg.stringList({ required: false, description: 'Default: the commune-level kinds the program’s sets apply to' }),
    },
    resolve: async (_root, args, ctx) => buildReport(ctx.db, await scopeOf(args, ctx, 'program')),
  }),
  coverage: t.field({
    type: CoverageRef,
    errors: { types: [NotFoundError, ValidationError] },
    description: 'The units in scope that no published or retired criteria set of the program applies to (e.g. wards for 19.2), with the sets that govern the rest',
    args: {
      programId: t.arg.string({ required: true }),
      periodYear: t.arg.int({ required: true }),
      areaCode: t.arg.string({ required: false, description: 'Province or commune code; the nation when omitted' }),
      unitKinds: t.arg.stringList({ required: false, description: 'Default: the commune-level kinds the program’s sets apply to' }),
    },
    resolve: async (_root, args, ctx) => coverage(ctx.db, await scopeOf(args, ctx, 'communeLevel')),
  }),
}));
