import { fileTooLargeMessage, formatMegabytes, importUnits, MAX_IMPORT_FILE_BYTES, type TextEncodingName, type UnitImportProblem, type UnitImportResult, type UnitImportSource } from '@antt/db';
import { builder } from '../builder.ts';
import { auditChange } from '../identity/audit.ts';
import { assertCan } from '../identity/actor.ts';
import { ImportError, ValidationError } from './errors.ts';

/*
 * Bulk imports of a province's own units from the files provinces keep them in. The rules (columns,
 * checks, versions) are @antt/db's importUnits; this module decodes the request and maps the result.
 */

/** Problems listed in one response; the counts (and the message) still cover all of them. */
const MAX_PROBLEMS_LISTED = 1000;

const ImportFormatRef = builder.enumType('ImportFormat', {
  values: {
    CSV: { value: 'csv', description: 'UTF-8 text, comma-separated, header on the first line' },
    XLSX: { value: 'xlsx', description: 'An Excel workbook, base64-encoded; its first sheet is read' },
  } as const,
});

const ImportEncodingRef = builder.enumType('ImportEncoding', {
  description: 'The encoding a CSV file was saved in; with it, `content` is the file’s bytes in base64',
  values: {
    UTF8: { value: 'utf-8' },
    UTF16LE: { value: 'utf-16le', description: 'Excel’s “Unicode text”' },
    UTF16BE: { value: 'utf-16be' },
    WINDOWS_1258: { value: 'windows-1258', description: 'Vietnamese Windows code page (TCVN 5712 files converted by Windows)' },
  } as const,
});

const ImportConflictRef = builder.enumType('ImportConflictStrategy', {
  description: 'What to do with a row whose code already exists',
  values: {
    STOP: { value: 'stop', description: 'Reject the file: any problem and nothing is written' },
    SKIP: { value: 'skip', description: 'Leave existing units alone; skip (and report) rows with problems' },
    UPDATE: { value: 'update', description: 'Give changed units a new version; any problem rejects the file' },
  } as const,
});

const ImportUnitsInput = builder.inputType('ImportUnitsInput', {
  fields: (t) => ({
    provinceCode: t.string({ required: true, description: 'The province the file belongs to, e.g. "31"' }),
    format: t.field({ type: ImportFormatRef, required: true }),
    content: t.string({ required: true, description: 'The file: text for CSV (or base64 with `encoding`), base64 for XLSX' }),
    encoding: t.field({
      type: ImportEncodingRef,
      required: false,
      description: 'CSV only: `content` is then the file’s bytes in base64, decoded strictly in this encoding (a line that is not valid in it rejects the file)',
    }),
    onConflict: t.field({ type: ImportConflictRef, required: false, defaultValue: 'stop' }),
    legalAct: t.string({ required: false, description: 'Recorded on every written version unless a row gives legal_act' }),
  }),
});

const ImportRowProblemRef = builder.objectRef<UnitImportProblem>('ImportRowProblem').implement({
  description: 'A row that was skipped, and why',
  fields: (t) => ({
    line: t.exposeInt('line', { description: 'CSV line or Excel row (1 is the header)' }),
    column: t.exposeString('column', { nullable: true, description: 'The column header as written in the file' }),
    code: t.exposeString('code', { description: 'e.g. unknownParent, duplicateCode, codeExists' }),
    message: t.exposeString('message'),
  }),
});

const ImportSummaryRef = builder.objectRef<UnitImportResult & { provinceCode: string }>('ImportSummary').implement({
  description: 'What an import wrote',
  fields: (t) => ({
    provinceCode: t.exposeString('provinceCode'),
    rows: t.exposeInt('rows', { description: 'Data rows read (blank rows excluded)' }),
    inserted: t.exposeInt('inserted'),
    updated: t.exposeInt('updated', { description: 'Units that got a new version' }),
    unchanged: t.exposeInt('unchanged', { description: 'Existing units the file left as they were (UPDATE)' }),
    skipped: t.exposeInt('skipped', { description: 'Rows left out (SKIP); see `problems`' }),
    problems: t.field({
      type: [ImportRowProblemRef],
      description: `Why rows were skipped, by line (the first ${MAX_PROBLEMS_LISTED})`,
      resolve: (summary) => summary.problems.slice(0, MAX_PROBLEMS_LISTED),
    }),
    warnings: t.field({
      type: [ImportRowProblemRef],
      description: 'Cells imported as they were that look wrong, by line: `likelyMojibake` is UTF-8 text once read as Windows-1252 (“HÃ  Ná»™i”)',
      resolve: (summary) => [...summary.warnings],
    }),
  }),
});

