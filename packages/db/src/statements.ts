import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from '@prisma/driver-adapter-utils';

/**
 * Counts the SQL statements Prisma sends through its driver adapter (queries and writes, inside
 * transactions too; not BEGIN/COMMIT, not `db.query`). For no-N+1 tests: the count for a list of
 * 3 and a list of 30 must be the same.
 *
 * @example
 * const { count } = await db.statements.measure(() => yoga.fetch(request));
 * expect(count).toBeLessThanOrEqual(3);
 */
export interface StatementCounter {
  /** Statements sent since the database was created or `reset()` was last called. */
  readonly count: number;
  reset(): void;
  /** Runs `fn` and reports how many statements Prisma sent meanwhile, with their SQL. */
  measure<T>(fn: () => Promise<T>): Promise<{ result: T; count: number; statements: string[] }>;
  /** Calls `listener` with the SQL of every statement; returns the unsubscribe function. */
  subscribe(listener: (sql: string) => void): () => void;
}

export function createStatementCounter(): StatementCounter & { record(sql: string): void } {
  let count = 0;
  const listeners = new Set<(sql: string) => void>();
  return {
    get count() {
      return count;
    },
    reset() {
      count = 0;
    },
    record(sql) {
      count += 1;
      for (const listener of listeners) listener(sql);
    },
    subscribe(listener) {
      // A wrapper makes every subscription distinct, even for the same function.
      const entry = (sql: string) => listener(sql);
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    async measure(fn) {
      const statements: string[] = [];
      const entry = (sql: string) => statements.push(sql);
      listeners.add(entry);
      try {
        const result = await fn();
        return { result, count: statements.length, statements };
      } finally {
        listeners.delete(entry);
      }
    },
  };
}

type Queryable = Pick<SqlDriverAdapter, 'queryRaw' | 'executeRaw'>;

/** Transaction control: some adapters send it as statements, others not; never counted. */
const TRANSACTION_CONTROL = /^\s*(BEGIN|START TRANSACTION|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE)\b/i;

function countQueries<T extends Queryable>(target: T, record: (sql: string) => void): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (property === 'queryRaw' || property === 'executeRaw') {
        return (query: SqlQuery) => {
          if (!TRANSACTION_CONTROL.test(query.sql)) record(query.sql);
          return object[property](query);
        };
      }
      if (property === 'startTransaction') {
        return async (...args: Parameters<SqlDriverAdapter['startTransaction']>) => {
          const transaction: Transaction = await (object as unknown as SqlDriverAdapter).startTransaction(...args);
          return countQueries(transaction, record);
        };
      }
      const value: unknown = Reflect.get(object, property, receiver);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

/** Wraps a Prisma driver adapter factory so every statement it runs is reported to `record`. */
export function countingAdapterFactory<F extends SqlDriverAdapterFactory>(
  factory: F,
  record: (sql: string) => void,
): F {
  return new Proxy(factory, {
    get(object, property, receiver) {
      if (property === 'connect') {
        return async () => countQueries(await object.connect(), record);
      }
      const value: unknown = Reflect.get(object, property, receiver);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}
