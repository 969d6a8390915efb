import { lockedMessage, periodFor, refusalVi, tt124PeriodScheme, type CriterionResult as EvaluatedCriterion, type Evaluation, type EvaluationSummary, type Hint } from '@antt/criteria';
import { Prisma } from '@antt/db';
import { queryFromInfo } from '@pothos/plugin-prisma';
import { decodeGlobalID } from '@pothos/plugin-relay';
import type { GraphQLResolveInfo } from 'graphql';
import { batched, fieldBatchName, groupBy, loadedByResolver } from '../batch.ts';
import { builder } from '../builder.ts';
import { isoDay, type Context } from '../context.ts';
import { auditChange } from '../identity/audit.ts';
import { assertCan, forbidden, missingFor } from '../identity/actor.ts';
import { checkResults, chooseSet, isUniqueViolation, reevaluate, unitPathAt, type ResultInput } from '../services/assessments.ts';
import { resolveStored } from '../services/criteria-store.ts';
import { isWithinScopes } from '../services/unit-scope.ts';
import { workflowFor } from '../services/workflow.ts';
import { ConflictError, ImmutableError, NotFoundError, ValidationError } from './errors.ts';
import { UnitRef } from './units.ts';
import { periodYearArg, periodYearFilter } from './period-year.ts';

/** A uuid as the database stores ids; anything else is never looked up (Prisma would refuse it). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The uuid behind an assessment id as clients hold it: the `id` the API returned (a global id), or
 * the bare uuid. Anything else names no assessment (and would make the database reject the query).
 */
export function assessmentUuid(id: string): string | undefined {
  if (UUID.test(id)) return id;
  try {
    const decoded = decodeGlobalID(id);
    return decoded.typename === 'Assessment' && UUID.test(decoded.id) ? decoded.id : undefined;
  } catch {
    return undefined;
  }
}

const HintRef = builder.objectRef<Hint>('Hint').implement({
  description: 'Something that would move a criterion, and so the outcome, towards met',
  fields: (t) => ({
    criterionId: t.exposeString('criterionId'),
    code: t.exposeString('code'),
    text: t.exposeString('text'),
    needed: t.exposeFloat('needed', { nullable: true }),
  }),
});

const CriterionEvaluationRef = builder.objectRef<EvaluatedCriterion>('CriterionEvaluation').implement({
  description: 'One criterion of an explained outcome: status, value, bar and a reason in Vietnamese',
  fields: (t) => ({
    id: t.exposeString('id'),
    code: t.exposeString('code'),
    title: t.string({ resolve: (c) => c.title.vi }),
    kind: t.exposeString('kind'),
    parentId: t.exposeString('parentId', { nullable: true }),
    depth: t.exposeInt('depth'),
    status: t.exposeString('status', { description: 'met | notMet | notAssessed | notApplicable' }),
    required: t.exposeBoolean('required'),
    critical: t.exposeBoolean('critical'),
    unverified: t.exposeBoolean('unverified'),
    measureType: t.exposeString('measureType'),
    value: t.expose('value', { type: 'JSON', nullable: true }),
    expected: t.exposeString('expected'),
    reason: t.exposeString('reason'),
    detail: t.expose('detail', { type: 'JSON', nullable: true }),
    invalidInput: t.exposeBoolean('invalidInput'),
    hints: t.field({ type: [HintRef], resolve: (c) => [...c.hints] }),
  }),
});

/** The stored summary of an assessment's explanation (see `EvaluationSummary`). */
const summaryOf = (assessment: { explanationSummary: unknown }) => assessment.explanationSummary as unknown as EvaluationSummary;

/**
 * The stored explanation, as a variant of the assessment row: every field but `criteria` reads the
 * stored summary (a few hundred bytes), and only `criteria` loads the whole explanation (kilobytes),
 * so a drill-down over many units never reads the full explanations.
 */
