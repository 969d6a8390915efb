import { createHash } from 'node:crypto';
import type { SqlExecutor } from '@antt/db';

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
  readonly areaPath?: string | null;
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

/** Appends one event inside the caller's transaction (or its own). */
export async function appendAudit(db: SqlExecutor, input: AuditInput): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
    const last = await tx.query<{ hash: string }>('SELECT hash FROM "AuditEvent" ORDER BY id DESC LIMIT 1');
    const prevHash = last[0]?.hash ?? GENESIS;
    // Millisecond precision: what the database keeps is exactly what was hashed.
    const at = new Date(Math.floor(Date.now()));
    const hash = eventHash(prevHash, { ...input, at });
    await tx.query(
      `INSERT INTO "AuditEvent" (at, "actorId", "actorLabel", action, entity, "entityId", before, after, "areaPath", "prevHash", hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [at, input.actorId, input.actorLabel, input.action, input.entity, input.entityId, JSON.stringify(input.before ?? null), JSON.stringify(input.after ?? null), input.areaPath ?? null, prevHash, hash],
    );
  });
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
  change: Pick<AuditInput, 'action' | 'entity' | 'entityId' | 'before' | 'after'> & { readonly areaPath: string | null },
): Promise<void> {
  return appendAudit(ctx.db, { actorId: ctx.auth?.id ?? null, actorLabel: ctx.auth?.label ?? 'anonymous', ...change });
}
