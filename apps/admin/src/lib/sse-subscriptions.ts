import type { ExecutionResult, SubscriptionForwarder, SubscriptionOperation } from '@urql/core';
import { createSseParser, graphqlSignal } from './sse.ts';

/*
 * GraphQL subscriptions over server-sent events, for urql's `subscriptionExchange`. The browser's
 * EventSource cannot send the bearer header, so the stream is a POST read with fetch. The API ends
 * a stream with `complete` (a refused subscription after its errors, a session that logged out or
 * expired): that is final. A stream that drops (API restarted, network gone) is opened again after
 * a growing, jittered delay, for as long as the subscriber is there and the session lasts.
 */

/** Milliseconds to wait before the `attempt`-th reconnection (0 first): 1 s doubling to 30 s, each between half and all of it. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(30_000, 1_000 * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface SseForwarderOptions {
  readonly url: string;
  /** Read at each (re)connection, so a reconnection carries the token as it is then. */
  readonly headers: () => Record<string, string>;
  /** False once the stream should not be opened again (signed out). */
  readonly active?: () => boolean;
  readonly fetch?: typeof globalThis.fetch;
  readonly delay?: (attempt: number) => number;
}

type Ending = { readonly final: boolean; readonly received: boolean };

/** Reads one stream into `onResult`; says whether it ended for good and whether it carried anything. */
async function readStream(options: SseForwarderOptions, body: SubscriptionOperation, signal: AbortSignal, onResult: (result: ExecutionResult) => void): Promise<Ending> {
  const response = await (options.fetch ?? globalThis.fetch)(options.url, {
    method: 'POST',
    headers: { ...options.headers(), 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.headers.get('content-type')?.startsWith('text/event-stream') || !response.body) {
    // Refused before any stream: a GraphQL answer is final, anything else (a proxy's 502) is tried again.
    const answer = (await response.json().catch(() => undefined)) as ExecutionResult | undefined;
    if (answer?.errors) {
      onResult(answer);
      return { final: true, received: true };
    }
    return { final: false, received: false };
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = createSseParser();
  let received = false;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return { final: false, received };
    for (const message of parser.push(value)) {
      const signal = graphqlSignal(message);
      if (signal?.kind === 'complete') {
        await reader.cancel();
        return { final: true, received };
      }
      if (signal?.kind === 'next') {
        received = true;
        onResult(signal.result);
      }
    }
  }
}

/** The `forwardSubscription` of urql's `subscriptionExchange`. */
export function sseForwarder(options: SseForwarderOptions): SubscriptionForwarder {
  const delay = options.delay ?? reconnectDelay;
  return (body) => ({
    subscribe(observer) {
      const controller = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      let attempt = 0;
      const stopped = () => controller.signal.aborted;

      const connect = async () => {
        let ending: Ending;
        try {
          ending = await readStream(options, body, controller.signal, (result) => observer.next(result));
        } catch {
          ending = { final: false, received: false };
        }
        if (stopped()) return;
        if (ending.final || (options.active && !options.active())) {
          observer.complete();
          return;
        }
        attempt = ending.received ? 0 : attempt + 1;
        timer = setTimeout(() => void connect(), delay(attempt));
      };
      void connect();

      return {
        unsubscribe() {
          controller.abort();
          clearTimeout(timer);
        },
      };
    },
  });
}
