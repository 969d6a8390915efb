import { can, isWithin, readableScopes, refusalVi, type Grant, type Permission } from '@antt/criteria';
import { secretHash, type Database } from '@antt/db';
import { GraphQLError } from 'graphql';

/*
 * Who is calling: a signed-in user with role grants on unit subtrees, or a partner application's
 * API key with a list of permissions on one subtree. Every check asks this object.
 */

export interface Actor {
  readonly kind: 'user' | 'apiKey';
  readonly id: string;
  /** "user:haiphong", "apiKey:key_demo…" — for the audit trail. */
  readonly label: string;
  /** The user's display name or the key's name, for people reading a history. */
  readonly displayName: string;
  readonly grants: readonly Grant[];
  /**
   * Signed in with a one-time password not yet changed: such a session holds no grant at all (every
   * permission is refused, PASSWORD_CHANGE_REQUIRED) and may only read `viewer`, `changePassword` or `logout`.
   */
  readonly mustChangePassword: boolean;
  /** The session behind this request (users), for logout. */
  readonly sessionId?: string;
  /** The credential this request came with, for ending its subscriptions when it is revoked. */
  readonly credential: { readonly kind: 'session' | 'apiKey'; readonly id: string; readonly expiresAt: Date | null };
  can(permission: Permission, path: string): boolean;
  /** The subtrees where `permission` holds, nested ones folded; `['']` is the whole country. */
  scopes(permission: Permission): string[];
  /** Whether `permission` holds anywhere at all (for the field-level gate). */
  holds(permission: Permission): boolean;
}

function userActor(id: string, username: string, displayName: string, held: Grant[], sessionId: string, expiresAt: Date, mustChangePassword: boolean): Actor {
  const grants = mustChangePassword ? [] : held;
  return {
    mustChangePassword,
    kind: 'user',
    id,
    label: `user:${username}`,
    displayName,
    credential: { kind: 'session', id: sessionId, expiresAt },
    grants,
    sessionId,
    can: (permission, path) => can(grants, permission, path),
    scopes: (permission) => readableScopes(grants, permission),
    holds: (permission) => readableScopes(grants, permission).length > 0,
  };
}

function keyActor(id: string, hint: string, name: string, scopePath: string, permissions: readonly string[], expiresAt: Date | null): Actor {
  const allowed = new Set(permissions);
  return {
    kind: 'apiKey',
    id,
    mustChangePassword: false,
    label: `apiKey:${hint}`,
    displayName: name,
    credential: { kind: 'apiKey', id, expiresAt },
    grants: [{ role: 'partnerApp', scopePath }],
    can: (permission, path) => allowed.has(permission) && isWithin(path, scopePath),
    scopes: (permission) => (allowed.has(permission) ? [scopePath] : []),
    holds: (permission) => allowed.has(permission),
  };
}

/** Resolves `Authorization: Bearer …` to an actor; null for no or an invalid, expired or revoked credential. */
export async function authenticate(db: Database, authorization: string | null, now: Date = new Date()): Promise<Actor | null> {
  const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization.trim()) : null;
  if (!match) return null;
  const secret = match[1]!;
  const hash = secretHash(secret);
  // One statement per request, outside Prisma so the per-query statement counts stay the query's own.
  if (secret.startsWith('ses_')) {
    const rows = await db.query<{ sessionId: string; userId: string; username: string; displayName: string; mustChangePassword: boolean; expiresAt: Date; grants: Grant[] | null }>(
      `SELECT s.id AS "sessionId", s."expiresAt", u.id AS "userId", u.username, u."displayName", u."mustChangePassword",
              (SELECT json_agg(json_build_object('role', g.role, 'scopePath', g."scopePath")) FROM "RoleGrant" g WHERE g."userId" = u.id) AS grants
         FROM "Session" s JOIN "User" u ON u.id = s."userId"
        WHERE s."tokenHash" = $1 AND s."revokedAt" IS NULL AND s."expiresAt" > $2 AND u."disabledAt" IS NULL`,
      [hash, now],
    );
    const row = rows[0];
    return row ? userActor(row.userId, row.username, row.displayName, row.grants ?? [], row.sessionId, new Date(row.expiresAt), row.mustChangePassword) : null;
  }
  if (secret.startsWith('key_')) {
    const rows = await db.query<{ id: string; hint: string; name: string; scopePath: string; permissions: string[]; expiresAt: Date | null }>(
      `SELECT id, hint, name, "scopePath", permissions, "expiresAt" FROM "ApiKey"
        WHERE "keyHash" = $1 AND "revokedAt" IS NULL AND ("expiresAt" IS NULL OR "expiresAt" > $2)`,
      [hash, now],
    );
    const key = rows[0];
    return key ? keyActor(key.id, key.hint, key.name, key.scopePath, key.permissions, key.expiresAt && new Date(key.expiresAt)) : null;
  }
  return null;
}

/** What was refused, for the audit trail (never sent to the client beyond the message). */
export interface Refusal {
  readonly permission: Permission | null;
  /** e.g. "unit 10507"; null when the field itself was refused. */
  readonly target: string | null;
}

/** A FORBIDDEN refusal that remembers what was refused (see refusals.ts). */
export class ForbiddenError extends GraphQLError {
  constructor(
    message: string,
    readonly refusal: Refusal = { permission: null, target: null },
  ) {
    super(message, { extensions: { code: 'FORBIDDEN' } });
  }
}

/** A transport-level refusal: not typed data, an error with a code clients switch on. */
export function forbidden(message: string, refusal?: Refusal): GraphQLError {
  return new ForbiddenError(message, refusal);
}

export function unauthenticated(message = 'Cần đăng nhập trước'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
}

/** Throws FORBIDDEN unless the actor holds `permission` on the unit at `path`. */
export function assertCan(actor: Actor | null, permission: Permission, path: string, what: string): asserts actor is Actor {
  if (!actor) throw unauthenticated();
  if (!actor.can(permission, path)) throw forbidden(refusalVi(actor.label, permission, what), { permission, target: what });
}

/**
 * What to tell a caller about something that does not exist. Only a caller who could act on it
 * wherever it might be (the whole country) learns it is missing; anyone else gets the FORBIDDEN a
 * thing of another province would give, so a refusal never tells them what another province holds.
 */
export function missingFor(actor: Actor | null, permission: Permission, notFound: Error): Error {
  if (!actor) return unauthenticated();
  return actor.scopes(permission).includes('') ? notFound : forbidden(refusalVi(actor.label, permission), { permission, target: null });
}