function decode(format: 'csv' | 'xlsx', content: string, encoding: TextEncodingName | null | undefined): UnitImportSource {
  if (format === 'csv' && !encoding) {
    const bytes = Buffer.byteLength(content, 'utf8');
    if (bytes > MAX_IMPORT_FILE_BYTES) throw tooLarge(bytes);
    return { format, text: content };
  }
  if (format === 'xlsx' && encoding) {
    throw new ValidationError('Tệp XLSX tự mang bảng mã: chỉ tệp CSV mới khai báo encoding', [{ code: 'invalidShape', path: 'input.encoding', message: 'chỉ dùng cho CSV' }]);
  }
  const base64 = content.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 === 1) {
    throw new ValidationError(format === 'xlsx' ? 'An XLSX file must be sent base64-encoded' : 'Tệp CSV có khai báo encoding phải gửi ở dạng base64', [{ code: 'invalidShape', path: 'input.content', message: 'expected base64' }]);
  }
  const data = Buffer.from(base64, 'base64');
  if (data.byteLength > MAX_IMPORT_FILE_BYTES) throw tooLarge(data.byteLength);
  return encoding ? { format: 'csv', data, encoding } : { format: 'xlsx', data };
}

/** The import's own limit (a request body is refused above the same file sent base64-encoded). */
function tooLarge(bytes: number): ValidationError {
  return new ValidationError(fileTooLargeMessage(bytes), [{ code: 'invalidShape', path: 'input.content', message: `tối đa ${formatMegabytes(MAX_IMPORT_FILE_BYTES)}` }]);
}

builder.mutationFields((t) => ({
  importUnits: t.field({
    type: ImportSummaryRef,
    authScopes: { permission: 'units.import' },
    errors: { types: [ImportError, ValidationError] },
    description:
      `Imports (at most ${formatMegabytes(MAX_IMPORT_FILE_BYTES)} of file) a province’s residential areas, agencies, enterprises and schools from CSV or XLSX. Columns: code, kind ` +
      '(residentialArea | agency | enterprise | school), name, parent_code, and optionally local_type, attributes (JSON), ' +
      'valid_from, name_en, legal_act; other columns become attributes. Vietnamese headers ("Mã", "Tên", "Mã cấp trên"…) are accepted.',
    args: { input: t.arg({ type: ImportUnitsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const provinceCode = input.provinceCode.trim();
      assertCan(ctx.auth, 'units.import', provinceCode, `tỉnh ${provinceCode}`);
      if (!/^\d{2}$/.test(provinceCode)) {
        throw new ValidationError('Mã tỉnh gồm 2 chữ số', [{ code: 'invalidShape', path: 'input.provinceCode', message: 'expected a 2-digit province code' }]);
      }
      const source = decode(input.format, input.content, input.encoding);
      const result = await importUnits(ctx.db, source, {
        provinceCode,
        onConflict: input.onConflict ?? 'stop',
        today: ctx.today,
        ...(input.legalAct && { legalAct: input.legalAct }),
      });
      const unknownProvince = result.problems.find((problem) => problem.code === 'unknownProvince');
      if (unknownProvince) {
        throw new ValidationError(unknownProvince.message, [{ code: 'invalidShape', path: 'input.provinceCode', message: unknownProvince.message }]);
      }
      if (result.status === 'rejected') {
        const count = result.problems.length;
        const listed = count > MAX_PROBLEMS_LISTED ? ` (the first ${MAX_PROBLEMS_LISTED} are listed)` : '';
        throw new ImportError(
          `${count} problem${count === 1 ? '' : 's'} in ${result.rows} row${result.rows === 1 ? '' : 's'}: nothing was imported${listed}`,
          result.problems
            .slice(0, MAX_PROBLEMS_LISTED)
            .map(({ line, column, message }) => (column === undefined ? { line, message } : { line, column, message })),
        );
      }
      await auditChange(ctx, {
        action: 'units.import',
        entity: 'Province',
        entityId: provinceCode,
        areaPath: provinceCode,
        after: { inserted: result.inserted, updated: result.updated, unchanged: result.unchanged, skipped: result.skipped, onConflict: input.onConflict ?? 'STOP' },
      });
      return { ...result, provinceCode };
    },
  }),
}));
