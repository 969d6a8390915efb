import { canGrant, homeArea, ROLE_PERMISSIONS, type Permission, type WorkflowRole } from '@antt/criteria';
import { newSecret, secretHash, secretHint } from '@antt/db';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { assertCan, forbidden } from '../identity/actor.ts';
import { appendAudit } from '../identity/audit.ts';
import { AccountLockedError, InvalidCredentialsError, SignInThrottledError, signIn } from '../identity/sign-in.ts';
import { accountKey, clearThrottle } from '../identity/throttle.ts';
import { managedUser } from '../services/managed-users.ts';
import { ErrorInterface, NotFoundError, ValidationError } from './errors.ts';

builder.objectType(InvalidCredentialsError, {
  name: 'InvalidCredentialsError',
  interfaces: [ErrorInterface],
  fields: () => ({}),
});

for (const [type, name, description] of [
  [SignInThrottledError, 'SignInThrottledError', 'Too many attempts for now (this account or this client address): wait retryAfterSeconds'],
  [AccountLockedError, 'AccountLockedError', 'Locked after repeated failures: until retryAfterSeconds pass or an administrator calls unlockSignIn'],
] as const) {
  builder.objectType(type, {
    name,
    description,
    interfaces: [ErrorInterface],
    fields: (t) => ({ retryAfterSeconds: t.exposeInt('retryAfterSeconds') }),
  });
}

export const GrantRef = builder.objectRef<{ role: string; scopePath: string }>('RoleGrant').implement({
  description: 'A role held on a unit subtree (scopePath "" is the whole country)',
  fields: (t) => ({
    role: t.exposeString('role'),
    scopePath: t.exposeString('scopePath'),
    permissions: t.stringList({ resolve: (grant) => [...(ROLE_PERMISSIONS[grant.role as WorkflowRole] ?? [])] }),
  }),
});

const ViewerRef = builder
  .objectRef<{ kind: string; label: string; mustChangePassword: boolean; grants: ReadonlyArray<{ role: string; scopePath: string }> }>('Viewer')
  .implement({
    description: 'The caller of this request',
    fields: (t) => ({
      kind: t.exposeString('kind', { description: 'user | apiKey' }),
      label: t.exposeString('label'),
      mustChangePassword: t.exposeBoolean('mustChangePassword', { description: 'Signed in with a one-time password: call changePassword first (until then grants is empty)' }),
      grants: t.field({ type: [GrantRef], resolve: (viewer) => [...viewer.grants] }),
    }),
  });

const SessionRef = builder
  .objectRef<{ token: string; expiresAt: Date; displayName: string; mustChangePassword: boolean; grants: Array<{ role: string; scopePath: string }> }>('SessionToken')
  .implement({
    fields: (t) => ({
      token: t.exposeString('token', { description: 'Send as `Authorization: Bearer <token>`; shown once' }),
      expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
      displayName: t.exposeString('displayName'),
      mustChangePassword: t.exposeBoolean('mustChangePassword', {
        description: 'The password was one-time (new account or reset): this session may only call changePassword, viewer and logout, everything else answers PASSWORD_CHANGE_REQUIRED',
      }),
      grants: t.field({ type: [GrantRef], resolve: (session) => session.grants }),
    }),
  });

const ApiKeyRef = builder.objectRef<{ id: string; key: string | null; hint: string; scopePath: string; permissions: string[] }>('ApiKeyCreated').implement({
  fields: (t) => ({
    id: t.exposeString('id'),
    key: t.exposeString('key', { nullable: true, description: 'The secret, shown only in the response that creates it' }),
    hint: t.exposeString('hint'),
    scopePath: t.exposeString('scopePath'),
    permissions: t.exposeStringList('permissions'),
  }),
});

const SignInUnlockedRef = builder.objectRef<{ username: string; cleared: boolean }>('SignInUnlocked').implement({
  fields: (t) => ({
    username: t.exposeString('username'),
    cleared: t.exposeBoolean('cleared', { description: 'Whether the account had delays or a lock to end' }),
  }),
});

const PARTNER_PERMISSIONS: readonly Permission[] = ROLE_PERMISSIONS.partnerApp;

builder.queryFields((t) => ({
  viewer: t.field({
    type: ViewerRef,
    skipTypeScopes: true,
    authScopes: { signedIn: true },
    resolve: (_root, _args, ctx) => ({ kind: ctx.auth!.kind, label: ctx.auth!.label, mustChangePassword: ctx.auth!.mustChangePassword, grants: ctx.auth!.grants }),
  }),
}));

/**
 * A scope is the path of a unit ("31", "31/10507"), or "" for the nation: a grant or key on a path no
 * unit ever had would hold nowhere. Asked after the permission check, so a caller only learns about
 * paths inside their own subtree.
 */
export async function assertScopeNamesUnit(ctx: Context, scopePath: string): Promise<void> {
  if (scopePath === '') return;
  const rows = await ctx.db.query('SELECT 1 FROM "UnitVersion" WHERE path = $1 LIMIT 1', [scopePath]);
  if (rows.length === 0) {
    throw new ValidationError(`Phạm vi "${scopePath}" không phải đơn vị nào: dùng đường dẫn mã như "31" hoặc "31/10507"`, [
      { code: 'unknownTarget', path: 'scopePath', message: `không có đơn vị nào có đường dẫn "${scopePath}"` },
    ]);
  }
}

