import { describe, expect, it } from 'vitest';
import { checkDecodedText, decodeImportBytes, findMojibake, mojibakeWarning } from './encoding.ts';

describe('decodeImportBytes', () => {
  it('reads UTF-8, UTF-16 and Windows-1258 files', () => {
    expect(decodeImportBytes(Buffer.from('code,name\nKDC01,Thôn Đông\n', 'utf8'), 'utf-8')).toEqual({ ok: true, text: 'code,name\nKDC01,Thôn Đông\n' });
    // A byte-order mark is dropped.
    expect(decodeImportBytes(Buffer.from('\uFEFFcode\n', 'utf8'), 'utf-8')).toEqual({ ok: true, text: 'code\n' });
    expect(decodeImportBytes(Buffer.from('\uFEFFTên,Hà Nội\n', 'utf16le'), 'utf-16le')).toEqual({ ok: true, text: 'Tên,Hà Nội\n' });
    // Windows-1258 (TCVN): "Hà Nội" is H, à (0xE0), space, N, ô (0xF4), combining dot below (0xF2), i.
    const decoded = decodeImportBytes(Uint8Array.from([0x48, 0xe0, 0x20, 0x4e, 0xf4, 0xf2, 0x69]), 'windows-1258');
    expect(decoded.ok && decoded.text.normalize('NFC')).toBe('Hà Nội');
  });

  it('refuses bytes that are not UTF-8, with the lines they are on', () => {
    // Line 3 was saved as Windows-1258: "Hà" is 0x48 0xE0, which UTF-8 cannot read.
    const bytes = Buffer.concat([Buffer.from('code,name\nKDC01,Thôn 1\nKDC02,H'), Buffer.from([0xe0]), Buffer.from('\nKDC03,Ok\r\nKDC04,'), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]);
    const decoded = decodeImportBytes(bytes, 'utf-8');
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.problems.map((p) => p.line)).toEqual([3, 5]);
    expect(!decoded.ok && decoded.problems[0]!.message).toBe('dòng có byte không hợp lệ trong bảng mã utf-8: tệp không đúng bảng mã đã khai báo');
  });

  it('refuses a UTF-16 file with a lone surrogate', () => {
    const decoded = decodeImportBytes(Uint8Array.from([0x61, 0x00, 0x0a, 0x00, 0x00, 0xd8, 0x62, 0x00]), 'utf-16le');
    expect(!decoded.ok && decoded.problems.map((p) => p.line)).toEqual([2]);
  });
});

describe('checkDecodedText', () => {
  it('refuses text in which a lenient decoder left U+FFFD, line by line', () => {
    expect(checkDecodedText('a\nb\n')).toEqual({ ok: true, text: 'a\nb\n' });
    const checked = checkDecodedText('code,name\nKDC01,H\uFFFD N\uFFFD\uFFFDi\r\nKDC02,x\rKDC03,\uFFFD\n');
    expect(!checked.ok && checked.problems.map((p) => p.line)).toEqual([2, 4]);
  });
});

describe('findMojibake', () => {
  it('finds UTF-8 read as Windows-1252, with what it meant', () => {
    expect(findMojibake('HÃ\u00a0 Ná»™i')).toEqual([{ text: 'HÃ\u00a0 Ná»™i', meant: 'Hà Nội' }]);
    // Copied once more, the no-break space of "Ã\u00a0" became a space: "Nội" still gives it away.
    expect(findMojibake('HÃ  Ná»™i')).toEqual([{ text: 'Ná»™i', meant: 'Nội' }]);
    // "ờ" is E1 BB 9D; Windows-1252 has no 0x9D, so a lenient decoder shows U+009D.
    expect(findMojibake('PhÆ°á»\u009dng Ä‘Ã´ng')).toEqual([{ text: 'PhÆ°á»\u009dng Ä‘Ã´ng', meant: 'Phường đông' }]);
    // Where a copy lost the U+009D, what is left still gives the line away.
    expect(findMojibake('PhÆ°á»ng')).toEqual([{ text: 'PhÆ°', meant: 'Phư' }]);
    expect(findMojibake('ThÃ´n Ä\u0090Ã´ng, xÃ£')).toEqual([{ text: 'ThÃ´n Ä\u0090Ã´ng, xÃ£', meant: 'Thôn Đông, xã' }]);
    // Real Vietnamese between two stretches ends the first.
    expect(findMojibake('ThÃ´n Đông xÃ£')).toEqual([{ text: 'ThÃ´n', meant: 'Thôn' }, { text: 'xÃ£', meant: 'xã' }]);
  });

  it('finds UTF-8 read as Latin-1 (C1 controls where Windows-1252 has punctuation)', () => {
    expect(findMojibake('Ä\u0091i')).toEqual([{ text: 'Ä\u0091i', meant: 'đi' }]);
  });

  it('leaves real Vietnamese, in any case and with punctuation, alone', () => {
    for (const text of [
      'Hà Nội',
      'HÀ NỘI',
      'Phường Thành Đông, Tổ dân phố số 1',
      'ĐẶC KHU CÔN ĐẢO – “Thôn Ấp Bắc”',
      'Trường THCS Lê Quý Đôn (cơ sở 2)',
      'Số 12° – 100%',
      'Ê, à… ô!',
      'café, naïve, Zürich',
    ]) {
      expect(findMojibake(text), text).toEqual([]);
    }
  });

  it('says so in Vietnamese', () => {
    expect(mojibakeWarning(findMojibake('Ä‘Ã´ng'))).toBe('có vẻ lỗi bảng mã (chữ UTF-8 bị đọc thành Windows-1252): “Ä‘Ã´ng” → “đông”; hãy kiểm tra lại tệp');
    expect(mojibakeWarning([])).toBeUndefined();
  });
});
