import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SqlExecutor } from '@antt/db';

/*
 * The hash chain shows an edited or removed event in the middle, but not the newest events removed
 * (the rest still chains from the first). So the chain's head — the newest event's id and hash — is
 * kept apart from the database, signed with a key the database never sees, and moved forward after
 * every append; every 1,000 events a signed checkpoint stays behind. A head whose event is gone or
 * different means the chain was cut. Someone who can rewrite the events table cannot forge a head
 * without the key.
 *
 * Several API instances on one database: appends are serialised by the chain's advisory lock; the
 * head moves after the append committed, only forward, and never past a head whose event is gone
 * (the evidence stays). A slower writer that finds a newer head leaves it, so the head may lag by the
 * appends in flight but never names an event that does not exist. Each instance keeps its own file
 * (or they share one on a shared folder); every head it ever wrote stays checkable.
 */

export interface AuditHead {
  readonly lastId: number;
  readonly lastHash: string;
  /** When the head was written (ISO). */
  readonly at: string;
}

interface SignedHead extends AuditHead {
  readonly signature: string;
}

interface StoredChain {
  head: SignedHead;
  checkpoints: SignedHead[];
}

interface HeadFile {
  version: 1;
  /** By database identity, so a database reset in development starts its own head. */
  databases: Record<string, StoredChain>;
}

/** What checking the anchor found; `problem` in Vietnamese when the chain was cut or the anchor tampered with. */
export interface AnchorCheck {
  readonly anchored: boolean;
  readonly truncated: boolean;
  readonly expectedHead: AuditHead | null;
  readonly problem: string | null;
}

export interface AuditAnchor {
  /** After an append committed: moves the head to `head` if it is newer and the current head's event is intact. */
  advance(db: SqlExecutor, head: Omit<AuditHead, 'at'>): Promise<void>;
  /** Compares the signed head and checkpoints with the events table. */
  check(db: SqlExecutor): Promise<AnchorCheck>;
}

/** Events between two checkpoints. */
export const CHECKPOINT_EVERY = 1000;

const anchors = new WeakMap<object, AuditAnchor>();

/** Anchors the audit chain of `db` (the API's database object): its appends move the head, `auditChain` checks it. */
export function anchorAudit(db: SqlExecutor, anchor: AuditAnchor): void {
  anchors.set(db, anchor);
}

/** The anchor of `db`; none for a transaction's executor, whose commit the append cannot see. */
export function anchorOf(db: SqlExecutor): AuditAnchor | undefined {
  return anchors.get(db);
}

/**
 * The key that signs heads: `AUDIT_HEAD_KEY` when set, else one generated once into `keyFile`
 * (mode 0600) beside the data. Whoever holds it can forge a head: keep it off the database server.
 */
