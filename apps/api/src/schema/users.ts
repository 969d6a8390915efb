import { randomBytes } from 'node:crypto';
import { canGrant, homeArea, isWithin, mayManageUser, passwordIssues, readableScopes, refusalVi, ROLE_PERMISSIONS, usernameIssues, type WorkflowRole } from '@antt/criteria';
import { hashPassword, verifyPassword } from '@antt/db';
import { builder } from '../builder.ts';
import { forbidden, missingFor } from '../identity/actor.ts';
import { auditChange } from '../identity/audit.ts';
import { AccountLockedError, InvalidCredentialsError, SignInThrottledError, throttledError } from '../identity/sign-in.ts';
import { ACCOUNT_POLICY, accountKey, reserveAttempt, settleSuccess } from '../identity/throttle.ts';
import { endSessions, endSubscriptions, managedUser, USER_SELECT, type UserRow } from '../services/managed-users.ts';
import { findArea } from '../services/reports.ts';
import { subtreeWhere } from '../services/unit-scope.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { assertScopeNamesUnit, GrantRef } from './identity.ts';

/*
 * A province onboards its own staff. An administrator (users.grant) creates accounts, resets their
 * passwords, deactivates and reactivates them and revokes their roles, only for users whose every grant
 * lies inside the administrator's subtrees (`mayManageUser`), and grants only what `canGrant` allows.
 * A user the caller may not manage and a user that does not exist get the same answer (FORBIDDEN,
 * NOT_FOUND only for a national administrator). New and reset accounts get a one-time password: the
 * session it opens may only change it (Actor.mustChangePassword).
 */

