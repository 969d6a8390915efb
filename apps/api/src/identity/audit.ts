import { createHash } from 'node:crypto';
import { homeArea } from '@antt/criteria';
import type { SqlExecutor } from '@antt/db';
import { anchorOf } from './audit-head.ts';

/*
 * The audit trail: append-only, each event carrying the hash of the one before, so that an edited
 * or deleted event breaks the chain at a findable place. Appends take a transaction-scoped advisory
 * lock so concurrent writers still form one chain.
 */

export interface AuditInput {
  readonly actorId: string | null;
  /** "user:admin31", "apiKey:key_ab…", "system:seed" — readable without a join. */
  readonly actorLabel: string;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly before?: unknown;
  readonly after?: unknown;
  /**
   * The area the event concerns (a unit's path, a set's province, '' for the nation), which decides
   * who reads it (@antt/criteria's `mayReadAuditEvent`). Hashed with the event when given.
   */
  readonly areaPath: string | null;
}

export interface AuditRow extends AuditInput {
  readonly id: number;
  readonly at: Date;
  readonly prevHash: string;
  readonly hash: string;
}

const GENESIS = '0'.repeat(64);
const AUDIT_LOCK = 72_707_380;

/** JSON with sorted keys, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function eventHash(prevHash: string, event: AuditInput & { at: Date }): string {
  // Events from before areas existed have none; leaving the key out keeps their hashes as they were.
  const { areaPath, ...rest } = event;
  const body = canonicalJson({ ...rest, ...(areaPath !== null && areaPath !== undefined && { areaPath }), at: event.at.toISOString(), before: event.before ?? null, after: event.after ?? null });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/**
 * Appends one event inside the caller's transaction (or its own). On the API's database object (not
 * a transaction's, whose commit it cannot see) the chain's signed head then moves to it (audit-head.ts).
 * Returns whether the event was written.
 */
