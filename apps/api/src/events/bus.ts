import { createPubSub, type PubSubEventTarget, type Repeater } from 'graphql-yoga';
import { connectRedisEventTarget, type Report } from './redis.ts';
import type { WorkflowChange } from './workflow-change.ts';

/** Everything the API pushes to subscribers, by topic. */
export interface EventTopics {
  readonly workflowChanged: WorkflowChange;
  /** A session logged out or an API key revoked: its open subscriptions end, on every instance. */
  readonly credentialRevoked: CredentialRevoked;
}

export interface CredentialRevoked {
  readonly kind: 'session' | 'apiKey';
  readonly id: string;
}
export type Topic = keyof EventTopics;

/**
 * yoga's pub/sub keyed by topic and namespace (on Redis the channel is `<topic>:<namespace>`). Its
 * types cannot follow a generic topic to its payload, so `EventBus` carries the payload types.
 */
type Channels = Record<Topic, [namespace: string, payload: unknown]>;
type ChannelTarget = PubSubEventTarget<Channels>;
type ChannelEvent = Parameters<ChannelTarget['dispatchEvent']>[0];
type ChannelListener = ((event: ChannelEvent) => void) | { handleEvent(event: ChannelEvent): void };

/**
 * The typed pub/sub of one API instance. In memory it reaches this process's subscribers; over Redis,
 * those of every instance on the same Redis and namespace.
 *
 * @example
 * const events = createEventBus({ redisUrl: 'redis://127.0.0.1:6379' });
 * for await (const change of events.subscribe('workflowChanged')) console.log(change.unitCode);
 * events.publish('workflowChanged', change); // elsewhere, maybe on another instance
 * await events.close();
 */
export interface EventBus {
  readonly transport: 'memory' | 'redis';
  /** Fire and forget: failures are reported, never thrown. */
  publish<T extends Topic>(topic: T, payload: EventTopics[T]): void;
  /** Every event of `topic` from now on; `return()` ends the subscription. */
  subscribe<T extends Topic>(topic: T): Repeater<EventTopics[T]>;
  /** Closes the Redis connections, if any: on Redis, publishing afterwards only reports. */
  close(): Promise<void>;
}

export interface EventBusOptions {
  /** `redis://…` shares events with the other API instances on that Redis; unset keeps them in this process. */
  readonly redisUrl?: string | undefined;
  /** Separates deployments (or test runs) that share one Redis. Default `antt`. */
  readonly namespace?: string | undefined;
  /** Hears Redis outages and dropped events; the API keeps serving queries meanwhile. Default: stderr. */
  readonly report?: Report | undefined;
}

export function createEventBus(options: EventBusOptions = {}): EventBus {
  const namespace = options.namespace ?? 'antt';
  const report = options.report ?? ((message, error) => console.error(`events: ${message}`, error ?? ''));
  const redis = options.redisUrl ? connectRedisEventTarget<Channels>(options.redisUrl, `antt-api:${namespace}`, report) : undefined;
  const target = redis?.target ?? (new EventTarget() as ChannelTarget);
  const pubsub = createPubSub<Channels>({ eventTarget: guardingListeners(target, report) });
  return {
    transport: redis ? 'redis' : 'memory',
    publish(topic, payload) {
      try {
        pubsub.publish(topic, namespace, payload);
      } catch (error) {
        report(`could not publish ${topic}`, error);
      }
    },
    subscribe: <T extends Topic>(topic: T) => pubsub.subscribe<Topic>(topic, namespace) as Repeater<EventTopics[T]>,
    close: async () => {
      await redis?.close();
    },
  };
}

/**
 * A subscriber that stops reading (a stalled connection) lets yoga queue its events until, at 1,024,
 * the queue throws inside the event target's listener — which would end the process. Guarded, that
 * subscriber misses the event and everyone else carries on.
 */
function guardingListeners(target: ChannelTarget, report: Report): ChannelTarget {
  const guarded = new WeakMap<object, (event: ChannelEvent) => void>();
  const guard = (listener: ChannelListener) => {
    const wrapped = (event: ChannelEvent) => {
      try {
        if (typeof listener === 'function') listener(event);
        else listener.handleEvent(event);
      } catch (error) {
        report(`a subscriber missed an event of ${event.type}`, error);
      }
    };
    guarded.set(listener, wrapped);
    return wrapped;
  };
  const view: Pick<ChannelTarget, 'addEventListener' | 'removeEventListener' | 'dispatchEvent'> = {
    addEventListener: (type, listener) => {
      if (listener) target.addEventListener(type, guard(listener as ChannelListener));
    },
    removeEventListener: (type, listener) => {
      if (listener) target.removeEventListener(type, guarded.get(listener) ?? (listener as ChannelListener));
    },
    dispatchEvent: (event) => target.dispatchEvent(event),
  };
  return view as ChannelTarget;
}
