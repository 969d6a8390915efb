import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type DatabaseKind = 'pglite' | 'postgres';

/** A row of column values, in the order of the `columns` given to `copyRows`. */
export type CopyRow = readonly unknown[];

/**
 * Raw SQL on either database, bypassing Prisma (and its statement counter). Values come back the
 * same on both kinds: `bigint` columns (e.g. `count(*)`) as numbers, `numeric` as strings, `date`
 * and `timestamp` as `Date` (UTC), `json`/`jsonb` parsed, arrays as arrays.
 */
export interface SqlExecutor {
  readonly kind: DatabaseKind;
  /** One statement with `$1`-style parameters; returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** One or more `;`-separated statements without parameters (scripts, DDL). */
  exec(sql: string): Promise<void>;
  /**
   * Bulk-inserts rows with `COPY … FROM STDIN` (PostgreSQL) or `COPY … FROM '/dev/blob'` (PGlite),
   * all in one transaction; returns the number of rows written. Columns are quoted identifiers, so
   * pass Prisma's names (`"UnitVersion"`, `"validFrom"`). Prisma-side defaults (`@default(uuid())`,
   * `@updatedAt`) do not apply: give those columns values. Values: strings, numbers, bigints,
   * booleans, `Date`s (stored as UTC), `null`/`undefined`, arrays (for `[]` columns), `Uint8Array`
   * (bytea) and plain objects (JSON).
   *
   * @example
   * await db.copyRows('Unit', ['id', 'code'], [[randomUUID(), '01'], [randomUUID(), '79']]);
   */
  copyRows(table: string, columns: readonly string[], rows: Iterable<CopyRow>): Promise<number>;
  /** Runs `fn` in one transaction (nested calls join the outer one); rolls back if it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

/** Rows per COPY chunk: big enough to amortise a round trip, small enough to bound memory. */
const COPY_CHUNK_ROWS = 20_000;

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `"public"."Unit"` from `public.Unit`; a single name stays unqualified. */
function quoteTable(table: string): string {
  return table.split('.').map(quoteIdentifier).join('.');
}

function copyStatement(table: string, columns: readonly string[], source: string): string {
  return `COPY ${quoteTable(table)} (${columns.map(quoteIdentifier).join(', ')}) FROM ${source}`;
}

function arrayLiteral(values: readonly unknown[]): string {
  const items = values.map((value) => {
    if (value === null || value === undefined) return 'NULL';
    if (Array.isArray(value)) return arrayLiteral(value);
    return `"${copyText(value).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}

/** A value as PostgreSQL's text input form (before COPY escaping). */
function copyText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 't' : 'f';
    default:
      if (value instanceof Date) return value.toISOString();
      if (Array.isArray(value)) return arrayLiteral(value);
      if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
      return JSON.stringify(value);
  }
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  return copyText(value).replace(/[\\\n\r\t]/g, (ch) => COPY_ESCAPES[ch] ?? ch);
}

/** Encodes rows in COPY's text format, `COPY_CHUNK_ROWS` rows per yielded chunk. */
export function* copyChunks(
  columns: readonly string[],
  rows: Iterable<CopyRow>,
): Generator<{ text: string; rows: number }> {
  let lines: string[] = [];
  for (const row of rows) {
    if (row.length !== columns.length) {
      throw new Error(`copyRows: a row has ${row.length} values for ${columns.length} columns`);
    }
    lines.push(row.map(copyField).join('\t'));
    if (lines.length === COPY_CHUNK_ROWS) {
      yield { text: `${lines.join('\n')}\n`, rows: lines.length };
      lines = [];
    }
  }
  if (lines.length > 0) yield { text: `${lines.join('\n')}\n`, rows: lines.length };
}

// ---------------------------------------------------------------------------------------------
// PGlite

export function pgliteExecutor(pglite: PGlite): SqlExecutor {
  const executor: SqlExecutor = {
    kind: 'pglite',
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await pglite.query<Row>(sql, [...params])).rows;
    },
    async exec(sql) {
      await pglite.exec(sql);
    },
    copyRows(table, columns, rows) {
      return executor.transaction((tx) => tx.copyRows(table, columns, rows));
    },
    transaction(fn) {
      return pglite.transaction((tx) => fn(pgliteTransactionExecutor(tx)));
    },
  };
  return executor;
}

function pgliteTransactionExecutor(tx: PGliteTransaction): SqlExecutor {
  const executor: SqlExecutor = {
    kind: 'pglite',
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await tx.query<Row>(sql, [...params])).rows;
    },
    async exec(sql) {
      await tx.exec(sql);
    },
    async copyRows(table, columns, rows) {
      const sql = copyStatement(table, columns, `'/dev/blob'`);
      let written = 0;
      for (const chunk of copyChunks(columns, rows)) {
        await tx.query(sql, [], { blob: new Blob([chunk.text]) });
        written += chunk.rows;
      }
      return written;
    },
    transaction(fn) {
      return fn(executor);
    },
  };
  return executor;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL (node-postgres)

const INT8_OID = 20;
const DATE_OID = 1082;

/** Type parsers that make node-postgres return what PGlite returns (see `SqlExecutor`). */
export const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (format !== 'binary' && oid === INT8_OID) return (value: string) => Number(value);
    if (format !== 'binary' && oid === DATE_OID) {
      return (value: string) => (value.length === 10 ? new Date(`${value}T00:00:00.000Z`) : value);
    }
    // The overloads of getTypeParser are not assignable to a callback parameter.
    return (pg.types.getTypeParser as (oid: number, format?: string) => unknown)(oid, format);
  },
} as unknown as pg.CustomTypesConfig;

export function pgPoolExecutor(pool: pg.Pool): SqlExecutor {
  const executor: SqlExecutor = {
    kind: 'postgres',
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await pool.query(sql, [...params]);
      return result.rows as Row[];
    },
    async exec(sql) {
      await pool.query(sql);
    },
    copyRows(table, columns, rows) {
      return executor.transaction((tx) => tx.copyRows(table, columns, rows));
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(pgClientExecutor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
  return executor;
}

/** A connection already inside a transaction. */
function pgClientExecutor(client: pg.PoolClient): SqlExecutor {
  const executor: SqlExecutor = {
    kind: 'postgres',
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query(sql, [...params]);
      return result.rows as Row[];
    },
    async exec(sql) {
      await client.query(sql);
    },
    async copyRows(table, columns, rows) {
      let written = 0;
      const source = Readable.from(
        (function* () {
          for (const chunk of copyChunks(columns, rows)) {
            written += chunk.rows;
            yield chunk.text;
          }
        })(),
      );
      await pipeline(source, client.query(copyFrom(copyStatement(table, columns, 'STDIN'))));
      return written;
    },
    transaction(fn) {
      return fn(executor);
    },
  };
  return executor;
}
