/*
 * The bytes of an imported text file and what they say: a file that is not valid in its encoding is
 * refused line by line (never stored with U+FFFD where a letter was), and text that looks like
 * UTF-8 read as Windows-1252 or Latin-1 ("HÃ  Ná»™i" for "Hà Nội") is pointed out. Pure functions.
 */

/** Encodings a province's CSV files come in: UTF-8 (the default), UTF-16 (Excel's "Unicode text"), TCVN's Windows-1258. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258';

export const TEXT_ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1258'];

/** A line (1-based) that could not be read, with why, in Vietnamese. */
export interface EncodingProblem {
  readonly line: number;
  readonly message: string;
}

export type DecodedText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problems: readonly EncodingProblem[] };

const REPLACEMENT = '\uFFFD';

/** The 1-based lines of `text` that hold U+FFFD, at most `limit` of them. */
function replacementLines(text: string, limit: number): number[] {
  const lines: number[] = [];
  let line = 1;
  let marked = false;
  for (let i = 0; i < text.length && lines.length < limit; i++) {
    const char = text[i]!;
    if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) {
      line++;
      marked = false;
    } else if (char === REPLACEMENT && !marked) {
      lines.push(line);
      marked = true;
    }
  }
  return lines;
}

/**
 * Refuses text that already went through a lenient decoder: U+FFFD stands where bytes were not
 * UTF-8 (a file saved in another encoding and sent as text). Lines are those of the text.
 */
export function checkDecodedText(text: string, limit = 1000): DecodedText {
  if (!text.includes(REPLACEMENT)) return { ok: true, text };
  const problems = replacementLines(text, limit).map((line) => ({
    line,
    message: 'dòng có byte không phải UTF-8 hợp lệ (thành ký tự “�”): hãy lưu lại tệp ở dạng UTF-8, hoặc gửi tệp kèm bảng mã (encoding) của nó',
  }));
  return { ok: false, problems };
}

/**
 * Decodes a file's bytes in `encoding`, strictly: any byte sequence that is not valid there refuses
 * the file, with the lines it is on. A byte-order mark is dropped.
 *
 * @example
 * const decoded = decodeImportBytes(bytes, 'windows-1258');
 * if (!decoded.ok) for (const p of decoded.problems) console.log(`dòng ${p.line}: ${p.message}`);
 */
export function decodeImportBytes(bytes: Uint8Array, encoding: TextEncodingName, limit = 1000): DecodedText {
  try {
    return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(bytes) };
  } catch {
    // A lenient decoder puts U+FFFD where the strict one stopped, and never swallows a line break.
    const lenient = new TextDecoder(encoding).decode(bytes);
    const lines = replacementLines(lenient, limit);
    const problems = (lines.length > 0 ? lines : [1]).map((line) => ({ line, message: `dòng có byte không hợp lệ trong bảng mã ${encoding}: tệp không đúng bảng mã đã khai báo` }));
    return { ok: false, problems };
  }
}

/** Windows-1252's characters for bytes 0x80–0x9F (the rest of 0x00–0xFF is Latin-1). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const CP1252_BYTE = new Map<string, number>([...CP1252_HIGH].map((char, index) => [char, 0x80 + index] as const));

/** The byte Windows-1252 (or Latin-1, for its C1 controls) writes `char` as; undefined if neither has it. */
function singleByte(char: string): number | undefined {
  const code = char.charCodeAt(0);
  if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
  if (code <= 0x9f) return code;
  return CP1252_BYTE.get(char);
}

/** The length of the valid multi-byte UTF-8 sequence at `bytes[at]`, or 0. */
function utf8SequenceAt(bytes: readonly number[], at: number): number {
  const lead = bytes[at]!;
  const cont = (offset: number, low = 0x80, high = 0xbf) => {
    const byte = bytes[at + offset];
    return byte !== undefined && byte >= low && byte <= high;
  };
  if (lead >= 0xc2 && lead <= 0xdf) return cont(1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const low = lead === 0xe0 ? 0xa0 : 0x80;
    const high = lead === 0xed ? 0x9f : 0xbf;
    return cont(1, low, high) && cont(2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const low = lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xf4 ? 0x8f : 0xbf;
    return cont(1, low, high) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

const WORD = /^[A-Za-z0-9]$/;

/** A stretch of text that reads as UTF-8 decoded as Windows-1252, and what it meant. */
export interface Mojibake {
  readonly text: string;
  readonly meant: string;
}

/**
 * The stretches of `text` that are most likely UTF-8 bytes shown as Windows-1252 or Latin-1 ("Ä‘"
 * for "đ", "Æ°" for "ư", "áº¡" for "ạ"), with what they meant. The rule: a run of characters that
 * both encodings write as one byte each whose bytes hold a valid multi-byte UTF-8 sequence. Real
 * Vietnamese never does: its accented capitals and small letters (À–ỹ) are never followed by the
 * continuation characters (U+0080–U+00BF, ‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ) that such a sequence needs.
 */
export function findMojibake(text: string): Mojibake[] {
  const found: Mojibake[] = [];
  const chars = [...text];
  let i = 0;
  while (i < chars.length) {
    if (singleByte(chars[i]!) === undefined || chars[i]!.charCodeAt(0) < 0xc2) {
      i++;
      continue;
    }
    // A run of single-byte characters from here; look for UTF-8 sequences in its bytes.
    const bytes: number[] = [];
    let end = i;
    while (end < chars.length && singleByte(chars[end]!) !== undefined) bytes.push(singleByte(chars[end++]!)!);
    let start = -1;
    let stop = -1;
    for (let at = 0; at < bytes.length; ) {
      const length = bytes[at]! >= 0x80 ? utf8SequenceAt(bytes, at) : 0;
      if (length > 0) {
        if (start < 0) start = at;
        stop = at + length;
        at += length;
      } else {
        // Plain ASCII between sequences joins them ("HÃ  Ná»™i"); anything else ends the stretch.
        if (bytes[at]! >= 0x80 && start >= 0) break;
        at++;
      }
    }
    if (start >= 0) {
      // Shown as the whole word(s) it sits in, ASCII letters around it included.
      let from = i + start;
      let to = i + stop;
      while (from > 0 && WORD.test(chars[from - 1]!)) from--;
      while (to < chars.length && WORD.test(chars[to]!)) to++;
      const meant = new TextDecoder('utf-8').decode(Uint8Array.from(bytes.slice(start, stop)));
      found.push({ text: chars.slice(from, to).join(''), meant: chars.slice(from, i + start).join('') + meant + chars.slice(i + stop, to).join('') });
      i = to;
    } else {
      i = Math.max(end, i + 1);
    }
  }
  return found;
}

/** One warning per cell: the stretch and what it meant, in Vietnamese. */
export function mojibakeWarning(found: readonly Mojibake[]): string | undefined {
  if (found.length === 0) return undefined;
  const shown = found.slice(0, 3).map((m) => `“${m.text.trim()}” → “${m.meant.trim()}”`).join(', ');
  return `có vẻ lỗi bảng mã (chữ UTF-8 bị đọc thành Windows-1252): ${shown}; hãy kiểm tra lại tệp`;
}
