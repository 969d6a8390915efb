import { createHash } from 'node:crypto';
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
  const body = canonicalJson({ ...event, at: event.at.toISOString(), before: event.before ?? null, after: event.after ?? null });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/**
 * Appends one event inside the caller's transaction (or its own). On the API's database object (not
 * a transaction's, whose commit it cannot see) the chain's signed head then moves to it (audit-head.ts).
 */
export async function appendAudit(db: SqlExecutor, input: AuditInput): Promise<void> {
  const appended = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
    const last = await tx.query<{ hash: string }>('SELECT hash FROM "AuditEvent" ORDER BY id DESC LIMIT 1');
    const prevHash = last[0]?.hash ?? GENESIS;
    // Millisecond precision: what the database keeps is exactly what was hashed.
    const at = new Date(Math.floor(Date.now()));
    const hash = eventHash(prevHash, { ...input, at });
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO "AuditEvent" (at, "actorId", "actorLabel", action, entity, "entityId", before, after, "prevHash", hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id::int AS id`,
      [at, input.actorId, input.actorLabel, input.action, input.entity, input.entityId, JSON.stringify(input.before ?? null), JSON.stringify(input.after ?? null), prevHash, hash],
    );
    return { lastId: row!.id, lastHash: hash };
  });
  await anchorOf(db)?.advance(db, appended);
}

/** The id of the first event whose hash does not match its content or its predecessor; undefined when intact. */
export async function findBrokenLink(db: SqlExecutor): Promise<number | undefined> {
  const rows = await db.query<AuditRow>(
    `SELECT id::int AS id, at, "actorId", "actorLabel", action, entity, "entityId", before, after, "prevHash", hash FROM "AuditEvent" ORDER BY id`,
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
  change: Pick<AuditInput, 'action' | 'entity' | 'entityId' | 'before' | 'after'>,
): Promise<void> {
  return appendAudit(ctx.db, { actorId: ctx.auth?.id ?? null, actorLabel: ctx.auth?.label ?? 'anonymous', ...change });
}
