import { describe, expect, it } from 'vitest';
import { createSseParser, graphqlSignal, type SseMessage } from './sse.ts';

// What the API sends for one workflow action, then when the session logs out.
const STREAM = ':\n\nevent: next\ndata: {"data":{"workflowChanged":{"unitCode":"10507-KDC01","toStepId":"selfAssessment"}}}\n\nevent: complete\ndata:\n\n';

function parseAll(chunks: readonly string[]): SseMessage[] {
  const parser = createSseParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
}

describe('SSE parser', () => {
  it('splits a stream into messages and skips comments (pings)', () => {
    expect(parseAll([STREAM])).toEqual([
      { event: 'next', data: '{"data":{"workflowChanged":{"unitCode":"10507-KDC01","toStepId":"selfAssessment"}}}' },
      { event: 'complete', data: '' },
    ]);
  });

  it('gives the same messages however the stream is cut into chunks', () => {
    const whole = parseAll([STREAM]);
    for (let size = 1; size <= 7; size++) {
      const chunks = STREAM.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g'))!;
      expect(parseAll(chunks), `chunks of ${size}`).toEqual(whole);
    }
  });

  it('keeps a message until its blank line arrives', () => {
    const parser = createSseParser();
    expect(parser.push('event: next\ndata: {"a"')).toEqual([]);
    expect(parser.push(':1}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'next', data: '{"a":1}' }]);
  });

  it('joins multi-line data with "\\n" and names an unnamed message "message"', () => {
    expect(parseAll(['data: first\ndata:second\ndata\ndata:  indented\n\n'])).toEqual([{ event: 'message', data: 'first\nsecond\n\n indented' }]);
  });

  it('accepts CRLF and CR line ends, also with "\\r" and "\\n" in different chunks', () => {
    expect(parseAll(['event: next\r\ndata: 1\r', '\n\r', '\nevent: next\rdata: 2\r\r\n'])).toEqual([
      { event: 'next', data: '1' },
      { event: 'next', data: '2' },
    ]);
  });

  it('ignores a leading byte order mark, unknown fields and blocks without data', () => {
    expect(parseAll(['\uFEFFid: 7\nretry: 1000\n\nevent: ping\n\nevent: next\nfoo: bar\ndata: x\n\n'])).toEqual([{ event: 'next', data: 'x' }]);
  });

  it('drops a message the stream ended in the middle of', () => {
    expect(parseAll(['event: next\ndata: {"data":'])).toEqual([]);
  });
});

describe('GraphQL over SSE', () => {
  it('reads next and complete, and nothing else', () => {
    expect(graphqlSignal({ event: 'next', data: '{"data":{"x":1}}' })).toEqual({ kind: 'next', result: { data: { x: 1 } } });
    expect(graphqlSignal({ event: 'complete', data: '' })).toEqual({ kind: 'complete' });
    expect(graphqlSignal({ event: 'message', data: 'hello' })).toBeUndefined();
  });

  it('throws on a next that is not JSON', () => {
    expect(() => graphqlSignal({ event: 'next', data: '{"data":' })).toThrow();
  });
});
