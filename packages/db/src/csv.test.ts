import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads quoted fields, CRLF and a byte-order mark, with line numbers', () => {
    const table = parseCsv('\ufeffcode,name\r\n001,"Thôn Đông, xóm 2"\r\n002,"Tổ ""A"""\r\n003,"hai\ndòng"\n004,Bản Mé\n');
    expect(table.header).toEqual(['code', 'name']);
    expect(table.records.map((r) => [r.line, r.values['name']])).toEqual([
      [2, 'Thôn Đông, xóm 2'],
      [3, 'Tổ "A"'],
      [4, 'hai\ndòng'],
      [6, 'Bản Mé'],
    ]);
  });

  it('normalises Vietnamese to NFC', () => {
    const decomposed = 'Hải Phòng'.normalize('NFD');
    expect(parseCsv(`name\n${decomposed}\n`).records[0]!.values['name']).toBe('Hải Phòng'.normalize('NFC'));
  });

  it.each([
    ['code,name\n001\n', 2, 'expected 2 fields, found 1'],
    ['code,name\n001,"open\n', 2, 'never closed'],
    ['code,name\n001,ab"c\n', 2, 'quote inside an unquoted field'],
    ['code,name\n001,"a"b\n', 2, 'text after a closing quote'],
  ])('reports %j at its line', (text, line, message) => {
    try {
      parseCsv(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CsvSyntaxError);
      expect((error as CsvSyntaxError).line).toBe(line);
      expect((error as CsvSyntaxError).message).toContain(message);
    }
  });
});
