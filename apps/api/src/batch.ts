import type { GraphQLResolveInfo } from 'graphql';

/*
 * Request-scoped batching, a minimal DataLoader: the rows of a list resolve their fields in one
 * tick, so every call for the same batch made before the tick ends is answered by one `load`.
 * Batches live per request (keyed by the context object, gone with it) and per name.
 */

interface Batch<K, V> {
  readonly keys: K[];
  readonly done: Promise<(key: K) => V>;
}

const batchesByRequest = new WeakMap<object, Map<string, Batch<unknown, unknown>>>();

/** Runs `fn` once the promise jobs queued so far have run (DataLoader's schedule). */
function afterCurrentTick(fn: () => void): void {
  void Promise.resolve().then(() => process.nextTick(fn));
}

/**
 * Joins `key` to the batch `name` of this request and resolves with what `load` returns for it.
 * `load` runs once per batch with every key (in call order, duplicates removed) and returns a
 * lookup for them.
 *
 * @example
 * const versions = await batched(ctx, fieldBatchName(info, args), version.parentId, async (ids) =>
 *   groupBy(await ctx.db.prisma.unitVersion.findMany({ where: { unitId: { in: ids } } }), (row) => row.unitId),
 * );
 */
export function batched<K, V>(ctx: object, name: string, key: K, load: (keys: K[]) => Promise<(key: K) => V>): Promise<V> {
  let batches = batchesByRequest.get(ctx);
  if (!batches) {
    batches = new Map();
    batchesByRequest.set(ctx, batches);
  }
  let batch = batches.get(name) as Batch<K, V> | undefined;
  if (!batch) {
    const keys: K[] = [];
    const done = new Promise<(key: K) => V>((resolve, reject) => {
      afterCurrentTick(() => {
        // Calls from now on start a new batch.
        batches.delete(name);
        load([...new Set(keys)]).then(resolve, reject);
      });
    });
    batch = { keys, done };
    batches.set(name, batch as Batch<unknown, unknown>);
  }
  batch.keys.push(key);
  return batch.done.then((lookup) => lookup(key));
}

/** Response paths without list indices, memoised per path link: graphql-js shares the links above a list between its rows. */
const pathNames = new WeakMap<GraphQLResolveInfo['path'], string>();

function pathName(path: GraphQLResolveInfo['path'] | undefined): string {
  if (!path) return '';
  let name = pathNames.get(path);
  if (name === undefined) {
    const prefix = pathName(path.prev);
    name = typeof path.key === 'string' ? `${prefix}.${path.key}` : prefix;
    pathNames.set(path, name);
  }
  return name;
}

/**
 * A batch name for the field `info` resolves: its parent type, response path without list indices
 * (every row of a list shares it, two aliases of a field do not) and arguments.
 */
export function fieldBatchName(info: GraphQLResolveInfo, args: object): string {
  return `${info.parentType.name}${pathName(info.path)}(${JSON.stringify(args)})`;
}

/** A lookup of `rows` by `keyOf`, with `[]` for keys no row has: the usual result of a batch `load`. */
export function groupBy<T, K>(rows: readonly T[], keyOf: (row: T) => K): (key: K) => T[] {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return (key) => groups.get(key) ?? [];
}

/**
 * The `select` of a prisma object field whose resolver loads its rows itself, in a batch, with the
 * query `queryFromInfo` plans for it: selects `columns` of the parent row, and plans the field's
 * nested selection without loading it, so that Pothos reads the rows the resolver loads with that
 * same plan as loaded (instead of loading each one again).
 */
export function loadedByResolver<Columns extends object>(columns: Columns) {
  return (_args: unknown, _ctx: unknown, nested: (selection: true) => unknown): Columns => {
    nested(true);
    return columns;
  };
}