export const EvaluationRef = builder.prismaObject('Assessment', {
  variant: 'Evaluation',
  description: 'The engine’s explained outcome, as stored when it was computed',
  select: { explanationSummary: true },
  fields: (t) => ({
    status: t.string({ resolve: (a) => summaryOf(a).status }),
    reason: t.string({ resolve: (a) => summaryOf(a).reason }),
    summary: t.string({ resolve: (a) => summaryOf(a).summary }),
    grade: t.string({ nullable: true, resolve: (a) => summaryOf(a).grade?.grade ?? null }),
    gradeTitle: t.string({ nullable: true, resolve: (a) => summaryOf(a).grade?.title.vi ?? null }),
    detail: t.field({ type: 'JSON', nullable: true, resolve: (a) => summaryOf(a).detail ?? null }),
    criteria: t.field({
      type: [CriterionEvaluationRef],
      select: { explanation: true },
      resolve: (a) => [...(a.explanation as unknown as Evaluation).criteria],
    }),
    failingCriteria: t.field({
      type: [CriterionEvaluationRef],
      description: 'Criteria not met, for drill-down from a report',
      resolve: (a) => [...summaryOf(a).failingCriteria],
    }),
    whatWouldChange: t.field({ type: [HintRef], resolve: (a) => [...summaryOf(a).whatWouldChange] }),
    missingInputs: t.stringList({ resolve: (a) => [...summaryOf(a).missingInputs] }),
    invalidInputs: t.stringList({ resolve: (a) => [...summaryOf(a).invalidInputs] }),
  }),
});

const AttachmentRef = builder.prismaObject('Attachment', {
  fields: (t) => ({
    documentRef: t.exposeString('documentRef'),
    fileName: t.exposeString('fileName', { nullable: true }),
    documentKind: t.exposeString('documentKind', { nullable: true }),
    contentHash: t.exposeString('contentHash'),
  }),
});

