import {
  criteriaSetArea,
  diffCriteriaSets,
  extensionDraft,
  previewImpact,
  newDraftVersion,
  transition,
  walkCriteria,
  expectedTextVi,
  type CriteriaSetDefinition,
  type CriterionChange,
  type DefinitionIssue,
  type ImpactPreview,
  type OutcomeFlip,
  type ResolvedCriteriaSet,
  type SetDiff,
} from '@antt/criteria';
import { builder } from '../builder.ts';
import { auditChange } from '../identity/audit.ts';
import type { Prisma } from '@antt/db';
import type { Context } from '../context.ts';
import { assertCan, forbidden } from '../identity/actor.ts';
import { readableSetsWhere, setReader } from '../services/criteria-access.ts';
import { dependentIssues, loadDefinition, resolveStored, validateDefinition } from '../services/criteria-store.ts';
import { loadStoredCases } from '../services/evaluation-cases.ts';
import { ConflictError, DefinitionIssueRef, ImmutableError, NotFoundError, ValidationError } from './errors.ts';
import { periodYearArg } from './period-year.ts';

export const ProgramRef = builder.prismaObject('Program', {
  description: 'An evaluation track: TT124, NTM 19.2, model ward police, movement classification…',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    titleEn: t.exposeString('titleEn', { nullable: true }),
    family: t.exposeString('family', { nullable: true }),
    sets: t.relation('sets', {
      description: 'The national sets and those of provinces the caller reads criteria in',
      query: (_args, ctx) => ({ where: readableSetsWhere(ctx), orderBy: { id: 'asc' } }),
    }),
  }),
});

/** Every CriteriaSet and CriteriaSetVersion object is judged by the one read rule, whichever field reached it. */
const readableRow = (row: { areaPath: string }, ctx: Context) => setReader(ctx)(row.areaPath);

export const CriteriaSetRef = builder.prismaObject('CriteriaSet', {
  description: "A criteria set's identity: national or one province's. Its content lives in versions.",
  authScopes: readableRow,
  fields: (t) => ({
    id: t.exposeID('id'),
    ownerScope: t.exposeString('ownerScope', { description: 'national | province' }),
    provinceCode: t.exposeString('provinceCode', { nullable: true }),
    areaPath: t.exposeString('areaPath', { description: 'The area it belongs to: its province, "" for the nation' }),
    title: t.exposeString('title'),
    program: t.relation('program'),
    versions: t.relation('versions', { query: { orderBy: { version: 'asc' } } }),
  }),
});

interface CriterionRow {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly kind: string;
  readonly depth: number;
  readonly parentId: string | null;
  readonly required: boolean;
  readonly critical: boolean;
  readonly unverified: boolean;
  readonly measureType: string;
  readonly expected: string;
  readonly provenance: unknown;
  readonly originSetId: string;
  readonly originVersion: number;
}

const CriterionRowRef = builder.objectRef<CriterionRow>('CriterionDefinition').implement({
  description: 'One criterion of a resolved set, flattened in tree order (parents first).',
  fields: (t) => ({
    id: t.exposeString('id'),
    code: t.exposeString('code'),
    title: t.exposeString('title'),
    kind: t.exposeString('kind'),
    depth: t.exposeInt('depth'),
    parentId: t.exposeString('parentId', { nullable: true }),
    required: t.exposeBoolean('required'),
    critical: t.exposeBoolean('critical'),
    unverified: t.exposeBoolean('unverified', { description: 'Content the legal text did not confirm [U]' }),
    measureType: t.exposeString('measureType'),
    expected: t.exposeString('expected', { description: 'The bar, in Vietnamese: "≥ 70%", "= 0 vụ"…' }),
    provenance: t.expose('provenance', { type: 'JSON', nullable: true }),
    originSetId: t.exposeString('originSetId', { description: 'The set version that introduced or last changed it' }),
    originVersion: t.exposeInt('originVersion'),
  }),
});

