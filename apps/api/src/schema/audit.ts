import { mayReadAuditEvent } from '@antt/criteria';
import type { Prisma } from '@antt/db';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { forbidden } from '../identity/actor.ts';
import { findBrokenLink } from '../identity/audit.ts';

const auditScopes = (ctx: Context) => ctx.auth?.scopes('audit.read') ?? [];

/** `mayReadAuditEvent` as a filter: events inside one of the caller's subtrees (all of them nationally). */
function readableEventsWhere(ctx: Context): Prisma.AuditEventWhereInput {
  const scopes = auditScopes(ctx);
  if (scopes.includes('')) return {};
  if (scopes.length === 0) return { id: { in: [] } };
  return { OR: scopes.flatMap((scope) => [{ areaPath: scope }, { areaPath: { startsWith: `${scope}/` } }]) };
}

const AuditEventRef = builder.prismaObject('AuditEvent', {
  description: 'One recorded change: who, when, what, before and after. Never updated or deleted.',
  // Whatever field reaches an event, the one read rule judges it.
  authScopes: (event, ctx) => mayReadAuditEvent(auditScopes(ctx), event.areaPath),
  fields: (t) => ({
    id: t.string({ resolve: (event) => event.id.toString() }),
    at: t.expose('at', { type: 'DateTime' }),
    actorLabel: t.exposeString('actorLabel'),
    action: t.exposeString('action'),
    entity: t.exposeString('entity'),
    entityId: t.exposeString('entityId'),
    before: t.expose('before', { type: 'JSON', nullable: true }),
    after: t.expose('after', { type: 'JSON', nullable: true }),
    areaPath: t.exposeString('areaPath', { nullable: true, description: 'The area it concerns ("" the nation); null for events older than areas' }),
    prevHash: t.exposeString('prevHash'),
    hash: t.exposeString('hash'),
  }),
});

const ChainCheckRef = builder.objectRef<{ intact: boolean; firstBrokenId: string | null; events: number }>('AuditChainCheck').implement({
  fields: (t) => ({
    intact: t.exposeBoolean('intact'),
    firstBrokenId: t.exposeString('firstBrokenId', { nullable: true, description: 'The first event whose hash does not match' }),
    events: t.exposeInt('events'),
  }),
});

builder.queryFields((t) => ({
  auditEvents: t.prismaField({
    type: [AuditEventRef],
    authScopes: { permission: 'audit.read' },
    description: 'The history of an entity (or of everything) in the areas where the caller reads the audit trail, newest first',
    args: {
      entity: t.arg.string({ required: false }),
      entityId: t.arg.string({ required: false }),
      limit: t.arg.int({ required: false, defaultValue: 100 }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.auditEvent.findMany({
        ...query,
        where: { AND: [readableEventsWhere(ctx), { ...(args.entity && { entity: args.entity }), ...(args.entityId && { entityId: args.entityId }) }] },
        orderBy: { id: 'desc' },
        take: Math.min(Math.max(args.limit ?? 100, 1), 1000),
      }),
  }),
  auditChain: t.field({
    type: ChainCheckRef,
    authScopes: { permission: 'audit.read' },
    description: 'Recomputes every hash: a changed or deleted event breaks the chain where it happened. National audit readers only: the chain spans every province.',
    resolve: async (_root, _args, ctx) => {
      if (!auditScopes(ctx).includes('')) throw forbidden(`${ctx.auth?.label ?? 'anonymous'} may not audit.read nationally`);
      const broken = await findBrokenLink(ctx.db);
      const [{ n }] = (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM "AuditEvent"')) as [{ n: number }];
      return { intact: broken === undefined, firstBrokenId: broken === undefined ? null : String(broken), events: n };
    },
  }),
}));
