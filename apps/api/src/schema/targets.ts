import { commonArea, mayReadTarget, parseTarget, pathAndAncestors, type DefinitionIssue, type TargetDefinition } from '@antt/criteria';
import type { Prisma } from '@antt/db';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { assertCan, missingFor } from '../identity/actor.ts';
import { auditChange } from '../identity/audit.ts';
import { sharedAreaWhere } from '../services/criteria-access.ts';
import { findArea } from '../services/reports.ts';
import { UUID } from './assessments.ts';
import { ConflictError, ImmutableError, NotFoundError, ValidationError } from './errors.ts';

/*
 * Targets ("≥ 80% of communes meet 19.2 each year") as data the nation and each province keep: created,
 * edited and retired through the API, audited; `report` measures against the nearest area's
 * (@antt/criteria's `pickTarget`). Read like criteria sets: the nation's by every report reader, an
 * area's by that area's readers; another province's target does not exist for the caller.
 */

const readScopes = (ctx: Context) => ctx.auth?.scopes('reports.read') ?? [];

export const TargetRef = builder.prismaObject('Target', {
  description: 'A goal for the share of units that meet a program, set by the nation or by an area for its units',
  authScopes: (target, ctx) => mayReadTarget(readScopes(ctx), target.areaPath),
  fields: (t) => ({
    id: t.exposeID('id'),
    programId: t.exposeString('programId'),
    areaPath: t.exposeString('areaPath', { description: 'The area it is set for ("31"); "" for the nation' }),
    areaCode: t.string({ nullable: true, description: 'The code of that area; null for the nation', resolve: (target) => target.areaPath.split('/').at(-1) || null }),
    unitKinds: t.exposeStringList('unitKinds'),
    fromYear: t.exposeInt('fromYear'),
    toYear: t.exposeInt('toYear', { nullable: true }),
    thresholdPercent: t.exposeFloat('thresholdPercent'),
    title: t.exposeString('title'),
    revision: t.exposeInt('revision', { description: 'Send it back when editing or retiring; a stale one is a CONFLICT' }),
    retiredAt: t.expose('retiredAt', { type: 'DateTime', nullable: true }),
  }),
});

const TargetInput = builder.inputType('TargetInput', {
  fields: (t) => ({
    programId: t.string({ required: true }),
    areaCode: t.string({ required: false, description: 'The province (or unit) it is set for; the nation when omitted' }),
    unitKinds: t.stringList({ required: true }),
    fromYear: t.int({ required: true }),
    toYear: t.int({ required: false }),
    thresholdPercent: t.float({ required: true }),
    title: t.string({ required: true }),
  }),
});

type TargetInputShape = typeof TargetInput.$inferInput;

/** The path of the unit `code` today, if there is one. */
const pathToday = async (ctx: Context, code: string) => (await findArea(ctx.db, code, ctx.today))?.path;

/** The path of the area a target is set for, as of today; missing areas answered as `missingFor` says. */
async function areaPathOf(ctx: Context, areaCode: string | null | undefined): Promise<string> {
  if (!areaCode) return '';
  const path = await pathToday(ctx, areaCode);
  if (path === undefined) throw missingFor(ctx.auth, 'targets.manage', new NotFoundError('Unit', areaCode));
  return path;
}

/** Checks the input as the domain says, against the stored programs; nothing is stored on any problem. */
async function validTarget(ctx: Context, input: TargetInputShape): Promise<TargetDefinition> {
  const areaPath = await areaPathOf(ctx, input.areaCode);
  assertCan(ctx.auth, 'targets.manage', areaPath, areaPath === '' ? 'toàn quốc' : `địa bàn ${input.areaCode}`);
  const { areaCode: _areaCode, ...fields } = input;
  const parsed = parseTarget({ ...fields, areaPath });
  const issues: DefinitionIssue[] = parsed.ok ? [] : [...parsed.errors];
  const program = await ctx.db.prisma.program.findUnique({ where: { id: input.programId }, select: { id: true } });
  if (!program) issues.push({ code: 'unknownProgram', path: 'programId', message: `không có chương trình "${input.programId}"` });
  if (!parsed.ok || issues.length > 0) throw new ValidationError('Mục tiêu không hợp lệ', issues);
  return parsed.value;
}

/** A stored target the caller reads; NOT_FOUND when it does not exist or belongs to an area they do not read. */
async function readableTarget(ctx: Context, id: string) {
  const found = UUID.test(id) ? await ctx.db.prisma.target.findFirst({ where: { id, ...sharedAreaWhere(readScopes(ctx)) } }) : null;
  if (!found) throw new NotFoundError('Target', id);
  return found;
}

const stored = (target: TargetDefinition) => ({
  programId: target.programId,
  areaPath: target.areaPath,
  unitKinds: [...target.unitKinds],
  fromYear: target.fromYear,
  toYear: target.toYear ?? null,
  thresholdPercent: target.thresholdPercent,
  title: target.title,
});

