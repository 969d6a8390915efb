/** One parsed CSV record with the 1-based line it starts on, for error messages a person can follow. */
export interface CsvRecord {
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

export interface CsvTable {
  readonly header: readonly string[];
  readonly records: readonly CsvRecord[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * RFC 4180 CSV: quoted fields with embedded commas, quotes ("") and line breaks; CRLF or LF; a UTF-8
 * byte-order mark is dropped. Text is normalised to NFC so Vietnamese typed on different keyboards
 * compares equal.
 */
export function parseCsv(text: string): CsvTable {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let afterQuote = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (quoted) {
      if (char === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (char === '\n') line++;
        field += char;
      }
      continue;
    }
    if (char === '"') {
      if (field !== '') throw new CsvSyntaxError(line, 'a quote inside an unquoted field');
      quoted = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
      afterQuote = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i++;
      fields.push(field);
      if (!(fields.length === 1 && fields[0] === '')) rows.push({ line: rowLine, fields });
      fields = [];
      field = '';
      afterQuote = false;
      line++;
      rowLine = line;
    } else {
      if (afterQuote) throw new CsvSyntaxError(line, 'text after a closing quote');
      field += char;
    }
  }
  if (quoted) throw new CsvSyntaxError(rowLine, 'a quoted field is never closed');
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    rows.push({ line: rowLine, fields });
  }
  const [head, ...body] = rows;
  if (!head) return { header: [], records: [] };
  const header = head.fields.map((name) => name.trim());
  const records = body.map(({ line: at, fields: values }) => {
    if (values.length !== header.length) {
      throw new CsvSyntaxError(at, `expected ${header.length} fields, found ${values.length}`);
    }
    const record: Record<string, string> = {};
    header.forEach((name, index) => {
      record[name] = values[index]!.normalize('NFC');
    });
    return { line: at, values: record };
  });
  return { header, records };
}
