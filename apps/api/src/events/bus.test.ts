import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readEnv } from '../env.ts';
import { createEventBus, type EventBus } from './bus.ts';
import { sampleChange } from './sample-change.ts';
import type { WorkflowChange } from './workflow-change.ts';

const change = (revision: number): WorkflowChange => ({ ...sampleChange, revision });

/** Lets every pending promise and I/O callback run, as between two requests. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('event bus in memory', () => {
  it('hands each event to every subscriber until it leaves', async () => {
    const bus = createEventBus();
    expect(bus.transport).toBe('memory');
    const a = bus.subscribe('workflowChanged');
    const b = bus.subscribe('workflowChanged');
    // A subscription listens from its first read on.
    const [firstA, firstB] = [a.next(), b.next()];
    bus.publish('workflowChanged', change(1));
    expect((await firstA).value).toEqual(change(1));
    expect((await firstB).value).toEqual(change(1));

    await b.return();
    const secondA = a.next();
    bus.publish('workflowChanged', change(2));
    expect((await secondA).value?.revision).toBe(2);
    expect(await b.next()).toEqual({ done: true, value: undefined });
    await a.return();
    await bus.close();
  });

  it('lets a subscriber that stopped reading miss events, and nobody else', async () => {
    const reported: string[] = [];
    const bus = createEventBus({ report: (message) => reported.push(message) });
    const stalled = bus.subscribe('workflowChanged');
    void stalled.next();
    const reader = bus.subscribe('workflowChanged');
    const read: number[] = [];
    const reading = (async () => {
      for await (const event of reader) {
        read.push(event.revision);
        if (event.revision === 1100) break;
      }
    })();
    await turn();
    // yoga queues at most 1,024 events per subscriber, then throws inside the publisher.
    for (let revision = 1; revision <= 1100; revision++) {
      bus.publish('workflowChanged', change(revision));
      await turn();
    }
    await reading;
    expect(read).toEqual(Array.from({ length: 1100 }, (_, index) => index + 1));
    const missed = reported.filter((message) => message.startsWith('a subscriber missed an event'));
    expect(missed.length).toBeGreaterThan(0);
    expect(missed.length).toBeLessThan(100);
    await stalled.return();
  });
});

describe('event bus on a Redis that does not answer', () => {
  it('keeps publishing and subscribing without throwing, reports the outage, and closes', async () => {
    const reported: string[] = [];
    // Nothing listens on port 1: every connection attempt is refused.
    const bus = createEventBus({ redisUrl: 'redis://127.0.0.1:1', report: (message) => reported.push(message) });
    expect(bus.transport).toBe('redis');
    const subscription = bus.subscribe('workflowChanged');
    const pending = subscription.next();
    bus.publish('workflowChanged', change(1));
    await vi.waitFor(() => expect(reported.filter((message) => message.endsWith('failed; retrying'))).toHaveLength(2));
    // ioredis gives up on a queued command after 20 reconnection attempts (~10 s): reported, not thrown.
    await vi.waitFor(() => expect(reported).toContain('Redis publish failed'), { timeout: 20_000, interval: 200 });
    // The subscription keeps waiting for Redis instead.
    expect(reported).not.toContain('Redis subscribe failed');
    await bus.close();
    await subscription.return();
    expect(await pending).toEqual({ done: true, value: undefined });
  }, 30_000);
});

const redisUrl = readEnv().TEST_REDIS_URL;

describe.skipIf(!redisUrl)('event bus on Redis', () => {
  const namespace = `antt-test-${randomUUID()}`;
  const buses: EventBus[] = [];
  let observer: Redis;
  const reported: string[] = [];
  const bus = (ns = namespace) => {
    const created = createEventBus({ redisUrl: redisUrl!, namespace: ns, report: (message) => reported.push(message) });
    buses.push(created);
    return created;
  };
  beforeAll(() => {
    observer = new Redis(redisUrl!);
  });
  afterAll(async () => {
    await Promise.all(buses.map((each) => each.close()));
    await observer.quit();
  });

  /** How many connections listen on the channels of `ns`. */
  async function listeners(ns: string): Promise<number> {
    const channels = (await observer.pubsub('CHANNELS', `*:${ns}`)) as string[];
    if (channels.length === 0) return 0;
    const counts = (await observer.pubsub('NUMSUB', ...channels)) as Array<string | number>;
    return counts.filter((_, index) => index % 2 === 1).reduce<number>((sum, count) => sum + Number(count), 0);
  }

  it('shares events between the buses of one namespace, and only those', async () => {
    const other = `${namespace}-other`;
    const [a, b, elsewhere] = [bus(), bus(), bus(other)];
    const onB = b.subscribe('workflowChanged');
    const onElsewhere = elsewhere.subscribe('workflowChanged');
    const [nextOnB, nextElsewhere] = [onB.next(), onElsewhere.next()];
    await expect.poll(() => listeners(namespace)).toBe(1);
    await expect.poll(() => listeners(other)).toBe(1);

    a.publish('workflowChanged', change(1));
    elsewhere.publish('workflowChanged', change(2));
    expect((await nextOnB).value).toEqual(change(1));
    // The other namespace's first event is its own: the first one never reached it.
    expect((await nextElsewhere).value?.revision).toBe(2);
    await Promise.all([onB.return(), onElsewhere.return()]);
    await expect.poll(() => listeners(namespace)).toBe(0);
    expect(reported).toEqual([]);
  });

  it('reports, never throws, what is published after closing', async () => {
    const closed = bus(`${namespace}-closed`);
    await closed.close();
    const before = reported.length;
    closed.publish('workflowChanged', change(4));
    await vi.waitFor(() => expect(reported.slice(before)).toEqual(['Redis publish failed']));
  });

  it('listens again once Redis has dropped the subscribing connection', async () => {
    const ns = `${namespace}-drop`;
    const [a, b] = [bus(ns), bus(ns)];
    const subscription = b.subscribe('workflowChanged');
    const first = subscription.next();
    await expect.poll(() => listeners(ns)).toBe(1);
    const connection = async () => {
      const clients = (await observer.call('CLIENT', 'LIST', 'TYPE', 'pubsub')) as string;
      return /\bid=(\d+)\b/.exec(clients.split('\n').find((line) => line.includes(`name=antt-api:${ns}:subscribe`)) ?? '')?.[1];
    };
    const dropped = await connection();
    expect(dropped).toBeDefined();
    await observer.client('KILL', 'ID', dropped!);

    await expect.poll(async () => (await connection()) !== undefined && (await connection()) !== dropped && (await listeners(ns)) === 1).toBe(true);
    a.publish('workflowChanged', change(3));
    expect((await first).value?.revision).toBe(3);
    await subscription.return();
  });
});
