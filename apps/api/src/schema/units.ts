import { refusalVi } from '@antt/criteria';
import type { UnitVersion } from '@antt/db';
import { queryFromInfo } from '@pothos/plugin-prisma';
import { batched, fieldBatchName, groupBy, loadedByResolver } from '../batch.ts';
import { builder } from '../builder.ts';
import { isoDay, type Context } from '../context.ts';
import { forbidden } from '../identity/actor.ts';
import { isWithinScopes, scopeWhere, unitWhere, validOn } from '../services/unit-scope.ts';
import { NotFoundError } from './errors.ts';

/** The day a version speaks for: today for a current version, its last day for a past one. */
function referenceDay(version: Pick<UnitVersion, 'validTo'>, today: string): string {
  return version.validTo && isoDay(version.validTo) < today ? isoDay(version.validTo) : today;
}

/** Where the caller may read units (`[]` when anonymous). */
function unitScopes(ctx: Context): string[] {
  return ctx.auth?.scopes('units.read') ?? [];
}

function pickValid<T extends { validFrom: Date; validTo: Date | null }>(versions: readonly T[], day: string): T | undefined {
  return versions.find((v) => isoDay(v.validFrom) <= day && (v.validTo === null || isoDay(v.validTo) >= day));
}

export const UnitFilterInput = builder.inputType('UnitFilter', {
  fields: (t) => ({
    provinceCode: t.string({ required: false }),
    withinCode: t.string({ required: false, description: 'Units anywhere below this unit' }),
    parentCode: t.string({ required: false }),
    kinds: t.stringList({ required: false }),
    attributes: t.field({ type: 'JSON', required: false, description: 'e.g. { "border": true }' }),
    search: t.string({ required: false, description: 'Name with or without diacritics, or a code prefix' }),
  }),
});

export const UnitRef = builder.prismaNode('UnitVersion', {
  name: 'Unit',
  description: 'A unit as it was between `validFrom` and `validTo`: one version of the unit with this `code`.',
  id: { field: 'id' },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable identity across versions (QĐ 19/2025 code for communes)' }),
    kind: t.exposeString('kind'),
    name: t.exposeString('name'),
    fullName: t.exposeString('fullName'),
    nameEn: t.exposeString('nameEn', { nullable: true }),
    provinceCode: t.exposeString('provinceCode', { nullable: true }),
    parentCode: t.exposeString('parentCode', { nullable: true }),
    attributes: t.expose('attributes', { type: 'JSON' }),
    validFrom: t.expose('validFrom', { type: 'Date' }),
    validTo: t.expose('validTo', { type: 'Date', nullable: true }),
    legalAct: t.exposeString('legalAct', { nullable: true }),
  }),
});

builder.prismaObjectFields(UnitRef, (t) => ({
    parent: t.field({
      type: UnitRef,
      nullable: true,
      description: 'The parent as it was on the day this version speaks for',
      select: loadedByResolver({ parentId: true, validTo: true }),
      resolve: async (version, args, ctx, info) => {
        const { parentId } = version;
        if (!parentId) return null;
        // The parents of every row of the list in one statement: a nested `parent.versions`
        // selection would read the parents' Unit rows first, one more statement per request.
        const versions = await batched(ctx, fieldBatchName(info, args), parentId, async (parentIds) => {
          const query = await queryFromInfo({ context: ctx, info, select: { unitId: true, validFrom: true, validTo: true }, awaitSelections: true });
          const rows = await ctx.db.prisma.unitVersion.findMany({ ...query, where: { unitId: { in: parentIds } } });
          return groupBy(rows as unknown as UnitVersion[], (row) => row.unitId);
        });
        return pickValid(versions, referenceDay(version, ctx.today)) ?? null;
      },
    }),
    history: t.field({
      type: [UnitRef],
      description: 'Every version of this unit, oldest first',
      select: (_args, _ctx, nested) => ({ unit: { select: { versions: { ...nested(true), orderBy: { validFrom: 'asc' } } } } }),
      resolve: (version) => (version as unknown as { unit: { versions: UnitVersion[] } }).unit.versions,
    }),
    children: t.prismaConnection(
      {
        type: 'UnitVersion',
        cursor: 'id',
        args: { filter: t.arg({ type: UnitFilterInput, required: false }) },
        resolve: (query, version, args, ctx) =>
          ctx.db.prisma.unitVersion.findMany({
            ...query,
            where: { AND: [{ parentId: version.unitId }, unitWhere(args.filter, referenceDay(version, ctx.today)), scopeWhere(unitScopes(ctx))] },
            orderBy: [{ code: 'asc' }],
          }),
        totalCount: (version, args, ctx) =>
          ctx.db.prisma.unitVersion.count({
            where: { AND: [{ parentId: version.unitId }, unitWhere(args.filter, referenceDay(version, ctx.today)), scopeWhere(unitScopes(ctx))] },
          }),
      },
      { description: 'Units directly below, as on the day this version speaks for' },
    ),
    predecessors: t.field({
      type: [LineageRef],
      description: 'Older units that went (wholly or partly) into this one',
      select: (_args, _ctx, nested) => ({ unit: { select: { predecessors: nested(true) } } }),
      resolve: (version) => (version as unknown as { unit: { predecessors: never[] } }).unit.predecessors,
    }),
    successors: t.field({
      type: [LineageRef],
      description: 'Newer units this one went into (those the caller may see)',
      // Predecessors are territory now inside this unit; successors may lie in another province.
      select: (_args, ctx, nested) => ({
        unit: { select: { successors: { ...nested(true), where: { toUnit: { versions: { some: scopeWhere(unitScopes(ctx)) } } } } } },
      }),
      resolve: (version) => (version as unknown as { unit: { successors: never[] } }).unit.successors,
    }),
}));