const UserRef = builder.objectRef<UserRow>('User').implement({
  description: 'An account and its grants (never its password)',
  fields: (t) => ({
    username: t.exposeString('username'),
    displayName: t.exposeString('displayName'),
    active: t.boolean({ resolve: (user) => user.disabledAt === null }),
    disabledAt: t.expose('disabledAt', { type: 'DateTime', nullable: true }),
    mustChangePassword: t.exposeBoolean('mustChangePassword', { description: 'A one-time password is set and not yet changed' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    grants: t.field({ type: [GrantRef], resolve: (user) => user.grants.map((g) => ({ role: g.role, scopePath: g.scopePath })) }),
  }),
});

const WithPasswordRef = builder.objectRef<{ user: UserRow; oneTimePassword: string }>('UserWithOneTimePassword').implement({
  description: 'A new or reset account: hand the one-time password to its owner; it is shown only here and must be changed at the first sign-in',
  fields: (t) => ({
    user: t.field({ type: UserRef, resolve: (r) => r.user }),
    oneTimePassword: t.exposeString('oneTimePassword'),
  }),
});

const CreateUserInput = builder.inputType('CreateUserInput', {
  fields: (t) => ({
    username: t.string({ required: true }),
    displayName: t.string({ required: true }),
    role: t.string({ required: true }),
    scopePath: t.string({ required: true, description: 'The unit subtree the role holds on ("31", "31/10507"; "" the nation)' }),
  }),
});

/** 16 characters of base64url (96 bits): long enough, typed once. */
const oneTimePassword = () => randomBytes(12).toString('base64url');

function assertRole(role: string, path = 'role'): asserts role is WorkflowRole {
  if (!(role in ROLE_PERMISSIONS) || role === 'partnerApp') {
    throw new ValidationError(`Không có vai trò "${role}"`, [{ code: 'unknownRole', path, message: `vai trò hợp lệ: ${Object.keys(ROLE_PERMISSIONS).filter((r) => r !== 'partnerApp').join(', ')}` }]);
  }
}

builder.queryFields((t) => ({
  users: t.field({
    type: [UserRef],
    authScopes: { permission: 'users.grant' },
    errors: { types: [NotFoundError] },
    description: 'The accounts the caller manages (every grant inside the caller’s users.grant subtrees), optionally only those with a grant at or below a unit',
    args: { areaCode: t.arg.string({ required: false, description: 'A unit valid today; unknown: NOT_FOUND (nationally) or FORBIDDEN, outside the caller’s subtrees: FORBIDDEN' }) },
    resolve: async (_root, args, ctx) => {
      const actor = ctx.auth!;
      const scopes = readableScopes(actor.grants, 'users.grant');
      let area: string | undefined;
      if (args.areaCode) {
        const found = await findArea(ctx.db, args.areaCode, ctx.today);
        if (!found) throw missingFor(actor, 'users.grant', new NotFoundError('Unit', args.areaCode));
        if (!scopes.some((scope) => isWithin(found.path, scope))) throw forbidden(refusalVi(actor.label, 'users.grant', `đơn vị ${args.areaCode}`), { permission: 'users.grant', target: `đơn vị ${args.areaCode}` });
        area = found.path;
      }
      // The database narrows to users with some grant inside the caller's subtrees; the rule decides.
      const rows = await ctx.db.prisma.user.findMany({
        where: scopes.includes('') ? {} : { grants: { some: subtreeWhere('scopePath', scopes) } },
        select: USER_SELECT,
        orderBy: { username: 'asc' },
      });
      return rows.filter((user) => mayManageUser(actor.grants, user.grants) && (area === undefined || user.grants.some((g) => isWithin(g.scopePath, area!))));
    },
  }),
}));

builder.mutationFields((t) => ({
  createUser: t.field({
    type: WithPasswordRef,
    authScopes: { permission: 'users.grant' },
    errors: { types: [ValidationError] },
    description: 'Creates an account holding one role on one subtree, with a one-time password to change at the first sign-in',
    args: { input: t.arg({ type: CreateUserInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const actor = ctx.auth!;
      assertRole(input.role, 'input.role');
      if (!canGrant(actor.grants, input.role, input.scopePath)) {
        throw forbidden(`${actor.label} không được cấp vai trò ${input.role} trên "${input.scopePath}"`, { permission: 'users.grant', target: `"${input.scopePath}"` });
      }
      await assertScopeNamesUnit(ctx, input.scopePath);
      const issues = [
        ...usernameIssues(input.username, 'input.username'),
        ...(input.displayName.trim() === '' ? [{ code: 'invalidUsername' as const, path: 'input.displayName', message: 'cần tên hiển thị' }] : []),
      ];
      if (issues.length > 0) throw new ValidationError('Thông tin tài khoản không hợp lệ', issues);
      if (await ctx.db.prisma.user.findUnique({ where: { username: input.username }, select: { id: true } })) {
        throw new ValidationError(`Tên đăng nhập "${input.username}" đã có người dùng`, [{ code: 'usernameTaken', path: 'input.username', message: 'chọn tên đăng nhập khác' }]);
      }
      const password = oneTimePassword();
      const user = await ctx.db.prisma.user.create({
        data: {
          username: input.username,
          displayName: input.displayName.trim(),
          passwordHash: await hashPassword(password),
          mustChangePassword: true,
          grants: { create: { role: input.role, scopePath: input.scopePath } },
        },
        select: USER_SELECT,
      });
      await auditChange(ctx, { action: 'user.create', entity: 'User', entityId: user.username, areaPath: input.scopePath, after: { displayName: user.displayName, role: input.role, scopePath: input.scopePath } });
      return { user, oneTimePassword: password };
    },
  }),
  resetPassword: t.field({
    type: WithPasswordRef,
    authScopes: { permission: 'users.grant' },
    errors: { types: [NotFoundError] },
    description: "Gives a user a new one-time password (to change at the next sign-in) and ends the user's sessions",
    args: { username: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const user = await managedUser(ctx, args.username);
      const password = oneTimePassword();
      const updated = await ctx.db.prisma.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password), mustChangePassword: true }, select: USER_SELECT });
      const ended = await endSessions(ctx, user.id);
      await auditChange(ctx, { action: 'user.passwordReset', entity: 'User', entityId: user.username, areaPath: homeArea(user.grants), after: { sessionsEnded: ended } });
      return { user: updated, oneTimePassword: password };
    },
  }),
  changePassword: t.field({
    type: UserRef,
    skipTypeScopes: true,
    authScopes: { signedIn: true },
    errors: { types: [ValidationError, InvalidCredentialsError, SignInThrottledError, AccountLockedError] },
    description:
      "Changes the caller's own password (at least 12 characters, not the username); the caller's other sessions end. A wrong current password counts against the account like a failed sign-in",
    args: { currentPassword: t.arg.string({ required: true }), newPassword: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const actor = ctx.auth!;
      if (actor.kind !== 'user') throw forbidden('Khoá ứng dụng không có mật khẩu để đổi', { permission: null, target: actor.label });
      const user = await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: actor.id }, select: { ...USER_SELECT, passwordHash: true } });
      // Checked before the current password, so a weak choice costs no hashing.
      const issues = passwordIssues(user.username, args.newPassword);
      if (args.newPassword === args.currentPassword) issues.push({ code: 'weakPassword', path: 'newPassword', message: 'mật khẩu mới phải khác mật khẩu hiện tại' });
      if (issues.length > 0) throw new ValidationError(`Mật khẩu mới không đạt: ${issues.map((i) => i.message).join('; ')}`, issues);
      // Guessing the current password here is throttled (and locks) like guessing it at sign-in.
      const account = accountKey(user.username);
      const reservation = await reserveAttempt(ctx.db, [{ key: account, policy: ACCOUNT_POLICY }], ctx.limits.now());
      if (!reservation.allowed) throw throttledError(reservation, account);
      if (!(await verifyPassword(args.currentPassword, user.passwordHash))) throw new InvalidCredentialsError();
      await settleSuccess(ctx.db, reservation.counted, account);
      const updated = await ctx.db.prisma.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(args.newPassword), mustChangePassword: false }, select: USER_SELECT });
      const ended = await endSessions(ctx, user.id, actor.sessionId);
      await auditChange(ctx, { action: 'user.passwordChange', entity: 'User', entityId: user.username, areaPath: homeArea(user.grants), after: { sessionsEnded: ended } });
      return updated;
    },
  }),
  deactivateUser: t.field({
    type: UserRef,
    authScopes: { permission: 'users.grant' },
    errors: { types: [NotFoundError, ValidationError] },
    description: 'Blocks an account from signing in and ends its sessions (and their live subscriptions)',
    args: { username: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const user = await managedUser(ctx, args.username);
      if (user.id === ctx.auth!.id) throw new ValidationError('Không thể tự khoá tài khoản của chính mình', [{ code: 'invalidUsername', path: 'username', message: 'nhờ một quản trị viên khác' }]);
      if (user.disabledAt) return user;
      const updated = await ctx.db.prisma.user.update({ where: { id: user.id }, data: { disabledAt: new Date() }, select: USER_SELECT });
      const ended = await endSessions(ctx, user.id);
      await auditChange(ctx, { action: 'user.deactivate', entity: 'User', entityId: user.username, areaPath: homeArea(user.grants), after: { sessionsEnded: ended } });
      return updated;
    },
  }),
  reactivateUser: t.field({
    type: UserRef,
    authScopes: { permission: 'users.grant' },
    errors: { types: [NotFoundError] },
    description: 'Lets a deactivated account sign in again (with its password as it was)',
    args: { username: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const user = await managedUser(ctx, args.username);
      if (!user.disabledAt) return user;
      const updated = await ctx.db.prisma.user.update({ where: { id: user.id }, data: { disabledAt: null }, select: USER_SELECT });
      await auditChange(ctx, { action: 'user.reactivate', entity: 'User', entityId: user.username, areaPath: homeArea(user.grants) });
      return updated;
    },
  }),
  revokeRole: t.field({
    type: UserRef,
    authScopes: { permission: 'users.grant' },
    errors: { types: [NotFoundError, ValidationError] },
    description: 'Takes a role on a subtree from a user; only one the caller could grant, on a user the caller manages',
    args: { username: t.arg.string({ required: true }), role: t.arg.string({ required: true }), scopePath: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const actor = ctx.auth!;
      const user = await managedUser(ctx, args.username);
      assertRole(args.role);
      if (!canGrant(actor.grants, args.role, args.scopePath)) {
        throw forbidden(`${actor.label} không được thu hồi vai trò ${args.role} trên "${args.scopePath}"`, { permission: 'users.grant', target: `người dùng ${user.username}` });
      }
      const grant = user.grants.find((g) => g.role === args.role && g.scopePath === args.scopePath);
      if (!grant) throw new NotFoundError('RoleGrant', `${args.username} ${args.role} "${args.scopePath}"`);
      await ctx.db.prisma.roleGrant.delete({ where: { userId_role_scopePath: { userId: user.id, role: args.role, scopePath: args.scopePath } } });
      await endSubscriptions(ctx, user.id);
      await auditChange(ctx, { action: 'role.revoke', entity: 'User', entityId: user.username, areaPath: args.scopePath, before: { role: args.role, scopePath: args.scopePath } });
      return { ...user, grants: user.grants.filter((g) => g !== grant) };
    },
  }),
}));