const RecordedResultRef = builder.prismaObject('CriterionResult', {
  name: 'RecordedResult',
  description: 'What the assessor entered for one criterion',
  fields: (t) => ({
    criterionId: t.exposeString('criterionId'),
    value: t.expose('value', { type: 'JSON', nullable: true }),
    previousValue: t.exposeFloat('previousValue', { nullable: true }),
    note: t.exposeString('note', { nullable: true }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime' }),
    attachments: t.relation('attachments'),
  }),
});
void AttachmentRef;
void RecordedResultRef;

export const AssessmentRef = builder.prismaNode('Assessment', {
  id: { field: 'id' },
  // Load only the columns a query asks for: the stored explanation is kilobytes per row.
  select: { id: true },
  description: 'One unit assessed in one program for one period (named by the year it ends in)',
  fields: (t) => ({
    programId: t.exposeString('programId'),
    periodYear: t.exposeInt('periodYear'),
    periodStartsOn: t.expose('periodStartsOn', { type: 'Date' }),
    periodEndsOn: t.expose('periodEndsOn', { type: 'Date' }),
    outcome: t.exposeString('outcome', { description: 'met | notMet | notAssessed | notApplicable' }),
    grade: t.exposeString('grade', { nullable: true }),
    revision: t.exposeInt('revision'),
    evaluatedAt: t.expose('evaluatedAt', { type: 'DateTime', nullable: true }),
    baselineId: t.exposeString('baselineId', { nullable: true }),
    // The variant's own selection (the summary) is loaded with this row: null exactly when the explanation is.
    explanation: t.variant(EvaluationRef, { isNull: (a) => summaryOf(a as unknown as { explanationSummary: unknown }) === null }),
    program: t.relation('program'),
    setVersion: t.relation('setVersion'),
    results: t.relation('results', { query: { orderBy: { criterionId: 'asc' } } }),
    unit: t.field({
      type: UnitRef,
      description: 'The unit as it was at the end of the period',
      select: (_args, _ctx, nested) => ({ unit: { select: { versions: nested(true) } }, periodEndsOn: true }),
      resolve: (a) => {
        const { unit, periodEndsOn } = a as unknown as { unit: { versions: Array<{ validFrom: Date; validTo: Date | null }> }; periodEndsOn: Date };
        const found = unit.versions.find((v) => v.validFrom <= periodEndsOn && (v.validTo === null || v.validTo >= periodEndsOn)) ?? unit.versions.at(-1)!;
        return found as never;
      },
    }),
  }),
});

/** What `ownAssessments` reads of a version. */
const VERSION_BOUNDS = { unitId: true, validFrom: true, validTo: true, path: true } as const;

/**
 * The assessments matching `where` that belong to the version (their period ended while it was
 * valid), the latest period first; none without assessments.read on the unit (a partner key without
 * it). The assessments of every row of the list come in one statement: a nested `unit.assessments`
 * selection would read the Unit rows first, one more statement per request.
 */
async function ownAssessments(
  version: { unitId: string; validFrom: Date; validTo: Date | null; path: string },
  where: Prisma.AssessmentWhereInput,
  args: object,
  ctx: Context,
  info: GraphQLResolveInfo,
): Promise<never[]> {
  if (!isWithinScopes(version.path, ctx.auth?.scopes('assessments.read') ?? [])) return [];
  const belongs = (a: { periodEndsOn: Date }, v: typeof version) => a.periodEndsOn >= v.validFrom && (v.validTo === null || a.periodEndsOn <= v.validTo);
  const assessments = await batched(ctx, fieldBatchName(info, args), version, async (versions) => {
    const query = await queryFromInfo({ context: ctx, info, select: { unitId: true, periodEndsOn: true }, awaitSelections: true });
    // Only periods that ended while one of the versions was valid: not a unit's results from before
    // its current version, which belong to its older versions.
    const from = new Date(Math.min(...versions.map((v) => v.validFrom.getTime())));
    const rows = await ctx.db.prisma.assessment.findMany({
      ...query,
      where: { AND: [where, { unitId: { in: [...new Set(versions.map((v) => v.unitId))] } }, { periodEndsOn: { gte: from } }] },
      orderBy: [{ periodYear: 'desc' }, { programId: 'asc' }],
    });
    const byUnit = groupBy(rows, (row) => row.unitId);
    return (v) => byUnit(v.unitId).filter((a) => belongs(a, v));
  });
  return assessments as never[];
}

const hasYear = (year: number | null | undefined): year is number => year !== null && year !== undefined;

builder.prismaObjectField(UnitRef, 'assessment', (t) =>
  t.field({
    type: AssessmentRef,
    nullable: true,
    description:
      'This version’s assessment in a program: for `periodYear`, or the latest one. Only assessments whose period ended while this version was valid belong to it: a 2020 result of a commune merged in 2025 is on its 2020 version (`unit(code, asOf: "2020-11-15")`), and shows on today’s units through `restatedResults`.',
    args: { programId: t.arg.string({ required: true }), periodYear: t.arg.int({ required: false }) },
    select: loadedByResolver(VERSION_BOUNDS),
    resolve: async (version, args, ctx, info) =>
      (await ownAssessments(version, { programId: args.programId, ...(hasYear(args.periodYear) && { periodYear: periodYearFilter(args.periodYear) }) }, args, ctx, info))[0] ?? null,
  }),
);

builder.prismaObjectField(UnitRef, 'assessments', (t) =>
  t.field({
    type: [AssessmentRef],
    description: 'This version’s assessments in every program (or one), the latest period first; they belong to it as for `assessment`.',
    args: { programId: t.arg.string({ required: false }), periodYear: t.arg.int({ required: false }) },
    select: loadedByResolver(VERSION_BOUNDS),
    resolve: (version, args, ctx, info) =>
      ownAssessments(version, { ...(args.programId && { programId: args.programId }), ...(hasYear(args.periodYear) && { periodYear: periodYearFilter(args.periodYear) }) }, args, ctx, info),
  }),
);

const OpenAssessmentInput = builder.inputType('OpenAssessmentInput', {
  fields: (t) => ({
    unitCode: t.string({ required: true }),
    programId: t.string({ required: true }),
    periodYear: t.int({ required: true }),
    fromPreviousPeriod: t.boolean({ required: false, description: 'Start from last period’s recorded values' }),
  }),
});

const AttachmentInput = builder.inputType('AttachmentInput', {
  fields: (t) => ({
    documentRef: t.string({ required: true }),
    fileName: t.string({ required: false }),
    documentKind: t.string({ required: false }),
    contentHash: t.string({ required: true, description: 'e.g. sha256:… of the file' }),
  }),
});

const ResultInputRef = builder.inputType('CriterionResultInput', {
  fields: (t) => ({
    criterionId: t.string({ required: true }),
    value: t.field({ type: 'JSON', required: false, description: 'true/false or a number; null clears it' }),
    previousValue: t.float({ required: false }),
    note: t.string({ required: false }),
    attachments: t.field({ type: [AttachmentInput], required: false }),
  }),
});

builder.queryFields((t) => ({
  assessmentFor: t.prismaField({
    type: 'Assessment',
    errors: { types: [NotFoundError, ValidationError] },
    args: { unitCode: t.arg.string({ required: true }), programId: t.arg.string({ required: true }), periodYear: t.arg.int({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      periodYearArg(args.periodYear);
      if (!ctx.auth?.holds('assessments.read')) throw forbidden(refusalVi(ctx.auth?.label ?? 'anonymous', 'assessments.read'));
      const found = await ctx.db.prisma.assessment.findFirst({
        where: { programId: args.programId, periodYear: args.periodYear, unit: { code: args.unitCode } },
        select: { id: true, unitId: true, periodEndsOn: true },
      });
      if (!found) {
        // Whether a unit of another province was assessed is that province's business: judge by the unit.
        const unit = await ctx.db.prisma.unit.findUnique({ where: { code: args.unitCode }, select: { id: true } });
        const path = unit ? await unitPathAt(ctx.db, unit.id, new Date(`${args.periodYear}-12-31T00:00:00Z`)) : undefined;
        const notFound = new NotFoundError('Assessment', `${args.unitCode} / ${args.programId} / ${args.periodYear}`);
        throw path === undefined ? missingFor(ctx.auth, 'assessments.read', notFound) : ctx.auth.can('assessments.read', path) ? notFound : forbidden(refusalVi(ctx.auth.label, 'assessments.read', `unit ${args.unitCode}`));
      }
      assertCan(ctx.auth, 'assessments.read', await unitPathAt(ctx.db, found.unitId, found.periodEndsOn), `đơn vị ${args.unitCode}`);
      return ctx.db.prisma.assessment.findUniqueOrThrow({ ...query, where: { id: found.id } });
    },
  }),
}));

builder.mutationFields((t) => ({
  openAssessment: t.prismaField({
    type: 'Assessment',
    authScopes: { permission: 'assessments.open' },
    errors: { types: [NotFoundError, ValidationError, ConflictError] },
    description: 'Opens the assessment of a unit for a period under the set that governs it',
    args: { input: t.arg({ type: OpenAssessmentInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      periodYearArg(input.periodYear, 'input.periodYear');
      const unit = await ctx.db.prisma.unit.findUnique({ where: { code: input.unitCode } });
      if (!unit) throw new NotFoundError('Unit', input.unitCode);
      // The unit as it was at the end of the period decides the set: a township of 2020 is not
      // assessed as the commune it became in 2025. The period's end depends on the kind, so each
      // version is tried with its own kind's period.
      const versions = await ctx.db.prisma.unitVersion.findMany({ where: { unitId: unit.id }, orderBy: { validFrom: 'desc' } });
      const version = versions.find((v) => {
        const endsOn = periodFor(tt124PeriodScheme, v.kind, input.periodYear)?.endsOn;
        return endsOn !== undefined && isoDay(v.validFrom) <= endsOn && (v.validTo === null || isoDay(v.validTo) >= endsOn);
      });
      // Checked where the unit was at the period's end (or, if it did not exist then, where it is now).
      const unitPath = (version ?? versions[0])?.path ?? '';
      assertCan(ctx.auth, 'assessments.open', unitPath, `đơn vị ${input.unitCode}`);
      if (!version) throw new ValidationError(`${input.unitCode} không tồn tại vào cuối kỳ ${input.periodYear}`);
      const key = { unitId: unit.id, programId: input.programId, periodYear: input.periodYear };
      const existing = await ctx.db.prisma.assessment.findUnique({ where: { unitId_programId_periodYear: key } });
      if (existing) throw new ConflictError(`${input.unitCode} đã có đánh giá ${input.programId} của kỳ ${input.periodYear}`, existing.revision);
      const program = await ctx.db.prisma.program.findUnique({ where: { id: input.programId } });
      if (!program) throw new NotFoundError('Program', input.programId);
      const chosen = await chooseSet(ctx.db, {
        programId: input.programId,
        kind: version.kind,
        attributes: version.attributes as Record<string, string | number | boolean>,
        provinceCode: version.provinceCode,
        periodYear: input.periodYear,
      });
      if (!chosen) throw new ValidationError(`Không có bộ tiêu chí ${input.programId} đã ban hành áp dụng cho ${input.unitCode} (${version.kind}) trong kỳ ${input.periodYear}`);
      const setVersion = await ctx.db.prisma.criteriaSetVersion.findUniqueOrThrow({
        where: { setId_version: { setId: chosen.set.ref.setId, version: chosen.set.ref.version } },
      });
      const previous = input.fromPreviousPeriod
        ? await ctx.db.prisma.assessment.findUnique({
            where: { unitId_programId_periodYear: { unitId: unit.id, programId: input.programId, periodYear: input.periodYear - 1 } },
            include: { results: true },
          })
        : null;
      if (input.fromPreviousPeriod && !previous) throw new NotFoundError('Assessment', `${input.unitCode} / ${input.programId} / ${input.periodYear - 1}`);
      const carried = new Set(checkResults(chosen.set, (previous?.results ?? []).map((r) => ({ criterionId: r.criterionId }))).map((p) => p.path));
      const created = await ctx.db.prisma.assessment.create({
        data: {
          unitId: unit.id,
          programId: input.programId,
          setVersionId: setVersion.id,
          periodYear: input.periodYear,
          periodStartsOn: new Date(`${chosen.periodStartsOn}T00:00:00Z`),
          periodEndsOn: new Date(`${chosen.periodEndsOn}T00:00:00Z`),
          baselineId: previous?.id ?? null,
          results: {
            create: (previous?.results ?? [])
              .filter((_r, index) => !carried.has(`results[${index}].criterionId`))
              .map((r) => ({ criterionId: r.criterionId, value: r.value ?? undefined, previousValue: r.previousValue, note: `Từ kỳ ${input.periodYear - 1}` })),
          },
        },
      }).catch(async (error: unknown) => {
        // Opened by a concurrent request between the check above and this insert: the unique key let one in.
        if (!isUniqueViolation(error)) throw error;
        const now = await ctx.db.prisma.assessment.findUnique({ where: { unitId_programId_periodYear: key }, select: { revision: true } });
        throw new ConflictError(`${input.unitCode} đã có đánh giá ${input.programId} của kỳ ${input.periodYear} (vừa được mở đồng thời)`, now?.revision ?? 1);
      });
      await reevaluate(ctx.db, created.id);
      await auditChange(ctx, {
        action: 'assessment.open',
        entity: 'Assessment',
        entityId: created.id,
        areaPath: version.path,
        after: { unitCode: input.unitCode, programId: input.programId, periodYear: input.periodYear, set: `${chosen.set.ref.setId}@${chosen.set.ref.version}`, baselineId: previous?.id ?? null },
      });
      return ctx.db.prisma.assessment.findUniqueOrThrow({ ...query, where: { id: created.id } });
    },
  }),
  recordCriterionResults: t.prismaField({
    type: 'Assessment',
    authScopes: { permission: 'assessments.record' },
    errors: { types: [NotFoundError, ValidationError, ConflictError, ImmutableError] },
    description: 'Records values for entered criteria and re-evaluates; nothing is stored on any error, nor once a decision has locked the assessment',
    args: {
      assessmentId: t.arg.id({ required: true, description: 'The assessment’s `id` as returned by the API (or its bare uuid)' }),
      revision: t.arg.int({ required: true }),
      results: t.arg({ type: [ResultInputRef], required: true }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = assessmentUuid(String(args.assessmentId));
      const assessment = id ? await ctx.db.prisma.assessment.findUnique({ where: { id }, include: { setVersion: true, workflowItem: { select: { locked: true } } } }) : null;
      if (!assessment || !id) throw missingFor(ctx.auth, 'assessments.record', new NotFoundError('Assessment', String(args.assessmentId)));
      const unitPath = await unitPathAt(ctx.db, assessment.unitId, assessment.periodEndsOn);
      assertCan(ctx.auth, 'assessments.record', unitPath, `kết quả đánh giá ${id}`);
      if (assessment.workflowItem?.locked) throw new ImmutableError(lockedMessage(workflowFor(assessment.programId) ?? { unlockRoles: [] }));
      if (assessment.revision !== args.revision) throw new ConflictError(`Kết quả đánh giá đã thay đổi sau lần sửa ${args.revision}`, assessment.revision);
      const resolved = await resolveStored(ctx.db, { setId: assessment.setVersion.setId, version: assessment.setVersion.version });
      if (!resolved?.ok) throw new ValidationError('Bộ tiêu chí của kết quả đánh giá không còn hợp lệ');
      const results = args.results as unknown as ResultInput[];
      const problems = checkResults(resolved.value, results);
      if (problems.length > 0) throw new ValidationError('Một số kết quả không hợp lệ; chưa ghi gì', problems);
      const before = await ctx.db.prisma.criterionResult.findMany({
        where: { assessmentId: id, criterionId: { in: results.map((r) => r.criterionId) } },
        select: { criterionId: true, value: true, previousValue: true, note: true },
      });
      await ctx.db.prisma.$transaction(async (tx) => {
        const bumped = await tx.assessment.updateMany({ where: { id, revision: args.revision }, data: { revision: { increment: 1 } } });
        if (bumped.count === 0) {
          const now = await tx.assessment.findUniqueOrThrow({ where: { id } });
          throw new ConflictError('Kết quả đánh giá vừa được người khác lưu', now.revision);
        }
        for (const result of results) {
          const data = {
            value: result.value === null ? Prisma.DbNull : result.value === undefined ? undefined : (result.value as Prisma.InputJsonValue),
            previousValue: result.previousValue ?? null,
            note: result.note ?? null,
            recordedAt: new Date(),
          };
          const stored = await tx.criterionResult.upsert({
            where: { assessmentId_criterionId: { assessmentId: id, criterionId: result.criterionId } },
            create: { assessmentId: id, criterionId: result.criterionId, ...data },
            update: data,
          });
          if (result.attachments) {
            await tx.attachment.deleteMany({ where: { resultId: stored.id } });
            await tx.attachment.createMany({
              data: result.attachments.map((a) => ({ resultId: stored.id, documentRef: a.documentRef, fileName: a.fileName ?? null, documentKind: a.documentKind ?? null, contentHash: a.contentHash })),
            });
          }
        }
      });
      const outcome = await reevaluate(ctx.db, id);
      await auditChange(ctx, {
        action: 'assessment.recordResults',
        entity: 'Assessment',
        entityId: id,
        areaPath: unitPath,
        before: { results: before },
        after: {
          results: results.map((r) => ({ criterionId: r.criterionId, value: r.value ?? null, previousValue: r.previousValue ?? null, note: r.note ?? null })),
          outcome,
        },
      });
      return ctx.db.prisma.assessment.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
