import { describe, expect, it } from 'vitest';
import { createEventBus } from './bus.ts';
import { untilRevoked } from './until-revoked.ts';
import type { WorkflowChange } from './workflow-change.ts';

const change = (unitCode: string) => ({ unitCode }) as unknown as WorkflowChange;

describe('untilRevoked', () => {
  it('passes events on until its own credential is revoked, then completes and closes both sources', async () => {
    const bus = createEventBus();
    const stream = untilRevoked(bus.subscribe('workflowChanged'), bus.subscribe('credentialRevoked'), { kind: 'session', id: 's1', expiresAt: null });
    const first = stream.next();
    await new Promise((resolve) => setImmediate(resolve));
    bus.publish('workflowChanged', change('A'));
    expect((await first).value).toMatchObject({ unitCode: 'A' });

    // Another session's logout, or an API key with the same id, is not this one's.
    bus.publish('credentialRevoked', { kind: 'session', id: 's2' });
    bus.publish('credentialRevoked', { kind: 'apiKey', id: 's1' });
    const second = stream.next();
    await new Promise((resolve) => setImmediate(resolve));
    bus.publish('workflowChanged', change('B'));
    expect((await second).value).toMatchObject({ unitCode: 'B' });

    const last = stream.next();
    bus.publish('credentialRevoked', { kind: 'session', id: 's1' });
    expect(await last).toEqual({ done: true, value: undefined });
    // Nothing listens any more: a later event reaches no one and nothing throws.
    bus.publish('workflowChanged', change('C'));
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it('completes at once for an expired credential, and when a valid one expires', async () => {
    const bus = createEventBus();
    const expired = untilRevoked(bus.subscribe('workflowChanged'), bus.subscribe('credentialRevoked'), { kind: 'session', id: 's', expiresAt: new Date(Date.now() - 1) });
    expect(await expired.next()).toEqual({ done: true, value: undefined });

    let clock = 1_000;
    const soon = untilRevoked(bus.subscribe('workflowChanged'), bus.subscribe('credentialRevoked'), { kind: 'apiKey', id: 'k', expiresAt: new Date(1_020) }, () => clock);
    clock += 5;
    expect(await soon.next()).toEqual({ done: true, value: undefined });
  });
});