function flatten(set: ResolvedCriteriaSet): CriterionRow[] {
  return [...walkCriteria(set.criteria)].map(({ node, parent, path }) => ({
    id: node.id,
    code: node.code,
    title: node.title.vi,
    kind: node.kind,
    depth: path.filter((segment) => segment === 'criteria').length - 1,
    parentId: parent?.id ?? null,
    required: node.required,
    critical: node.critical,
    unverified: node.unverified,
    measureType: node.measure?.type ?? 'group',
    expected: node.measure ? expectedTextVi(node.measure) : (node.rule?.type ?? 'all'),
    provenance: node.provenance ?? null,
    originSetId: node.origin.setId,
    originVersion: node.origin.version,
  }));
}

const ChangeRef = builder.objectRef<CriterionChange>('CriterionChange').implement({
  description: 'One difference between two versions, classified like a GraphQL schema change.',
  fields: (t) => ({
    criterionId: t.exposeString('criterionId', { description: 'Empty for the set itself' }),
    code: t.exposeString('code'),
    kind: t.exposeString('kind', { description: 'added | removed | changed | moved' }),
    field: t.exposeString('field', { nullable: true }),
    before: t.expose('before', { type: 'JSON', nullable: true }),
    after: t.expose('after', { type: 'JSON', nullable: true }),
    severity: t.exposeString('severity', { description: 'breaking | safe' }),
    reason: t.exposeString('reason'),
  }),
});

const DiffRef = builder.objectRef<SetDiff>('CriteriaSetDiff').implement({
  fields: (t) => ({
    fromSetId: t.string({ resolve: (diff) => diff.from.setId }),
    fromVersion: t.int({ resolve: (diff) => diff.from.version }),
    toSetId: t.string({ resolve: (diff) => diff.to.setId }),
    toVersion: t.int({ resolve: (diff) => diff.to.version }),
    breaking: t.exposeBoolean('breaking'),
    breakingCount: t.int({ resolve: (diff) => diff.counts.breaking }),
    safeCount: t.int({ resolve: (diff) => diff.counts.safe }),
    changes: t.field({ type: [ChangeRef], resolve: (diff) => [...diff.changes] }),
  }),
});

/** A stored version resolved, as the caller sees it: one they may not read does not exist for them. */
async function resolvedOrThrow(ctx: Context, setId: string, version: number): Promise<ResolvedCriteriaSet> {
  const resolved = await resolveStored(ctx.db, { setId, version });
  if (!resolved || (resolved.ok && !setReader(ctx)(criteriaSetArea(resolved.value.owner)))) throw new NotFoundError('CriteriaSetVersion', `${setId}@${version}`);
  if (!resolved.ok) throw new ValidationError(`${setId}@${version} không còn hợp lệ với các bộ tiêu chí nó kế thừa`, resolved.errors);
  return resolved.value;
}