builder.mutationFields((t) => ({
  login: t.field({
    type: SessionRef,
    skipTypeScopes: true,
    errors: { types: [InvalidCredentialsError, SignInThrottledError, AccountLockedError] },
    description: 'Signs in; the token goes in `Authorization: Bearer …`',
    args: { username: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => signIn(ctx, args.username, args.password),
  }),
  logout: t.boolean({
    skipTypeScopes: true,
    authScopes: { signedIn: true },
    description: 'Revokes the session of this request',
    resolve: async (_root, _args, ctx) => {
      const sessionId = ctx.auth!.sessionId;
      if (!sessionId) return false;
      await ctx.db.prisma.session.update({ where: { id: sessionId }, data: { revokedAt: new Date() } });
      await appendAudit(ctx.db, { actorId: ctx.auth!.id, actorLabel: ctx.auth!.label, action: 'logout', entity: 'Session', entityId: sessionId, areaPath: homeArea(ctx.auth!.grants) });
      ctx.events.publish('credentialRevoked', { kind: 'session', id: sessionId });
      return true;
    },
  }),
  unlockSignIn: t.field({
    type: SignInUnlockedRef,
    authScopes: { permission: 'users.grant' },
    errors: { types: [NotFoundError] },
    description: "Ends an account's sign-in delays and lock; needs users.grant wherever the user holds a role",
    args: { username: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const user = await managedUser(ctx, args.username);
      const cleared = await clearThrottle(ctx.db, accountKey(user.username));
      await appendAudit(ctx.db, { actorId: ctx.auth!.id, actorLabel: ctx.auth!.label, action: 'login.unlock', entity: 'User', entityId: user.username, areaPath: homeArea(user.grants), after: { cleared } });
      return { username: user.username, cleared };
    },
  }),
  grantRole: t.field({
    type: GrantRef,
    authScopes: { permission: 'users.grant' },
    errors: { types: [NotFoundError, ValidationError] },
    description: 'Grants a role on a unit subtree, never beyond what the granter holds',
    args: { username: t.arg.string({ required: true }), role: t.arg.string({ required: true }), scopePath: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const role = args.role as WorkflowRole;
      if (!(role in ROLE_PERMISSIONS)) throw new ValidationError(`Không có vai trò "${args.role}"`);
      if (!canGrant(ctx.auth!.grants, role, args.scopePath)) throw forbidden(`${ctx.auth!.label} không được cấp vai trò ${role} trên "${args.scopePath}" (vượt quá quyền của mình hoặc ngoài địa bàn)`);
      await assertScopeNamesUnit(ctx, args.scopePath);
      const user = await ctx.db.prisma.user.findUnique({ where: { username: args.username } });
      if (!user) throw new NotFoundError('User', args.username);
      const grant = await ctx.db.prisma.roleGrant.upsert({
        where: { userId_role_scopePath: { userId: user.id, role, scopePath: args.scopePath } },
        create: { userId: user.id, role, scopePath: args.scopePath },
        update: {},
      });
      await appendAudit(ctx.db, { actorId: ctx.auth!.id, actorLabel: ctx.auth!.label, action: 'role.grant', entity: 'User', entityId: user.username, areaPath: args.scopePath, after: { role, scopePath: args.scopePath } });
      return { role: grant.role, scopePath: grant.scopePath };
    },
  }),
  createApiKey: t.field({
    type: ApiKeyRef,
    authScopes: { permission: 'users.grant' },
    errors: { types: [ValidationError] },
    description: 'A key for a partner application, limited to read permissions on one subtree',
    args: { name: t.arg.string({ required: true }), scopePath: t.arg.string({ required: true }), permissions: t.arg.stringList({ required: true }) },
    resolve: async (_root, args, ctx) => {
      assertCan(ctx.auth, 'users.grant', args.scopePath, `"${args.scopePath}"`);
      await assertScopeNamesUnit(ctx, args.scopePath);
      const unknown = args.permissions.filter((p) => !PARTNER_PERMISSIONS.includes(p as Permission));
      if (unknown.length > 0) throw new ValidationError(`Khoá đối tác chỉ mang các quyền ${PARTNER_PERMISSIONS.join(', ')}; không được ${unknown.join(', ')}`);
      const key = newSecret('key');
      const row = await ctx.db.prisma.apiKey.create({
        data: { name: args.name, keyHash: secretHash(key), hint: secretHint(key), scopePath: args.scopePath, permissions: args.permissions },
      });
      await appendAudit(ctx.db, { actorId: ctx.auth!.id, actorLabel: ctx.auth!.label, action: 'apiKey.create', entity: 'ApiKey', entityId: row.id, areaPath: row.scopePath, after: { scopePath: row.scopePath, permissions: row.permissions } });
      return { id: row.id, key, hint: row.hint, scopePath: row.scopePath, permissions: row.permissions };
    },
  }),
  revokeApiKey: t.boolean({
    authScopes: { permission: 'users.grant' },
    args: { id: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const key = await ctx.db.prisma.apiKey.findUnique({ where: { id: args.id } });
      if (!key) return false;
      assertCan(ctx.auth, 'users.grant', key.scopePath, `khoá ${key.hint}`);
      await ctx.db.prisma.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
      await appendAudit(ctx.db, { actorId: ctx.auth!.id, actorLabel: ctx.auth!.label, action: 'apiKey.revoke', entity: 'ApiKey', entityId: key.id, areaPath: key.scopePath });
      ctx.events.publish('credentialRevoked', { kind: 'apiKey', id: key.id });
      return true;
    },
  }),
}));
