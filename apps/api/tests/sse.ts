import type { Api } from '../src/yoga.ts';
import type { GraphQLResponse } from './harness.ts';

/*
 * A GraphQL subscription read the way a browser reads it: a fetch with `Accept: text/event-stream`,
 * whose body is parsed into `event: next` / `event: complete` messages (comments are yoga's pings).
 */

export interface EventStream<T = Record<string, any>> {
  readonly response: Response;
  /** The next `next` message's payload; rejects when the stream completes first or after `timeoutMs`. */
  next(timeoutMs?: number): Promise<GraphQLResponse<T>>;
  /** Whether the server has sent `event: complete`. */
  readonly completed: boolean;
  /** Ends the subscription from the client's side, as closing the tab would. */
  close(): Promise<void>;
}

export interface SubscribeOptions {
  readonly token: string | null;
  readonly variables?: Record<string, unknown>;
  /** POST (default) or GET with the operation in the query string; both carry `Authorization`. */
  readonly method?: 'GET' | 'POST';
}

interface Waiter {
  resolve(payload: GraphQLResponse<any>): void;
  reject(error: Error): void;
}

/**
 * Opens a subscription and resolves once the stream is open and the subscription listening: after the
 * first bytes (yoga's opening ping) the server starts reading its event source, which attaches its
 * listener within the same turn; one macrotask later it is in place. Over Redis the SUBSCRIBE may
 * still be in flight: wait for the channel's subscriber count there.
 */
export async function subscribe<T = Record<string, any>>(api: Api, query: string, options: SubscribeOptions): Promise<EventStream<T>> {
  const headers: Record<string, string> = { accept: 'text/event-stream', ...(options.token && { authorization: `Bearer ${options.token}` }) };
  const url = new URL('http://api.test/graphql');
  let init: RequestInit = { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: options.variables }) };
  if (options.method === 'GET') {
    url.searchParams.set('query', query);
    if (options.variables) url.searchParams.set('variables', JSON.stringify(options.variables));
    init = { method: 'GET', headers };
  }
  const response = await api.fetch(url, init);
  if (!response.headers.get('content-type')?.startsWith('text/event-stream') || !response.body) {
    throw new Error(`not an event stream: ${response.status} ${await response.text()}`);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const received: Array<GraphQLResponse<any>> = [];
  const waiters: Waiter[] = [];
  let completed = false;
  let buffer = '';
  let opened: () => void = () => undefined;
  const open = new Promise<void>((resolve) => (opened = resolve));

  const settle = () => {
    while (waiters.length > 0 && received.length > 0) waiters.shift()!.resolve(received.shift()!);
    if (completed) for (const waiter of waiters.splice(0)) waiter.reject(new Error('the stream completed'));
  };
  const dispatch = (message: string) => {
    let event = 'message';
    const data: string[] = [];
    for (const line of message.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (event === 'next') received.push(JSON.parse(data.join('\n')) as GraphQLResponse<any>);
    if (event === 'complete') completed = true;
    settle();
  };
  const pump = async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        opened();
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // Cancelled by close().
    } finally {
      completed = true;
      opened();
      settle();
    }
  };
  void pump();
  await open;
  await new Promise((resolve) => setImmediate(resolve));

  return {
    response,
    get completed() {
      return completed && received.length === 0;
    },
    next(timeoutMs = 10_000) {
      return new Promise<GraphQLResponse<T>>((resolve, reject) => {
        const timer = setTimeout(() => {
          const index = waiters.indexOf(waiter);
          if (index !== -1) waiters.splice(index, 1);
          reject(new Error(`no event within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter: Waiter = {
          resolve: (payload) => (clearTimeout(timer), resolve(payload)),
          reject: (error) => (clearTimeout(timer), reject(error)),
        };
        waiters.push(waiter);
        settle();
      });
    },
    close: () => reader.cancel(),
  };
}
