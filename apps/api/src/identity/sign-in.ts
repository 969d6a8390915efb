import { homeArea } from '@antt/criteria';
import { hashPassword, needsRehash, newSecret, secretHash, verifyPassword, type Database } from '@antt/db';
import { appendAudit } from './audit.ts';
import { ACCOUNT_POLICY, ADDRESS_POLICY, Limits, accountKey, addressKey, reserveAttempt, settleSuccess, type Counted } from './throttle.ts';

/*
 * Signing in: throttled per account and per client address before any hashing, the same answer and
 * about the same time for an unknown user as for a wrong password, and hashes of older parameters
 * replaced once the password is known to be right.
 */

/** Sessions last a working day and a half; logout or an admin revokes them earlier. */
const SESSION_HOURS = 36;
// Verifying against a throw-away hash keeps "no such user" as slow as "wrong password".
const DUMMY_HASH = hashPassword('not a password of anyone');

export class InvalidCredentialsError extends Error {
  readonly code = 'INVALID_CREDENTIALS';
  constructor() {
    super('Sai tên đăng nhập hoặc mật khẩu');
    this.name = 'InvalidCredentialsError';
  }
}

/** Too many attempts for now: from this address, or on this account before it locks. */
export class SignInThrottledError extends Error {
  readonly code = 'SIGN_IN_THROTTLED';
  constructor(readonly retryAfterSeconds: number) {
    super(`Quá nhiều lần đăng nhập không thành công; thử lại sau ${retryAfterSeconds} giây.`);
    this.name = 'SignInThrottledError';
  }
}

/** The account is locked after repeated failures, until the time passes or an administrator unlocks it. */
export class AccountLockedError extends Error {
  readonly code = 'ACCOUNT_LOCKED';
  constructor(readonly retryAfterSeconds: number) {
    super(`Tài khoản tạm khoá do đăng nhập sai nhiều lần; thử lại sau ${retryAfterSeconds} giây hoặc nhờ quản trị viên mở khoá.`);
    this.name = 'AccountLockedError';
  }
}

/** What a refused attempt on `account` says: the account itself locked, or a wait (its own or its address's). */
export function throttledError(refused: { readonly reason: string; readonly key: string; readonly retryAfterSeconds: number }, account: string): AccountLockedError | SignInThrottledError {
  return refused.reason === 'locked' && refused.key === account ? new AccountLockedError(refused.retryAfterSeconds) : new SignInThrottledError(refused.retryAfterSeconds);
}

export interface SignedIn {
  token: string;
  expiresAt: Date;
  displayName: string;
  /** A one-time password: the session may only change it (see Actor.mustChangePassword). */
  mustChangePassword: boolean;
  grants: Array<{ role: string; scopePath: string }>;
}

export interface SignInContext {
  readonly db: Database;
  readonly clientAddress: string | null;
  readonly limits: Limits;
}

export async function signIn(ctx: SignInContext, username: string, password: string): Promise<SignedIn> {
  const address = ctx.clientAddress;
  if (address && !ctx.limits.enter(address)) throw new SignInThrottledError(1);
  try {
    const account = accountKey(username);
    const reservation = await reserveAttempt(ctx.db, [
      { key: account, policy: ACCOUNT_POLICY },
      ...(address ? [{ key: addressKey(address), policy: ADDRESS_POLICY }] : []),
    ], ctx.limits.now());
    if (!reservation.allowed) throw throttledError(reservation, account);
    const user = await ctx.db.prisma.user.findUnique({ where: { username }, include: { grants: true } });
    const valid = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH));
    if (!user || !valid || user.disabledAt) {
      await auditFailure(ctx.db, username, user && homeArea(user.grants), address, reservation.counted, account);
      throw new InvalidCredentialsError();
    }
    await settleSuccess(ctx.db, reservation.counted, account);
    if (needsRehash(user.passwordHash)) {
      await ctx.db.prisma.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
    }
    const token = newSecret('ses');
    const expiresAt = new Date(ctx.limits.now().getTime() + SESSION_HOURS * 3600_000);
    const session = await ctx.db.prisma.session.create({ data: { userId: user.id, tokenHash: secretHash(token), expiresAt } });
    await appendAudit(ctx.db, { actorId: user.id, actorLabel: `user:${user.username}`, action: 'login', entity: 'Session', entityId: session.id, areaPath: homeArea(user.grants) });
    return { token, expiresAt, displayName: user.displayName, mustChangePassword: user.mustChangePassword, grants: user.grants.map((g) => ({ role: g.role, scopePath: g.scopePath })) };
  } finally {
    if (address) ctx.limits.leave(address);
  }
}

/**
 * An anonymous caller must not grow the audit chain without bound: a known account's series of
 * failures is recorded at its first failure and when it locks, an address when it locks; unknown
 * names only count against their address. A known account's events belong to its own area (`area`;
 * null for an unknown name), so its province reads them; an address's are national.
 */
async function auditFailure(db: Database, username: string, area: string | null, address: string | null, counted: readonly Counted[], account: string): Promise<void> {
  const known = area !== null;
  const after = address ? { clientAddress: address } : undefined;
  for (const entry of counted) {
    if (entry.key === account && known) {
      if (entry.first) await appendAudit(db, { actorId: null, actorLabel: 'anonymous', action: 'login.failed', entity: 'User', entityId: username, areaPath: area, after });
      if (entry.locks) await appendAudit(db, { actorId: null, actorLabel: 'anonymous', action: 'login.locked', entity: 'User', entityId: username, areaPath: area, after: { ...after, lockedUntil: entry.lockedUntil } });
    } else if (entry.key !== account && entry.locks) {
      await appendAudit(db, { actorId: null, actorLabel: 'anonymous', action: 'login.addressLocked', entity: 'ClientAddress', entityId: address ?? '', areaPath: null, after: { lockedUntil: entry.lockedUntil } });
    }
  }
}
