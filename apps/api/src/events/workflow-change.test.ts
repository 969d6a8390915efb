import { describe, expect, it } from 'vitest';
import { createEventBus } from './bus.ts';
import { sampleChange, sampleChangeInput } from './sample-change.ts';
import { isVisible, publishWorkflowChange } from './workflow-change.ts';

const input = sampleChangeInput;
const change = sampleChange;

describe('publishWorkflowChange', () => {
  it('adds the unit’s code (the last of its path) and the time, and reaches subscribers', async () => {
    const events = createEventBus();
    const subscription = events.subscribe('workflowChanged');
    const received = subscription.next();
    publishWorkflowChange({ events }, input, new Date('2026-11-23T08:00:00Z'));
    expect((await received).value).toEqual(change);
    await subscription.return();
  });
});

describe('isVisible', () => {
  it('shows a change inside one of the scopes, the whole country included', () => {
    expect(isVisible(change, { scopes: [''] })).toBe(true);
    expect(isVisible(change, { scopes: ['01', '31'] })).toBe(true);
    expect(isVisible(change, { scopes: ['31/10507/10507-KDC01'] })).toBe(true);
  });

  it('hides a change outside every scope, a code that merely starts the same way included', () => {
    expect(isVisible(change, { scopes: [] })).toBe(false);
    expect(isVisible(change, { scopes: ['01'] })).toBe(false);
    expect(isVisible(change, { scopes: ['3'] })).toBe(false);
    expect(isVisible(change, { scopes: ['31/10507/10507-KDC02'] })).toBe(false);
    expect(isVisible(change, { scopes: ['31/10507/10507-KDC0'] })).toBe(false);
  });

  it('narrows to an area and a program', () => {
    expect(isVisible(change, { scopes: [''], areaPath: '31/10507' })).toBe(true);
    expect(isVisible(change, { scopes: [''], areaPath: '31/10508' })).toBe(false);
    expect(isVisible(change, { scopes: ['01'], areaPath: '31/10507' })).toBe(false);
    expect(isVisible(change, { scopes: ['31'], programId: 'safeSecurityOrder' })).toBe(true);
    expect(isVisible(change, { scopes: ['31'], programId: 'modelWardPolice' })).toBe(false);
  });
});
