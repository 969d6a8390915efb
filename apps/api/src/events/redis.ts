import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { PubSubEvent, PubSubEventTarget } from 'graphql-yoga';
import { Redis, type RedisOptions } from 'ioredis';

/** Hears what goes wrong (and right again) in the background; nothing here throws at the caller. */
export type Report = (message: string, error?: unknown) => void;

/** What yoga's `createPubSub` is typed over: each topic's publish arguments. */
export type PubSubChannels = Record<string, [] | [unknown] | [number | string, unknown]>;

export interface RedisEventTarget<TChannels extends PubSubChannels> {
  readonly target: PubSubEventTarget<TChannels>;
  /** Sends what is queued, then closes both connections; immediate when Redis is away (what waits for it is dropped). */
  close(): Promise<void>;
}

/**
 * yoga's Redis event target over two connections (a subscribing connection can do nothing else).
 * `name` labels them in `CLIENT LIST` as `<name>:publish` and `<name>:subscribe`.
 */
export function connectRedisEventTarget<TChannels extends PubSubChannels>(url: string, name: string, report: Report): RedisEventTarget<TChannels> {
  const publisher = connect(url, `${name}:publish`, report, {});
  // A SUBSCRIBE that fails is never retried, so while Redis is away it waits for Redis instead of failing.
  const subscriber = connect(url, `${name}:subscribe`, report, { maxRetriesPerRequest: null });
  const target = createRedisEventTarget<PubSubEvent<TChannels, Extract<keyof TChannels, string>>>({
    publishClient: reportingFailures(publisher, report),
    subscribeClient: reportingFailures(subscriber, report),
  });
  return {
    target,
    close: async () => {
      await Promise.all([end(publisher), end(subscriber)]);
    },
  };
}

function connect(url: string, connectionName: string, report: Report, options: RedisOptions): Redis {
  const client = new Redis(url, { connectionName, ...options });
  // ioredis retries for ever and emits an error per attempt: report the outage once, and its end.
  let down = false;
  client.on('error', (error: unknown) => {
    if (down) return;
    down = true;
    report(`Redis connection ${connectionName} failed; retrying`, error);
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    report(`Redis connection ${connectionName} is back`);
  });
  return client;
}

const UNAWAITED = new Set<PropertyKey>(['publish', 'subscribe', 'unsubscribe']);

/**
 * The event target sends these commands without awaiting them. While Redis is away they fail, and an
 * unhandled rejection would end the whole process; this view of the client reports them instead.
 */
function reportingFailures(client: Redis, report: Report): Redis {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      if (!UNAWAITED.has(property)) return method;
      return (...args: unknown[]) =>
        Promise.resolve(method(...args)).catch((error: unknown) => report(`Redis ${String(property)} failed`, error));
    },
  });
}

async function end(client: Redis): Promise<void> {
  if (client.status === 'ready') await client.quit().catch(() => undefined);
  // QUIT cannot reach a Redis that is away: stop reconnecting; commands still waiting for it are dropped.
  client.disconnect();
}