export async function appendAudit(db: SqlExecutor, input: AuditInput, options: AppendOptions = {}): Promise<boolean> {
  const appended = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
    if (await options.skipIf?.(tx)) return undefined;
    const last = await tx.query<{ hash: string }>('SELECT hash FROM "AuditEvent" ORDER BY id DESC LIMIT 1');
    const prevHash = last[0]?.hash ?? GENESIS;
    // Millisecond precision: what the database keeps is exactly what was hashed.
    const at = new Date(Math.floor(Date.now()));
    const hash = eventHash(prevHash, { ...input, at });
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO "AuditEvent" (at, "actorId", "actorLabel", action, entity, "entityId", before, after, "areaPath", "prevHash", hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id::int AS id`,
      [at, input.actorId, input.actorLabel, input.action, input.entity, input.entityId, JSON.stringify(input.before ?? null), JSON.stringify(input.after ?? null), input.areaPath ?? null, prevHash, hash],
    );
    return { lastId: row!.id, lastHash: hash };
  });
  if (!appended) return false;
  await anchorOf(db)?.advance(db, appended);
  return true;
}

export interface AppendOptions {
  /** Asked under the chain's lock, before writing: true leaves the event out (e.g. a repeat of a recent one). */
  readonly skipIf?: (tx: SqlExecutor) => Promise<boolean>;
}

/** The id of the first event whose hash does not match its content or its predecessor; undefined when intact. */
export async function findBrokenLink(db: SqlExecutor): Promise<number | undefined> {
  const rows = await db.query<AuditRow>(
    `SELECT id::int AS id, at, "actorId", "actorLabel", action, entity, "entityId", before, after, "areaPath", "prevHash", hash FROM "AuditEvent" ORDER BY id`,
  );
  let prev = GENESIS;
  for (const row of rows) {
    const expected = eventHash(prev, {
      actorId: row.actorId,
      actorLabel: row.actorLabel,
      action: row.action,
      entity: row.entity,
      entityId: row.entityId,
      before: row.before,
      after: row.after,
      areaPath: row.areaPath,
      at: row.at,
    });
    if (row.prevHash !== prev || row.hash !== expected) return row.id;
    prev = row.hash;
  }
  return undefined;
}

/** Records a change made by the caller of a request. */
export function auditChange(
  ctx: { readonly db: SqlExecutor; readonly auth: { readonly id: string; readonly label: string } | null },
  change: Pick<AuditInput, 'action' | 'entity' | 'entityId' | 'before' | 'after' | 'areaPath'>,
): Promise<void> {
  return appendAudit(ctx.db, { actorId: ctx.auth?.id ?? null, actorLabel: ctx.auth?.label ?? 'anonymous', ...change }).then(() => undefined);
}

/** At most this many `access.refused` events per caller and minute, whatever the targets. */
export const REFUSALS_PER_MINUTE = 20;
const REFUSAL_WINDOW_MS = 60_000;
/** How far back (in events) a repeat is looked for: a minute of refusals sits well inside it. */
const REFUSAL_LOOKBACK = 20_000;

/** Refusals this process recorded or left out recently, by database, so a flood costs no lock and no query. */
const recentRefusals = new WeakMap<SqlExecutor, { keys: Map<string, number>; byActor: Map<string, number[]> }>();
/** Keys remembered at most; beyond, the database's check alone bounds the chain. */
const MAX_REMEMBERED = 10_000;

/**
 * Records that a signed-in caller was refused a protected action: at most one event per caller,
 * mutation and target a minute, and at most `REFUSALS_PER_MINUTE` per caller, so nobody grows the
 * chain by being refused. The check runs under the chain's lock, so concurrent requests and API
 * instances agree on it.
 */
export async function auditRefusal(
  db: SqlExecutor,
  actor: { readonly id: string; readonly label: string; readonly grants: readonly { readonly scopePath: string }[] },
  refusal: { readonly mutation: string; readonly permission: string | null; readonly target: string | null; readonly reason: string },
  now: Date = new Date(),
): Promise<boolean> {
  const entityId = refusal.target ?? refusal.mutation;
  const key = `${actor.label}\n${refusal.mutation}\n${entityId}`;
  let recent = recentRefusals.get(db);
  if (!recent) recentRefusals.set(db, (recent = { keys: new Map(), byActor: new Map() }));
  const fresh = (at: number) => now.getTime() - at < REFUSAL_WINDOW_MS;
  for (const [seen, at] of recent.keys) if (!fresh(at)) recent.keys.delete(seen);
  for (const [label, times] of recent.byActor) if (!times.some(fresh)) recent.byActor.delete(label);
  const ofActor = (recent.byActor.get(actor.label) ?? []).filter(fresh);
  if (recent.keys.has(key) || ofActor.length >= REFUSALS_PER_MINUTE) return false;
  if (recent.keys.size >= MAX_REMEMBERED) recent.keys.clear();
  recent.keys.set(key, now.getTime());
  recent.byActor.set(actor.label, [...ofActor, now.getTime()]);
  const since = new Date(now.getTime() - REFUSAL_WINDOW_MS);
  return appendAudit(
    db,
    {
      actorId: actor.id,
      actorLabel: actor.label,
      action: 'access.refused',
      entity: 'Mutation',
      entityId,
      // The caller's own area: their province reads what its staff tried (the target may be anyone's).
      areaPath: homeArea(actor.grants),
      after: { mutation: refusal.mutation, permission: refusal.permission, reason: refusal.reason },
    },
    {
      skipIf: async (tx) => {
        const [recent] = await tx.query<{ same: number; total: number }>(
          `SELECT count(*) FILTER (WHERE "entityId" = $2 AND after->>'mutation' = $3)::int AS same, count(*)::int AS total
             FROM "AuditEvent"
            WHERE id > (SELECT coalesce(max(id), 0) - $5 FROM "AuditEvent")
              AND action = 'access.refused' AND "actorLabel" = $1 AND at > $4`,
          [actor.label, entityId, refusal.mutation, since, REFUSAL_LOOKBACK],
        );
        return recent!.same > 0 || recent!.total >= REFUSALS_PER_MINUTE;
      },
    },
  );
}