export async function auditHeadKey(options: { readonly key?: string | undefined; readonly keyFile: string }): Promise<string> {
  if (options.key) return options.key;
  if (existsSync(options.keyFile)) return (await readFile(options.keyFile, 'utf8')).trim();
  await mkdir(dirname(options.keyFile), { recursive: true });
  const key = randomBytes(32).toString('base64url');
  await writeFile(options.keyFile, `${key}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return (await readFile(options.keyFile, 'utf8')).trim();
}

/** Which database a chain belongs to: its cluster's system identifier where readable, and its name. */
async function databaseIdentity(db: SqlExecutor): Promise<string> {
  const [named] = await db.query<{ name: string }>('SELECT current_database() AS name');
  try {
    const [system] = await db.query<{ id: string }>('SELECT system_identifier::text AS id FROM pg_control_system()');
    return `${system!.id}/${named!.name}`;
  } catch {
    // pg_control_system() is for superusers on a PostgreSQL server unless granted.
    return named!.name;
  }
}

/**
 * The head kept in a JSON file (`AUDIT_HEAD_FILE`, default `.data/audit-head.json`), written
 * atomically (a temporary file renamed over it).
 *
 * @example
 * anchorAudit(db, fileAuditAnchor({ file: '/var/lib/antt/audit-head.json', key: process.env.AUDIT_HEAD_KEY! }));
 */
export function fileAuditAnchor(options: { readonly file: string; readonly key: string; readonly report?: (message: string) => void }): AuditAnchor {
  if (options.key.length < 32) throw new Error('AUDIT_HEAD_KEY must have at least 32 characters');
  const identities = new WeakMap<SqlExecutor, Promise<string>>();
  const identityOf = (db: SqlExecutor) => {
    let identity = identities.get(db);
    if (!identity) identities.set(db, (identity = databaseIdentity(db)));
    return identity;
  };
  const sign = (database: string, kind: 'head' | 'checkpoint', head: AuditHead) =>
    createHmac('sha256', options.key).update(`antt.audit.${kind}\n${database}\n${head.lastId}\n${head.lastHash}\n${head.at}`).digest('hex');
  const verified = (database: string, kind: 'head' | 'checkpoint', head: SignedHead) => {
    const expected = Buffer.from(sign(database, kind, head), 'hex');
    const given = Buffer.from(head.signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const load = async (): Promise<HeadFile> => {
    try {
      return JSON.parse(await readFile(options.file, 'utf8')) as HeadFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, databases: {} };
      throw error;
    }
  };
  const save = async (content: HeadFile) => {
    await mkdir(dirname(options.file), { recursive: true });
    const temporary = `${options.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temporary, JSON.stringify(content, null, 1), { mode: 0o600 });
    await rename(temporary, options.file);
    await chmod(options.file, 0o600).catch(() => undefined);
  };
  const hashesOf = async (db: SqlExecutor, ids: readonly number[]) =>
    new Map((await db.query<{ id: number; hash: string }>('SELECT id::int AS id, hash FROM "AuditEvent" WHERE id = ANY($1::bigint[])', [[...ids]])).map((row) => [row.id, row.hash]));

  // One file write at a time in this process; appends arrive in commit order or close to it.
  let queue: Promise<void> = Promise.resolve();

  return {
    advance(db, next) {
      const run = queue.then(async () => {
        const database = await identityOf(db);
        const content = await load();
        const stored = content.databases[database];
        if (stored) {
          if (stored.head.lastId >= next.lastId) return;
          if (!verified(database, 'head', stored.head)) return options.report?.('audit head: the stored head’s signature does not match; left as it is');
          const hashes = await hashesOf(db, [stored.head.lastId]);
          if (hashes.get(stored.head.lastId) !== stored.head.lastHash) {
            return options.report?.(`audit head: event #${stored.head.lastId} is gone or changed; the head stays as evidence`);
          }
        }
        const unsigned: AuditHead = { lastId: next.lastId, lastHash: next.lastHash, at: new Date().toISOString() };
        const head: SignedHead = { ...unsigned, signature: sign(database, 'head', unsigned) };
        const checkpoints = [...(stored?.checkpoints ?? [])];
        const crossed = Math.floor(next.lastId / CHECKPOINT_EVERY) > Math.floor((stored?.head.lastId ?? 0) / CHECKPOINT_EVERY);
        if (crossed || !stored) checkpoints.push({ ...unsigned, signature: sign(database, 'checkpoint', unsigned) });
        content.databases[database] = { head, checkpoints };
        await save(content);
      });
      queue = run.catch((error: unknown) => options.report?.(`audit head: ${error instanceof Error ? error.message : String(error)}`));
      return queue;
    },

    async check(db) {
      await queue;
      const database = await identityOf(db);
      const stored = (await load()).databases[database];
      if (!stored) return { anchored: false, truncated: false, expectedHead: null, problem: null };
      const { signature: _signature, ...expectedHead } = stored.head;
      const unsigned = [stored.head, ...stored.checkpoints].filter((head, index) => !verified(database, index === 0 ? 'head' : 'checkpoint', head));
      if (unsigned.length > 0) {
        return { anchored: true, truncated: false, expectedHead, problem: 'Đầu chuỗi nhật ký đã lưu không khớp chữ ký: tệp neo đã bị sửa ngoài hệ thống' };
      }
      const marks = [stored.head, ...stored.checkpoints];
      const hashes = await hashesOf(db, marks.map((mark) => mark.lastId));
      const missing = marks.filter((mark) => hashes.get(mark.lastId) !== mark.lastHash).sort((a, b) => a.lastId - b.lastId);
      if (missing.length === 0) return { anchored: true, truncated: false, expectedHead, problem: null };
      const first = missing[0]!;
      const what = hashes.has(first.lastId) ? 'đã bị thay đổi' : 'đã bị xóa';
      return {
        anchored: true,
        truncated: true,
        expectedHead,
        problem: `Sự kiện #${first.lastId}, đã được ký xác nhận lúc ${first.at}, ${what}: chuỗi nhật ký đã bị cắt (đầu chuỗi phải là #${stored.head.lastId})`,
      };
    },
  };
}