const LineageRef = builder.prismaObject('UnitLineage', {
  name: 'LineageLink',
  description: 'One link of a merge, split, rename or re-parenting, with the act that made it',
  fields: (t) => ({
    event: t.exposeString('event'),
    share: t.exposeString('share', { description: 'full | partial (part of the old territory)' }),
    effectiveOn: t.expose('effectiveOn', { type: 'Date' }),
    legalAct: t.exposeString('legalAct', { nullable: true }),
    fromCode: t.string({ select: { fromUnit: { select: { code: true } } }, resolve: (link) => (link as unknown as { fromUnit: { code: string } }).fromUnit.code }),
    toCode: t.string({ select: { toUnit: { select: { code: true } } }, resolve: (link) => (link as unknown as { toUnit: { code: string } }).toUnit.code }),
    from: t.field({
      type: UnitRef,
      description: 'The older unit, as it was the day before the change',
      select: (_args, _ctx, nested) => ({ fromUnit: { select: { versions: nested(true) } } }),
      resolve: (link) => {
        const { fromUnit, effectiveOn } = link as unknown as { fromUnit: { versions: UnitVersion[] }; effectiveOn: Date };
        const dayBefore = isoDay(new Date(effectiveOn.getTime() - 86_400_000));
        return pickValid(fromUnit.versions, dayBefore) ?? fromUnit.versions[0]!;
      },
    }),
    to: t.field({
      type: UnitRef,
      description: 'The newer unit, as it was on the day of the change',
      select: (_args, _ctx, nested) => ({ toUnit: { select: { versions: nested(true) } } }),
      resolve: (link) => {
        const { toUnit, effectiveOn } = link as unknown as { toUnit: { versions: UnitVersion[] }; effectiveOn: Date };
        return pickValid(toUnit.versions, isoDay(effectiveOn)) ?? toUnit.versions.at(-1)!;
      },
    }),
  }),
});

builder.queryFields((t) => ({
  units: t.prismaConnection(
    {
      type: 'UnitVersion',
      cursor: 'id',
      args: {
        filter: t.arg({ type: UnitFilterInput, required: false }),
        asOf: t.arg({ type: 'Date', required: false, description: 'Defaults to today' }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.db.prisma.unitVersion.findMany({
          ...query,
          where: { AND: [unitWhere(args.filter, args.asOf ?? ctx.today), scopeWhere(unitScopes(ctx))] },
          orderBy: [{ path: 'asc' }, { id: 'asc' }],
        }),
      totalCount: (_root, args, ctx) =>
        ctx.db.prisma.unitVersion.count({ where: { AND: [unitWhere(args.filter, args.asOf ?? ctx.today), scopeWhere(unitScopes(ctx))] } }),
    },
    { description: 'Units valid on `asOf` that the caller may see, filtered; ordered by position in the tree' },
  ),
  unit: t.prismaField({
    type: 'UnitVersion',
    errors: { types: [NotFoundError] },
    description: 'One unit by code, as it was on `asOf` (default today)',
    args: { code: t.arg.string({ required: true }), asOf: t.arg({ type: 'Date', required: false }) },
    resolve: async (query, _root, args, ctx) => {
      const version = await ctx.db.prisma.unitVersion.findFirst({ ...query, where: { AND: [{ code: args.code }, validOn(args.asOf ?? ctx.today)] } });
      if (!version) throw new NotFoundError('Unit', args.asOf ? `${args.code} ngày ${args.asOf}` : args.code);
      if (!isWithinScopes(version.path, unitScopes(ctx))) throw forbidden(refusalVi(ctx.auth?.label ?? 'anonymous', 'units.read', `unit ${args.code}`));
      return version;
    },
  }),
}));
