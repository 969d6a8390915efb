import { describe, expect, it } from 'vitest';
import { readImportTable } from './table.ts';

const read = (text: string) => readImportTable({ format: 'csv', text });

/** The same file through parseCsv's general path: a quoted first header name takes it there. */
const readQuoted = (text: string) => {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const rest = text.slice(start);
  const blank = /^[\r\n]*/.exec(rest)![0];
  const header = rest.slice(blank.length);
  const first = /^[^,\r\n]*/.exec(header)![0];
  return read(`${text.slice(0, start)}${blank}"${first}"${header.slice(first.length)}`);
};

describe('readImportTable on CSV without quotes', () => {
  it.each([
    ['LF and a final newline', 'code,name\n31-A,Thôn A\n31-B,Thôn B\n'],
    ['CRLF, no final newline', 'code,name\r\n31-A,Thôn A\r\n31-B,Thôn B'],
    ['lone CR', 'code,name\r31-A,Thôn A\r\r31-B,Thôn B\r'],
    ['blank lines before the header and between rows', '\n\ncode,name\n\n31-A,Thôn A\n,\n  ,  \n31-B,\n'],
    ['a byte-order mark and padded header names', '\ufeff code , name\n31-A,Thôn A\n'],
    ['NFD text stored as NFC', `code,name\n31-A,${'Thôn Đông'.normalize('NFD')}\n`],
    ['repeated and empty header names', 'code,x,,x,\n31-A,1,2,3,4\n31-B,,5,,\n'],
    ['a trailing comma on every line', 'code,name,\n31-A,Thôn A,\n'],
  ])('%s: the same table as the general parser', async (_, text) => {
    const fast = await read(text);
    expect(fast.ok).toBe(true);
    expect(fast).toEqual(await readQuoted(text));
  });

  it('reports a wrong field count on its line, as the general parser does', async () => {
    const result = await read('code,name\n31-A,Thôn A\n\n31-B,Thôn B,extra\n');
    expect(result).toEqual({ ok: false, problem: { line: 4, message: 'expected 2 fields, found 3' } });
  });

  it('reads an empty file as a problem', async () => {
    expect(await read('\n\n')).toMatchObject({ ok: false, problem: { line: 1 } });
  });
});