export const CriteriaSetVersionRef = builder.prismaNode('CriteriaSetVersion', {
  id: { field: 'id' },
  description: 'One version of a criteria set: draft (editable), published (never changes) or retired.',
  authScopes: readableRow,
  fields: (t) => ({
    setId: t.exposeString('setId'),
    version: t.exposeInt('version'),
    status: t.exposeString('status'),
    revision: t.exposeInt('revision', { description: 'Send it back when editing a draft; a stale one is a CONFLICT' }),
    definition: t.expose('definition', { type: 'JSON', description: 'The definition as authored (extensions hold only their changes)' }),
    extendsSetId: t.exposeString('extendsSetId', { nullable: true }),
    extendsVersion: t.exposeInt('extendsVersion', { nullable: true }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    retiredAt: t.expose('retiredAt', { type: 'DateTime', nullable: true }),
    set: t.relation('set'),
    criteria: t.field({
      type: [CriterionRowRef],
      description: 'The resolved criteria (inherited ones included), parents first',
      resolve: async (version, _args, ctx) => flatten(await resolvedOrThrow(ctx, version.setId, version.version)),
    }),
    resolved: t.field({
      type: 'JSON',
      description: 'The resolved definition the engine evaluates',
      resolve: async (version, _args, ctx) => {
        const { definition: _definition, ...resolved } = await resolvedOrThrow(ctx, version.setId, version.version);
        return resolved;
      },
    }),
    diffWithParent: t.field({
      type: DiffRef,
      nullable: true,
      description: 'For a set that extends another: what it adds, overrides and drops',
      resolve: async (version, _args, ctx) => {
        if (!version.extendsSetId || version.extendsVersion === null) return null;
        const [parent, self] = await Promise.all([
          resolvedOrThrow(ctx, version.extendsSetId, version.extendsVersion),
          resolvedOrThrow(ctx, version.setId, version.version),
        ]);
        return diffCriteriaSets(parent, self);
      },
    }),
  }),
});

const SetRefInput = builder.inputType('SetRefInput', {
  fields: (t) => ({ setId: t.string({ required: true }), version: t.int({ required: true }) }),
});

const ValidationReport = builder
  .objectRef<{ valid: boolean; issues: readonly DefinitionIssue[] }>('ValidationReport')
  .implement({
    fields: (t) => ({
      valid: t.exposeBoolean('valid'),
      issues: t.field({ type: [DefinitionIssueRef], resolve: (report) => [...report.issues] }),
    }),
  });

const FlipRef = builder.objectRef<OutcomeFlip>('OutcomeFlip').implement({
  fields: (t) => ({
    unitCode: t.exposeString('unit'),
    before: t.exposeString('before'),
    after: t.exposeString('after'),
  }),
});

const ImpactRef = builder
  .objectRef<ImpactPreview & { periodYear: number; baseline: string; summary: string }>('ImpactPreview')
  .implement({
    description: 'What a draft would do to a past period’s stored results',
    fields: (t) => ({
      periodYear: t.exposeInt('periodYear'),
      baseline: t.exposeString('baseline', { description: 'The set version the draft is compared with' }),
      evaluated: t.exposeInt('evaluated'),
      unchanged: t.exposeInt('unchanged'),
      metToNotMet: t.field({ type: [FlipRef], resolve: (impact) => [...impact.metToNotMet] }),
      notMetToMet: t.field({ type: [FlipRef], resolve: (impact) => [...impact.notMetToMet] }),
      otherChanges: t.field({ type: [FlipRef], resolve: (impact) => [...impact.otherChanges] }),
      summary: t.exposeString('summary'),
    }),
  });

/**
 * The area an impact preview may read: the asked-for one if the caller reads assessments there, or
 * the caller's own subtree (a province admin previewing a national draft sees their province only).
 */
async function previewArea(ctx: Context, code: string | undefined): Promise<string | undefined> {
  const scopes = ctx.auth?.scopes('assessments.read') ?? [];
  if (scopes.includes('')) return code;
  if (code === undefined) {
    if (scopes.length !== 1) throw forbidden('Name the area (withinCode) to preview: you read assessments in several places');
    return scopes[0]!.split('/').at(-1);
  }
  const rows = await ctx.db.query<{ path: string }>('SELECT path FROM "UnitVersion" WHERE code = $1 ORDER BY "validFrom" DESC LIMIT 1', [code]);
  assertCan(ctx.auth, 'assessments.read', rows[0]?.path ?? code, `địa bàn ${code}`);
  return code;
}

/** National sets, and with `provinceCode` that province's own when the caller reads criteria there. */
function listedSetsWhere(ctx: Context, args: { programId?: string | null; provinceCode?: string | null }): Prisma.CriteriaSetWhereInput {
  return {
    AND: [readableSetsWhere(ctx), { OR: [{ areaPath: '' }, ...(args.provinceCode ? [{ areaPath: args.provinceCode }] : [])] }],
    ...(args.programId && { programId: args.programId }),
  };
}

builder.queryFields((t) => ({
  previewCriteriaSetImpact: t.field({
    type: ImpactRef,
    errors: { types: [NotFoundError, ValidationError] },
    description: 'Re-evaluates a past period’s stored inputs under the draft and under the set it replaces',
    args: {
      setId: t.arg.string({ required: true }),
      version: t.arg.int({ required: true }),
      periodYear: t.arg.int({ required: false, description: 'Default: the latest period with results' }),
      withinCode: t.arg.string({ required: false, description: 'Default: the owning province' }),
    },
    resolve: async (_root, args, ctx) => {
      if (args.periodYear !== null && args.periodYear !== undefined) periodYearArg(args.periodYear);
      const draft = await resolvedOrThrow(ctx, args.setId, args.version);
      const parentRef = draft.definition.extends ?? (args.version > 1 ? { setId: args.setId, version: args.version - 1 } : undefined);
      if (!parentRef) throw new NotFoundError('CriteriaSetVersion', `a version before ${args.setId}@${args.version}`);
      const baseline = await resolvedOrThrow(ctx, parentRef.setId, parentRef.version);
      const latest = await ctx.db.prisma.assessment.aggregate({ where: { programId: draft.programId }, _max: { periodYear: true } });
      const periodYear = args.periodYear ?? latest._max.periodYear;
      if (periodYear === null || periodYear === undefined) throw new NotFoundError('Assessment', `any result of ${draft.programId}`);
      const withinCode = await previewArea(ctx, args.withinCode ?? (draft.owner.scope === 'province' ? draft.owner.provinceCode : undefined));
      const cases = await loadStoredCases(ctx.db, { programId: draft.programId, periodYear, withinCode, unitKinds: draft.appliesTo.unitKinds });
      const impact = previewImpact(baseline, draft, cases.map((c) => ({ unit: c.unitCode, inputs: c.inputs, context: c.context })));
      const summary = `Kỳ ${periodYear}: ${impact.evaluated} đơn vị; ${impact.metToNotMet.length} chuyển từ Đạt sang Chưa đạt, ${impact.notMetToMet.length} từ Chưa đạt sang Đạt, ${impact.otherChanges.length} thay đổi khác.`;
      return { ...impact, periodYear, baseline: `${baseline.ref.setId}@${baseline.ref.version}`, summary };
    },
  }),
  programs: t.prismaField({
    type: ['Program'],
    resolve: (query, _root, _args, ctx) => ctx.db.prisma.program.findMany({ ...query, orderBy: { id: 'asc' } }),
  }),
  criteriaSets: t.prismaConnection({
    type: 'CriteriaSet',
    cursor: 'id',
    description: 'National sets and, with `provinceCode`, that province’s own',
    args: { programId: t.arg.string({ required: false }), provinceCode: t.arg.string({ required: false }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.criteriaSet.findMany({
        ...query,
        where: listedSetsWhere(ctx, args),
        orderBy: { id: 'asc' },
      }),
    totalCount: (_root, args, ctx) =>
      ctx.db.prisma.criteriaSet.count({ where: listedSetsWhere(ctx, args) }),
  }),
  criteriaSetVersion: t.prismaField({
    type: 'CriteriaSetVersion',
    errors: { types: [NotFoundError] },
    args: { setId: t.arg.string({ required: true }), version: t.arg.int({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const found = await ctx.db.prisma.criteriaSetVersion.findFirst({
        ...query,
        where: { setId: args.setId, version: args.version, ...readableSetsWhere(ctx) },
      });
      if (!found) throw new NotFoundError('CriteriaSetVersion', `${args.setId}@${args.version}`);
      return found;
    },
  }),
  diffCriteriaSetVersions: t.field({
    type: DiffRef,
    errors: { types: [NotFoundError, ValidationError] },
    description: 'What changed from one version to another, each change breaking or safe',
    args: { from: t.arg({ type: SetRefInput, required: true }), to: t.arg({ type: SetRefInput, required: true }) },
    resolve: async (_root, args, ctx) =>
      diffCriteriaSets(await resolvedOrThrow(ctx, args.from.setId, args.from.version), await resolvedOrThrow(ctx, args.to.setId, args.to.version)),
  }),
  validateCriteriaSetDefinition: t.field({
    type: ValidationReport,
    description: 'Checks a definition without storing it: every problem with its path',
    args: { definition: t.arg({ type: 'JSON', required: true }) },
    resolve: async (_root, args, ctx) => {
      const result = await validateDefinition(ctx.db, args.definition, setReader(ctx));
      return { valid: result.ok, issues: result.ok ? [] : result.errors };
    },
  }),
}));

const CreateDraftInput = builder.inputType('CreateCriteriaSetDraftInput', {
  description: 'Exactly one of `definition`, `cloneFrom`, `extendFrom`.',
  fields: (t) => ({
    definition: t.field({ type: 'JSON', required: false, description: 'A whole definition (status must be draft)' }),
    cloneFrom: t.field({ type: SetRefInput, required: false, description: 'Copy a version into a new draft' }),
    extendFrom: t.field({ type: SetRefInput, required: false, description: 'Start a province variant that inherits everything' }),
    setId: t.string({ required: false, description: 'The new set’s id (clone into a new set, or the variant’s id)' }),
    provinceCode: t.string({ required: false }),
    title: t.string({ required: false }),
  }),
});

async function nextVersion(ctx: Pick<Context, 'db'>, setId: string): Promise<number> {
  const latest = await ctx.db.prisma.criteriaSetVersion.aggregate({ where: { setId }, _max: { version: true } });
  return (latest._max.version ?? 0) + 1;
}

/** Every version of a set keeps the set's program and owner: a province cannot take over a national set. */
async function checkSetIdentity(ctx: Pick<Context, 'db'>, definition: CriteriaSetDefinition): Promise<void> {
  const set = await ctx.db.prisma.criteriaSet.findUnique({ where: { id: definition.id } });
  if (!set) return;
  const issues: DefinitionIssue[] = [];
  if (set.programId !== definition.programId) {
    issues.push({ code: 'immutable', path: 'programId', message: `${set.id} belongs to program "${set.programId}"` });
  }
  const provinceCode = definition.owner.scope === 'province' ? definition.owner.provinceCode : null;
  if (set.ownerScope !== definition.owner.scope || set.provinceCode !== provinceCode) {
    issues.push({ code: 'immutable', path: 'owner', message: `${set.id} is owned by ${set.provinceCode ? `tỉnh ${set.provinceCode}` : 'toàn quốc'}` });
  }
  if (issues.length > 0) throw new ValidationError(`Mọi phiên bản của ${set.id} giữ nguyên chương trình và chủ sở hữu`, issues);
}

const ownerLabel = (setId: string, path: string) => `${setId} (${path === '' ? 'toàn quốc' : `tỉnh ${path}`})`;

/**
 * Refuses unless the caller may `permission` on the set's owner: the one stored, and the one asked for.
 * A stored set the caller may not even read is not there for them (no existence oracle): a new set id
 * that another province already uses is refused like any taken version, naming no owner.
 */
async function assertOnSet(ctx: Context, permission: 'criteria.author' | 'criteria.publish', setId: string, owner?: CriteriaSetDefinition['owner']) {
  const stored = await ctx.db.prisma.criteriaSet.findUnique({ where: { id: setId }, select: { areaPath: true } });
  if (stored && !setReader(ctx)(stored.areaPath)) {
    if (!owner) throw new NotFoundError('CriteriaSet', setId);
    throw new ValidationError(`Mã bộ tiêu chí "${setId}" đã được dùng: chọn mã khác`, [{ code: 'duplicateSet', path: 'id', message: `"${setId}" đã được dùng` }]);
  }
  for (const path of new Set([stored?.areaPath, owner && criteriaSetArea(owner)])) {
    if (path !== null && path !== undefined) assertCan(ctx.auth, permission, path, ownerLabel(setId, path));
  }
}

async function storeDraft(ctx: Context, definition: CriteriaSetDefinition, query: object) {
  await assertOnSet(ctx, 'criteria.author', definition.id, definition.owner);
  if (definition.status !== 'draft') throw new ValidationError('Phiên bản mới phải bắt đầu là bản nháp', [{ code: 'immutable', path: 'status', message: 'expected "draft"' }]);
  const expected = await nextVersion(ctx, definition.id);
  if (definition.version !== expected) {
    throw new ValidationError(`Phiên bản tiếp theo của ${definition.id} là ${expected}`, [{ code: 'immutable', path: 'version', message: `expected ${expected}` }]);
  }
  const validated = await validateDefinition(ctx.db, definition, setReader(ctx));
  if (!validated.ok) throw new ValidationError('Định nghĩa bộ tiêu chí không hợp lệ', validated.errors);
  await checkSetIdentity(ctx, definition);
  try {
    return await insertDraft(ctx, definition, query);
  } catch (error) {
    // Two drafts saved at once both computed the same next version; the unique key lets one in.
    const taken = await ctx.db.prisma.criteriaSetVersion.findUnique({ where: { setId_version: { setId: definition.id, version: definition.version } }, select: { id: true } });
    if (!taken) throw error;
    const next = await nextVersion(ctx, definition.id);
    throw new ValidationError(`${definition.id}@${definition.version} vừa được người khác tạo`, [{ code: 'immutable', path: 'version', message: `expected ${next}` }]);
  }
}

async function insertDraft(ctx: Context, definition: CriteriaSetDefinition, query: object) {
  const owner = definition.owner;
  const created = await ctx.db.prisma.$transaction(async (tx) => {
    await tx.criteriaSet.upsert({
      where: { id: definition.id },
      update: {},
      create: {
        id: definition.id,
        programId: definition.programId,
        ownerScope: owner.scope,
        provinceCode: owner.scope === 'province' ? owner.provinceCode : null,
        title: definition.title.vi,
      },
    });
    return tx.criteriaSetVersion.create({
      ...query,
      data: {
        setId: definition.id,
        version: definition.version,
        status: 'draft',
        definition: definition as object,
        extendsSetId: definition.extends?.setId ?? null,
        extendsVersion: definition.extends?.version ?? null,
      },
    });
  });
  await auditChange(ctx, { action: 'criteriaSet.createDraft', entity: 'CriteriaSetVersion', entityId: `${definition.id}@${definition.version}`, areaPath: criteriaSetArea(owner), after: definition });
  return created;
}

/** The stored version a mutation acts on; NOT_FOUND when it does not exist or the caller may not read it. */
async function readableVersion(ctx: Context, ref: { setId: string; version: number }) {
  const current = await ctx.db.prisma.criteriaSetVersion.findFirst({ where: { setId: ref.setId, version: ref.version, ...readableSetsWhere(ctx) } });
  if (!current) throw new NotFoundError('CriteriaSetVersion', `${ref.setId}@${ref.version}`);
  return current;
}

builder.mutationFields((t) => ({
  createCriteriaSetDraft: t.prismaField({
    type: 'CriteriaSetVersion',
    authScopes: { permission: 'criteria.author' },
    errors: { types: [ValidationError, NotFoundError] },
    description: 'A new draft: from a whole definition, as a copy of a version, or as a province variant',
    args: { input: t.arg({ type: CreateDraftInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const sources = [input.definition, input.cloneFrom, input.extendFrom].filter((value) => value !== null && value !== undefined);
      if (sources.length !== 1) throw new ValidationError('Chỉ chọn một trong definition, cloneFrom, extendFrom');
      if (input.definition !== null && input.definition !== undefined) {
        const validated = await validateDefinition(ctx.db, input.definition, setReader(ctx));
        if (!validated.ok) throw new ValidationError('Định nghĩa bộ tiêu chí không hợp lệ', validated.errors);
        return storeDraft(ctx, validated.value.definition, query);
      }
      const source = (input.cloneFrom ?? input.extendFrom)!;
      const parent = await loadDefinition(ctx.db, source);
      // National templates are every reader's to copy or extend; a province's set only its own readers'.
      if (!parent || !setReader(ctx)(criteriaSetArea(parent.owner))) throw new NotFoundError('CriteriaSetVersion', `${source.setId}@${source.version}`);
      const owner = input.provinceCode ? ({ scope: 'province', provinceCode: input.provinceCode } as const) : parent.owner;
      if (input.cloneFrom) {
        const setId = input.setId ?? parent.id;
        const copy = newDraftVersion(parent, await nextVersion(ctx, setId));
        return storeDraft(ctx, { ...copy, id: setId, owner, ...(input.title && { title: { vi: input.title } }) }, query);
      }
      if (!input.setId) throw new ValidationError('Bộ tiêu chí riêng của tỉnh cần một setId của riêng nó');
      const draft = extensionDraft(source, {
        id: input.setId,
        programId: parent.programId,
        owner,
        title: { vi: input.title ?? parent.title.vi },
        appliesTo: parent.appliesTo,
        version: await nextVersion(ctx, input.setId),
      });
      return storeDraft(
        ctx,
        {
          ...draft,
          ...(parent.periodSchemeId && { periodSchemeId: parent.periodSchemeId }),
          // A variant governs the periods its parent does; without these it would apply at any date.
          ...(parent.effectiveFrom && { effectiveFrom: parent.effectiveFrom }),
          ...(parent.effectiveTo && { effectiveTo: parent.effectiveTo }),
        },
        query,
      );
    },
  }),
  updateCriteriaSetDraft: t.prismaField({
    type: 'CriteriaSetVersion',
    authScopes: { permission: 'criteria.author' },
    errors: { types: [ValidationError, ConflictError, ImmutableError, NotFoundError] },
    description: 'Replaces a draft’s definition. Send the revision you edited; nothing is stored on any error.',
    args: {
      setId: t.arg.string({ required: true }),
      version: t.arg.int({ required: true }),
      revision: t.arg.int({ required: true }),
      definition: t.arg({ type: 'JSON', required: true }),
    },
    resolve: async (query, _root, args, ctx) => {
      const current = await readableVersion(ctx, args);
      await assertOnSet(ctx, 'criteria.author', args.setId);
      if (current.status !== 'draft') throw new ImmutableError(`${args.setId}@${args.version} đã ${current.status === 'published' ? 'ban hành' : 'ngừng áp dụng'}: hãy mở bản nháp mới`);
      if (current.revision !== args.revision) throw new ConflictError(`${args.setId}@${args.version} đã thay đổi sau lần sửa ${args.revision}`, current.revision);
      const validated = await validateDefinition(ctx.db, args.definition, setReader(ctx));
      if (!validated.ok) throw new ValidationError('Định nghĩa bộ tiêu chí không hợp lệ', validated.errors);
      const definition = validated.value.definition;
      assertCan(ctx.auth, 'criteria.author', criteriaSetArea(definition.owner), ownerLabel(args.setId, criteriaSetArea(definition.owner)));
      if (definition.id !== args.setId || definition.version !== args.version || definition.status !== 'draft') {
        throw new ValidationError('Định nghĩa phải giữ nguyên mã, phiên bản và trạng thái nháp', [
          { code: 'immutable', path: 'id', message: `expected ${args.setId}@${args.version}, draft` },
        ]);
      }
      await checkSetIdentity(ctx, definition);
      const broken = await dependentIssues(ctx.db, definition);
      if (broken.length > 0) throw new ValidationError(`Các bộ tiêu chí kế thừa ${args.setId}@${args.version} sẽ không còn hợp lệ`, broken);
      // Compare-and-set on the revision: of two concurrent saves exactly one matches.
      const updated = await ctx.db.prisma.criteriaSetVersion.updateMany({
        where: { id: current.id, revision: args.revision, status: 'draft' },
        data: {
          definition: definition as object,
          revision: { increment: 1 },
          extendsSetId: definition.extends?.setId ?? null,
          extendsVersion: definition.extends?.version ?? null,
        },
      });
      if (updated.count === 0) {
        const now = await ctx.db.prisma.criteriaSetVersion.findUniqueOrThrow({ where: { id: current.id } });
        throw new ConflictError(`${args.setId}@${args.version} vừa được người khác lưu`, now.revision);
      }
      await auditChange(ctx, { action: 'criteriaSet.updateDraft', entity: 'CriteriaSetVersion', entityId: `${args.setId}@${args.version}`, areaPath: current.areaPath, before: current.definition, after: definition });
      return ctx.db.prisma.criteriaSetVersion.findUniqueOrThrow({ ...query, where: { id: current.id } });
    },
  }),
  publishCriteriaSetVersion: t.prismaField({
    type: 'CriteriaSetVersion',
    authScopes: { permission: 'criteria.publish' },
    errors: { types: [ValidationError, ConflictError, ImmutableError, NotFoundError] },
    description: 'Publishes a draft after validating it; it never changes afterwards',
    args: { setId: t.arg.string({ required: true }), version: t.arg.int({ required: true }), revision: t.arg.int({ required: true }) },
    resolve: (query, _root, args, ctx) => changeStatus(ctx, query, args, 'published'),
  }),
  retireCriteriaSetVersion: t.prismaField({
    type: 'CriteriaSetVersion',
    authScopes: { permission: 'criteria.publish' },
    errors: { types: [ValidationError, ConflictError, ImmutableError, NotFoundError] },
    description: 'Retires a published version: kept for past periods, no longer chosen for new ones',
    args: { setId: t.arg.string({ required: true }), version: t.arg.int({ required: true }), revision: t.arg.int({ required: true }) },
    resolve: (query, _root, args, ctx) => changeStatus(ctx, query, args, 'retired'),
  }),
}));

async function changeStatus(
  ctx: Context,
  query: object,
  args: { setId: string; version: number; revision: number },
  to: 'published' | 'retired',
) {
  const current = await readableVersion(ctx, args);
  await assertOnSet(ctx, 'criteria.publish', args.setId);
  if (current.revision !== args.revision) throw new ConflictError(`${args.setId}@${args.version} đã thay đổi sau lần sửa ${args.revision}`, current.revision);
  const moved = transition(current.definition as unknown as CriteriaSetDefinition, to);
  if (!moved.ok) throw new ImmutableError(moved.errors.map((issue) => issue.message).join('; '));
  const validated = await validateDefinition(ctx.db, moved.value, setReader(ctx));
  if (!validated.ok) throw new ValidationError(`${args.setId}@${args.version} không thể ${to === 'published' ? 'ban hành' : 'ngừng áp dụng'}`, validated.errors);
  const updated = await ctx.db.prisma.criteriaSetVersion.updateMany({
    where: { id: current.id, revision: args.revision, status: current.status },
    data: {
      status: to,
      definition: moved.value as object,
      revision: { increment: 1 },
      ...(to === 'published' ? { publishedAt: new Date() } : { retiredAt: new Date() }),
    },
  });
  if (updated.count === 0) {
    const now = await ctx.db.prisma.criteriaSetVersion.findUniqueOrThrow({ where: { id: current.id } });
    throw new ConflictError(`${args.setId}@${args.version} vừa được người khác thay đổi`, now.revision);
  }
  await auditChange(ctx, { action: `criteriaSet.${to === 'published' ? 'publish' : 'retire'}`, entity: 'CriteriaSetVersion', entityId: `${args.setId}@${args.version}`, areaPath: current.areaPath, before: { status: current.status }, after: { status: to } });
  return ctx.db.prisma.criteriaSetVersion.findUniqueOrThrow({ ...query, where: { id: current.id } });
}
