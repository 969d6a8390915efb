import { builder } from '../builder.ts';
import { findBrokenLink } from '../identity/audit.ts';

const AuditEventRef = builder.prismaObject('AuditEvent', {
  description: 'One recorded change: who, when, what, before and after. Never updated or deleted.',
  fields: (t) => ({
    id: t.string({ resolve: (event) => event.id.toString() }),
    at: t.expose('at', { type: 'DateTime' }),
    actorLabel: t.exposeString('actorLabel'),
    action: t.exposeString('action'),
    entity: t.exposeString('entity'),
    entityId: t.exposeString('entityId'),
    before: t.expose('before', { type: 'JSON', nullable: true }),
    after: t.expose('after', { type: 'JSON', nullable: true }),
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
    description: 'The history of an entity (or of everything), newest first',
    args: {
      entity: t.arg.string({ required: false }),
      entityId: t.arg.string({ required: false }),
      limit: t.arg.int({ required: false, defaultValue: 100 }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.auditEvent.findMany({
        ...query,
        where: { ...(args.entity && { entity: args.entity }), ...(args.entityId && { entityId: args.entityId }) },
        orderBy: { id: 'desc' },
        take: Math.min(Math.max(args.limit ?? 100, 1), 1000),
      }),
  }),
  auditChain: t.field({
    type: ChainCheckRef,
    authScopes: { permission: 'audit.read' },
    description: 'Recomputes every hash: a changed or deleted event breaks the chain where it happened',
    resolve: async (_root, _args, ctx) => {
      const broken = await findBrokenLink(ctx.db);
      const [{ n }] = (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM "AuditEvent"')) as [{ n: number }];
      return { intact: broken === undefined, firstBrokenId: broken === undefined ? null : String(broken), events: n };
    },
  }),
}));
