// @vitest-environment node
import type { ExecutionResult } from '@urql/core';
import { describe, expect, it, vi } from 'vitest';
import { reconnectDelay, sseForwarder } from './sse-subscriptions.ts';

const body = { query: 'subscription { workflowChanged { unitCode } }', operationName: undefined, variables: { areaCode: '10507' }, extensions: undefined };
const next = (unitCode: string) => `event: next\ndata: {"data":{"workflowChanged":{"unitCode":"${unitCode}"}}}\n\n`;
const COMPLETE = 'event: complete\ndata:\n\n';

/** A stream that sends `chunks` and then ends, or stays open when `open`, until the request is aborted. */
function eventStream(chunks: readonly string[], signal: AbortSignal | null | undefined, open = false): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (!open) controller.close();
      signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
    },
  });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
}

/** A fake API answering the n-th connection with `answers[n]`. */
function fakeApi(answers: ReadonlyArray<(signal: AbortSignal | null | undefined) => Response | Promise<Response>>) {
  const requests: Array<{ headers: Headers; body: unknown }> = [];
  const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
    requests.push({ headers: new Headers(init?.headers), body: JSON.parse(String(init?.body)) });
    const answer = answers[requests.length - 1];
    if (!answer) throw new TypeError('no answer left');
    return answer(init?.signal);
  });
  return { fetch, requests };
}

function listen(forwarder: ReturnType<typeof sseForwarder>) {
  const results: ExecutionResult[] = [];
  let completed = false;
  const subscription = forwarder(body, {} as never).subscribe({
    next: (result) => results.push(result),
    error: (error) => {
      throw error;
    },
    complete: () => (completed = true),
  });
  return { results, completed: () => completed, unsubscribe: () => subscription.unsubscribe() };
}

describe('reconnectDelay', () => {
  it('starts at about a second and doubles up to thirty, jittered between half and all', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((attempt) => reconnectDelay(attempt, () => 1))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(reconnectDelay(3, () => 0)).toBe(4000);
  });
});

describe('sseForwarder', () => {
  it('posts the operation with the bearer and SSE headers, passes each event on, and ends with the API’s complete', async () => {
    const api = fakeApi([(signal) => eventStream([':\n\n', next('10507-KDC01').slice(0, 20), next('10507-KDC01').slice(20), next('10507-KDC02'), COMPLETE], signal, true)]);
    const listener = listen(sseForwarder({ url: '/graphql', headers: () => ({ authorization: 'Bearer ses_1' }), fetch: api.fetch }));
    await vi.waitFor(() => expect(listener.completed()).toBe(true));
    expect(listener.results).toEqual([{ data: { workflowChanged: { unitCode: '10507-KDC01' } } }, { data: { workflowChanged: { unitCode: '10507-KDC02' } } }]);
    const [request] = api.requests;
    expect(request!.headers.get('accept')).toBe('text/event-stream');
    expect(request!.headers.get('authorization')).toBe('Bearer ses_1');
    expect(request!.body).toEqual({ query: body.query, variables: { areaCode: '10507' } });
    expect(api.fetch).toHaveBeenCalledTimes(1);
  });

  it('gives a refused subscription’s errors and stops', async () => {
    const refusal = '{"errors":[{"message":"Sign in first","extensions":{"code":"UNAUTHENTICATED"}}]}';
    const api = fakeApi([(signal) => eventStream([`:\n\nevent: next\ndata: ${refusal}\n\n${COMPLETE}`], signal)]);
    const listener = listen(sseForwarder({ url: '/graphql', headers: () => ({}), fetch: api.fetch, delay: () => 0 }));
    await vi.waitFor(() => expect(listener.completed()).toBe(true));
    expect(listener.results).toEqual([JSON.parse(refusal)]);
    expect(api.fetch).toHaveBeenCalledTimes(1);
  });

  it('opens a dropped stream again, waiting longer after each failure and less once events flow', async () => {
    const api = fakeApi([
      (signal) => eventStream([next('A')], signal),
      () => Promise.reject(new TypeError('network')),
      () => new Response('Bad Gateway', { status: 502 }),
      (signal) => eventStream([next('B'), COMPLETE], signal),
    ]);
    const delays: number[] = [];
    const listener = listen(sseForwarder({ url: '/graphql', headers: () => ({}), fetch: api.fetch, delay: (attempt) => (delays.push(attempt), 0) }));
    await vi.waitFor(() => expect(listener.completed()).toBe(true));
    expect(listener.results.map((result) => result.data?.['workflowChanged'].unitCode)).toEqual(['A', 'B']);
    expect(delays).toEqual([0, 1, 2]);
  });

  it('does not reconnect once the session has ended', async () => {
    let signedIn = true;
    const api = fakeApi([(signal) => eventStream([next('A')], signal)]);
    const listener = listen(sseForwarder({ url: '/graphql', headers: () => ({}), fetch: api.fetch, active: () => signedIn, delay: () => 0 }));
    signedIn = false;
    await vi.waitFor(() => expect(listener.completed()).toBe(true));
    expect(api.fetch).toHaveBeenCalledTimes(1);
  });

  it('aborts the request and never reconnects when unsubscribed', async () => {
    let aborted = false;
    const api = fakeApi([
      (signal) => {
        signal?.addEventListener('abort', () => (aborted = true));
        return eventStream([next('A')], signal, true);
      },
    ]);
    const listener = listen(sseForwarder({ url: '/graphql', headers: () => ({}), fetch: api.fetch, delay: () => 0 }));
    await vi.waitFor(() => expect(listener.results).toHaveLength(1));
    listener.unsubscribe();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(aborted).toBe(true);
    expect(listener.completed()).toBe(false);
    expect(api.fetch).toHaveBeenCalledTimes(1);
  });
});
