import { mayReadAuditEvent, refusalVi } from '@antt/criteria';
import type { Prisma } from '@antt/db';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { forbidden } from '../identity/actor.ts';
import { anchorOf, type AnchorCheck, type AuditHead } from '../identity/audit-head.ts';
import { findBrokenLink } from '../identity/audit.ts';
import { subtreeWhere } from '../services/unit-scope.ts';

const auditScopes = (ctx: Context) => ctx.auth?.scopes('audit.read') ?? [];

/** `mayReadAuditEvent` as a filter: events inside one of the caller's subtrees (all of them nationally). */
function readableEventsWhere(ctx: Context): Prisma.AuditEventWhereInput {
  return subtreeWhere('areaPath', auditScopes(ctx));
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

const AuditHeadRef = builder.objectRef<AuditHead>('AuditHead').implement({
  description: 'The newest event the API signed for: kept apart from the events, signed with a key the database never sees',
  fields: (t) => ({
    lastId: t.string({ resolve: (head) => String(head.lastId) }),
    hash: t.exposeString('lastHash'),
    at: t.string({ description: 'When the head was signed (ISO)', resolve: (head) => head.at }),
  }),
});

interface ChainCheck {
  intact: boolean;
  firstBrokenId: string | null;
  events: number;
  anchor: AnchorCheck;
}

const ChainCheckRef = builder.objectRef<ChainCheck>('AuditChainCheck').implement({
  fields: (t) => ({
    intact: t.exposeBoolean('intact', { description: 'Every hash matches and the signed head is where it should be' }),
    firstBrokenId: t.exposeString('firstBrokenId', { nullable: true, description: 'The first event whose hash does not match' }),
    events: t.exposeInt('events'),
    truncated: t.boolean({ description: 'An event the signed head or a checkpoint names is gone or changed: the newest events were cut', resolve: (c) => c.anchor.truncated }),
    anchored: t.boolean({ description: 'A signed head exists for this database (false before the first event an anchored API wrote)', resolve: (c) => c.anchor.anchored }),
    expectedHead: t.field({ type: AuditHeadRef, nullable: true, resolve: (c) => c.anchor.expectedHead }),
    anchorProblem: t.string({ nullable: true, description: 'What is wrong with the head, in Vietnamese', resolve: (c) => c.anchor.problem }),
  }),
});

const UNANCHORED: AnchorCheck = { anchored: false, truncated: false, expectedHead: null, problem: null };

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
    description:
      'Recomputes every hash (a changed or deleted event breaks the chain where it happened) and compares the newest events with the signed head kept apart (deleted newest events cut the chain). National audit readers only: the chain spans every province.',
    resolve: async (_root, _args, ctx) => {
      if (!auditScopes(ctx).includes('')) throw forbidden(refusalVi(ctx.auth?.label ?? 'anonymous', 'audit.read', 'toàn quốc'));
      const broken = await findBrokenLink(ctx.db);
      const [{ n }] = (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM "AuditEvent"')) as [{ n: number }];
      const anchor = (await anchorOf(ctx.db)?.check(ctx.db)) ?? UNANCHORED;
      const intact = broken === undefined && !anchor.truncated && anchor.problem === null;
      return { intact, firstBrokenId: broken === undefined ? null : String(broken), events: n, anchor };
    },
  }),
}));