builder.queryFields((t) => ({
  targets: t.prismaField({
    type: [TargetRef],
    authScopes: { permission: 'reports.read' },
    description: 'Targets the caller reads; with `areaCode`, those a report of that area could measure against (the area’s and those above it)',
    args: {
      programId: t.arg.string({ required: false }),
      areaCode: t.arg.string({ required: false }),
      includeRetired: t.arg.boolean({ required: false, defaultValue: false }),
    },
    resolve: async (query, _root, args, ctx) => {
      const where: Prisma.TargetWhereInput[] = [sharedAreaWhere(readScopes(ctx))];
      if (args.programId) where.push({ programId: args.programId });
      if (!args.includeRetired) where.push({ retiredAt: null });
      if (args.areaCode) {
        // An unknown area has no targets but the nation's.
        const path = await pathToday(ctx, args.areaCode);
        where.push({ areaPath: { in: path ? ['', ...pathAndAncestors(path)] : [''] } });
      }
      return ctx.db.prisma.target.findMany({ ...query, where: { AND: where }, orderBy: [{ programId: 'asc' }, { areaPath: 'asc' }, { fromYear: 'desc' }] });
    },
  }),
}));

builder.mutationFields((t) => ({
  createTarget: t.prismaField({
    type: TargetRef,
    authScopes: { permission: 'targets.manage' },
    errors: { types: [ValidationError, NotFoundError] },
    description: 'A target for the nation (no areaCode) or an area the caller manages',
    args: { input: t.arg({ type: TargetInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const target = await validTarget(ctx, input);
      const created = await ctx.db.prisma.target.create({ data: stored(target), select: { id: true } });
      await auditChange(ctx, { action: 'target.create', entity: 'Target', entityId: created.id, areaPath: target.areaPath, after: target });
      return ctx.db.prisma.target.findUniqueOrThrow({ ...query, where: { id: created.id } });
    },
  }),
  updateTarget: t.prismaField({
    type: TargetRef,
    authScopes: { permission: 'targets.manage' },
    errors: { types: [ValidationError, ConflictError, ImmutableError, NotFoundError] },
    description: 'Replaces a live target. Send the revision you edited; nothing is stored on any error.',
    args: { id: t.arg.id({ required: true }), revision: t.arg.int({ required: true }), input: t.arg({ type: TargetInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const current = await readableTarget(ctx, String(args.id));
      assertCan(ctx.auth, 'targets.manage', current.areaPath, `mục tiêu ${current.id}`);
      if (current.retiredAt) throw new ImmutableError('Mục tiêu đã ngừng áp dụng: tạo mục tiêu mới thay vì sửa');
      if (current.revision !== args.revision) throw new ConflictError(`Mục tiêu đã được sửa sau phiên bản ${args.revision}`, current.revision);
      const target = await validTarget(ctx, args.input);
      return saveRevision(ctx, query, current, { ...stored(target) }, { action: 'target.update', areaPath: commonArea([current.areaPath, target.areaPath]), after: target });
    },
  }),
  retireTarget: t.prismaField({
    type: TargetRef,
    authScopes: { permission: 'targets.manage' },
    errors: { types: [ConflictError, ImmutableError, NotFoundError] },
    description: 'Stops a target from applying; it stays for the record',
    args: { id: t.arg.id({ required: true }), revision: t.arg.int({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const current = await readableTarget(ctx, String(args.id));
      assertCan(ctx.auth, 'targets.manage', current.areaPath, `mục tiêu ${current.id}`);
      if (current.retiredAt) throw new ImmutableError('Mục tiêu đã ngừng áp dụng từ trước');
      if (current.revision !== args.revision) throw new ConflictError(`Mục tiêu đã được sửa sau phiên bản ${args.revision}`, current.revision);
      return saveRevision(ctx, query, current, { retiredAt: new Date() }, { action: 'target.retire', areaPath: current.areaPath, after: { retired: true } });
    },
  }),
}));

/** Compare-and-set on the revision: of two concurrent edits exactly one is stored, the other is a CONFLICT. */
async function saveRevision(
  ctx: Context,
  query: object,
  current: { id: string; revision: number } & Record<string, unknown>,
  data: Prisma.TargetUpdateManyMutationInput,
  audit: { action: string; areaPath: string; after: unknown },
) {
  const updated = await ctx.db.prisma.target.updateMany({ where: { id: current.id, revision: current.revision, retiredAt: null }, data: { ...data, revision: { increment: 1 } } });
  if (updated.count === 0) {
    const now = await ctx.db.prisma.target.findUniqueOrThrow({ where: { id: current.id }, select: { revision: true } });
    throw new ConflictError('Mục tiêu vừa được người khác sửa', now.revision);
  }
  const { id, revision: _revision, createdAt: _createdAt, updatedAt: _updatedAt, ...before } = current;
  await auditChange(ctx, { action: audit.action, entity: 'Target', entityId: id, areaPath: audit.areaPath, before, after: audit.after });
  return ctx.db.prisma.target.findUniqueOrThrow({ ...query, where: { id } });
}
