import type { ExecutionResult } from '@urql/core';

/*
 * Server-sent events as text, without I/O: the stream arrives in chunks cut anywhere (inside a line,
 * between "\r" and "\n"), and a message is whole only at its blank line. Follows the HTML standard's
 * parsing rules; the GraphQL over SSE "distinct connections" mode then gives `next` and `complete`.
 */

export interface SseMessage {
  /** `message` when the message names none. */
  readonly event: string;
  /** The `data:` lines joined with "\n". */
  readonly data: string;
}

export interface SseParser {
  /** The messages completed by `chunk`; the rest waits for the next chunk. */
  push(chunk: string): SseMessage[];
}

export function createSseParser(): SseParser {
  let pending = '';
  let started = false;
  let event = '';
  let data: string[] | undefined;

  const line = (text: string, out: SseMessage[]) => {
    if (text === '') {
      if (data !== undefined) out.push({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = undefined;
      return;
    }
    // A comment: servers send ":" alone to keep proxies from closing an idle stream.
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(colon + (text[colon + 1] === ' ' ? 2 : 1));
    if (field === 'event') event = value;
    else if (field === 'data') (data ??= []).push(value);
    // `id` and `retry` are of no use to a reader that reconnects by itself; other fields are ignored by the standard.
  };

  return {
    push(chunk) {
      pending += chunk;
      if (!started && pending.length > 0) {
        started = true;
        if (pending.startsWith('\uFEFF')) pending = pending.slice(1);
      }
      const out: SseMessage[] = [];
      const lineEnd = /\r\n|\r|\n/g;
      let from = 0;
      for (let match = lineEnd.exec(pending); match; match = lineEnd.exec(pending)) {
        // A "\r" that ends the chunk may be the first half of "\r\n": wait for the next chunk.
        if (match[0] === '\r' && match.index === pending.length - 1) break;
        line(pending.slice(from, match.index), out);
        from = match.index + match[0].length;
      }
      pending = pending.slice(from);
      return out;
    },
  };
}

export type GraphQLSseSignal = { readonly kind: 'next'; readonly result: ExecutionResult } | { readonly kind: 'complete' };

/** What a message of a GraphQL subscription says; undefined for any other event. Malformed JSON throws. */
export function graphqlSignal(message: SseMessage): GraphQLSseSignal | undefined {
  if (message.event === 'next') return { kind: 'next', result: JSON.parse(message.data) as ExecutionResult };
  if (message.event === 'complete') return { kind: 'complete' };
  return undefined;
}
