import { formatPercentVi, type OutcomeCounts } from '@antt/criteria';
import type { Prisma } from '@antt/db';
import { builder } from '../builder.ts';
import { areaExists, breakdown, buildReport, COMMUNE_LEVEL_KINDS, criterionFailures, reportDate, type CriterionFailure, type Report, type ReportScope } from '../services/reports.ts';
import { unitWhere } from '../services/unit-scope.ts';
import { NotFoundError } from './errors.ts';

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

const FailureRef = builder.objectRef<CriterionFailure>('CriterionFailure').implement({
  fields: (t) => ({
    criterionId: t.exposeString('criterionId'),
    code: t.exposeString('code'),
    title: t.exposeString('title'),
    count: t.exposeInt('count', { description: 'Units in scope that did not meet it' }),
  }),
});

function drillWhere(scope: ReportScope, onDate: string, outcome: string | null | undefined): Prisma.UnitVersionWhereInput {
  const base = unitWhere({ kinds: [...scope.unitKinds], ...(scope.areaCode && { withinCode: scope.areaCode }) }, onDate);
  if (!outcome) return base;
  const sameAssessment = { programId: scope.programId, periodYear: scope.periodYear };
  const byOutcome: Prisma.UnitVersionWhereInput =
    outcome === 'notAssessed'
      ? { OR: [{ unit: { assessments: { none: sameAssessment } } }, { unit: { assessments: { some: { ...sameAssessment, outcome: 'notAssessed' } } } }] }
      : { unit: { assessments: { some: { ...sameAssessment, outcome } } } };
  return { AND: [base, byOutcome] };
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
    criterionFailures: t.field({
      type: [FailureRef],
      description: 'How many units failed each criterion, most failed first',
      resolve: (r, _args, ctx) => criterionFailures(ctx.db, r.scope),
    }),
    breakdown: t.field({
      type: [ReportRef],
      description: 'The same report for each area one level down',
      resolve: async (r, _args, ctx) => {
        const rows = await breakdown(ctx.db, r.scope);
        return Promise.all(rows.map((row) => buildReport(ctx.db, { ...r.scope, areaCode: row.areaCode })));
      },
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

builder.queryFields((t) => ({
  report: t.field({
    type: ReportRef,
    errors: { types: [NotFoundError] },
    description: 'Units assessed / met / not met / not assessed, share met against the target, change against last period',
    args: {
      programId: t.arg.string({ required: true }),
      periodYear: t.arg.int({ required: true }),
      areaCode: t.arg.string({ required: false, description: 'Province or commune code; the nation when omitted' }),
      unitKinds: t.arg.stringList({ required: false, description: 'Default: commune-level units' }),
    },
    resolve: async (_root, args, ctx) => {
      const program = await ctx.db.prisma.program.findUnique({ where: { id: args.programId } });
      if (!program) throw new NotFoundError('Program', args.programId);
      const scope: ReportScope = {
        programId: args.programId,
        periodYear: args.periodYear,
        areaCode: args.areaCode ?? null,
        unitKinds: args.unitKinds && args.unitKinds.length > 0 ? args.unitKinds : [...COMMUNE_LEVEL_KINDS],
      };
      if (scope.areaCode && !(await areaExists(ctx.db, scope.areaCode, reportDate(scope)))) {
        throw new NotFoundError('Unit', `${scope.areaCode} on ${reportDate(scope)}`);
      }
      return buildReport(ctx.db, scope);
    },
  }),
}));

