import { mayManageUser } from '@antt/criteria';
import type { Context } from '../context.ts';
import { forbidden, type Actor } from '../identity/actor.ts';
import { NotFoundError } from '../schema/errors.ts';

/*
 * The accounts an administrator acts on (reset, deactivate, revoke, unlock…): one rule for all of
 * them, @antt/criteria's `mayManageUser`, and one answer for a user they may not manage and one that
 * does not exist.
 */

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  createdAt: Date;
  disabledAt: Date | null;
  mustChangePassword: boolean;
  grants: Array<{ role: string; scopePath: string }>;
}

export const USER_SELECT = {
  id: true,
  username: true,
  displayName: true,
  createdAt: true,
  disabledAt: true,
  mustChangePassword: true,
  grants: { select: { role: true, scopePath: true } },
} as const;

const refusedOn = (actor: Actor, username: string) =>
  forbidden(`${actor.label} không được quản lý tài khoản "${username}" (có vai trò ngoài phạm vi của mình)`, { permission: 'users.grant', target: `người dùng ${username}` });

/** The user `username` if the caller may manage them; FORBIDDEN (or NOT_FOUND nationally) otherwise, alike for a missing one. */
export async function managedUser(ctx: Context, username: string): Promise<UserRow> {
  const actor = ctx.auth!;
  const user = await ctx.db.prisma.user.findUnique({ where: { username }, select: USER_SELECT });
  // The same refusal, word for word, for a missing user as for another province's (no existence oracle).
  if (!user) throw actor.scopes('users.grant').includes('') ? new NotFoundError('User', username) : refusedOn(actor, username);
  if (!mayManageUser(actor.grants, user.grants)) throw refusedOn(actor, username);
  return user;
}

async function liveSessionIds(ctx: Context, userId: string, except?: string): Promise<string[]> {
  const live = await ctx.db.prisma.session.findMany({ where: { userId, revokedAt: null, ...(except && { id: { not: except } }) }, select: { id: true } });
  return live.map((session) => session.id);
}

const announceRevoked = (ctx: Context, ids: readonly string[]) => {
  for (const id of ids) ctx.events.publish('credentialRevoked', { kind: 'session', id });
};

/** Ends every live session of a user (but `except`), so their live subscriptions end too. */
export async function endSessions(ctx: Context, userId: string, except?: string): Promise<number> {
  const ids = await liveSessionIds(ctx, userId, except);
  if (ids.length === 0) return 0;
  await ctx.db.prisma.session.updateMany({ where: { id: { in: ids } }, data: { revokedAt: new Date() } });
  announceRevoked(ctx, ids);
  return ids.length;
}

/** Ends a user's live subscriptions (their grants changed) without ending their sessions: they subscribe again with what they now hold. */
export async function endSubscriptions(ctx: Context, userId: string): Promise<void> {
  announceRevoked(ctx, await liveSessionIds(ctx, userId));
}
