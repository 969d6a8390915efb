import { randomFillSync } from 'node:crypto';
import {
  addDays,
  calendarDayIn,
  createUnitKindRegistry,
  foldDiacritics,
  isValidIsoDate,
  nationalUnitKinds,
  toIsoDate,
  type UnitKindRegistry,
} from '@antt/criteria';
import type { SqlExecutor } from '../sql.ts';
import { checkDecodedText, decodeImportBytes, findMojibake, mojibakeWarning, type TextEncodingName } from './encoding.ts';
import { fileTooLargeMessage, importFileBytes, MAX_IMPORT_FILE_BYTES } from './limits.ts';
import { columnLetter, readImportTable, type CellValue, type ImportRow, type ImportSource, type ImportTable } from './table.ts';

/*
 * Importing a province's residential areas (thôn, tổ dân phố…), agencies, enterprises and schools
 * from CSV or XLSX. Everything is checked in memory against one bulk read of the units the file
 * names; the writes are one DELETE, one UPDATE and two COPYs inside one transaction, so 60,000
 * villages take seconds and a rejected file leaves nothing behind.
 */

/** What to do with a row whose code already exists: reject the file, leave the unit, or version it. */
export type UnitImportConflict = 'stop' | 'skip' | 'update';

export type UnitImportProblemCode =
  | 'unreadableFile'
  | 'fileTooLarge'
  | 'missingColumn'
  | 'duplicateColumn'
  | 'unknownProvince'
  | 'extraCell'
  | 'emptyCode'
  | 'invalidCode'
  | 'duplicateCode'
  | 'codeExists'
  | 'notImportable'
  | 'emptyName'
  | 'nameTooLong'
  | 'unknownKind'
  | 'kindNotImportable'
  | 'kindChanged'
  | 'missingParent'
  | 'unknownParent'
  | 'parentNotValid'
  | 'parentInOtherProvince'
  | 'parentKindMismatch'
  | 'parentRejected'
  | 'parentCycle'
  | 'invalidLocalType'
  | 'invalidAttributes'
  | 'invalidDate'
  | 'versionConflict'
  | 'invalidEncoding'
  | 'likelyMojibake';

/** One problem of the file: the line (CSV line or Excel row; 0 for the request itself) and column. */
export interface UnitImportProblem {
  readonly line: number;
  /** The column's header as written in the file, when the problem is in one cell. */
  readonly column?: string;
  readonly code: UnitImportProblemCode;
  readonly message: string;
}

export interface UnitImportOptions {
  /** The 2-digit province code the file belongs to (e.g. "31"); every parent must be inside it. */
  readonly provinceCode: string;
  /** Default `stop`. Under `stop` and `update` any problem rejects the whole file. */
  readonly onConflict?: UnitImportConflict;
  /** `YYYY-MM-DD`; the default `valid_from` and the day parents must still exist. Default: today (UTC). */
  readonly today?: string;
  /** Unit kinds, when a province has added its own; default the national kinds. */
  readonly kinds?: UnitKindRegistry;
  /** Recorded on every written version unless a row gives `legal_act`. */
  readonly legalAct?: string | null;
}

export interface UnitImportResult {
  /** `rejected`: nothing was written (see `problems`). */
  readonly status: 'imported' | 'rejected';
  /** Data rows read (blank rows excluded). */
  readonly rows: number;
  readonly inserted: number;
  /** Units that got a new version (or whose same-day version was corrected). */
  readonly updated: number;
  /** Existing units the `update` strategy found identical. */
  readonly unchanged: number;
  /** Rows left out under `skip`, each with at least one problem. */
  readonly skipped: number;
  readonly problems: readonly UnitImportProblem[];
  /** Cells that were imported but look wrong (`likelyMojibake`: UTF-8 text read as Windows-1252), by line. */
  readonly warnings: readonly UnitImportProblem[];
}

/** A CSV file as the bytes it was saved in, with their encoding; text and XLSX as `ImportSource`. */
export type UnitImportSource = ImportSource | { readonly format: 'csv'; readonly data: Uint8Array; readonly encoding: TextEncodingName };

/** Warnings listed at most; a file of mojibake needs one look, not 60,000 lines. */
const MAX_WARNINGS = 1000;

// ---------------------------------------------------------------------------------------------
// Columns

type Field = 'code' | 'kind' | 'name' | 'parent_code' | 'local_type' | 'attributes' | 'valid_from' | 'name_en' | 'legal_act';

const REQUIRED_FIELDS: readonly Field[] = ['code', 'kind', 'name', 'parent_code'];

/** Header spellings (folded, words joined by "_") accepted for each column. */
const FIELD_ALIASES: Readonly<Record<Field, readonly string[]>> = {
  code: ['code', 'ma', 'ma_so', 'ma_don_vi', 'ma_dv'],
  kind: ['kind', 'loai', 'loai_don_vi'],
  name: ['name', 'ten', 'ten_don_vi'],
  parent_code: ['parent_code', 'parent', 'ma_cap_tren', 'ma_don_vi_cap_tren', 'ma_don_vi_quan_ly', 'ma_xa', 'ma_xa_phuong'],
  local_type: ['local_type', 'loai_hinh', 'loai_khu_dan_cu', 'ten_goi'],
  attributes: ['attributes', 'thuoc_tinh'],
  valid_from: ['valid_from', 'hieu_luc_tu', 'tu_ngay', 'ngay_hieu_luc'],
  name_en: ['name_en', 'ten_tieng_anh'],
  legal_act: ['legal_act', 'can_cu', 'van_ban', 'quyet_dinh'],
};

/** "Mã cấp trên" → "ma_cap_tren"; also the form unit kinds and local types are matched in. */
function normaliseWord(text: string): string {
  return foldDiacritics(text.normalize('NFC'))
    .trim()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const fieldByAlias = new Map<string, Field>();
for (const [field, aliases] of Object.entries(FIELD_ALIASES) as Array<[Field, readonly string[]]>) {
  for (const alias of aliases) fieldByAlias.set(alias, field);
  fieldByAlias.set(field.replace(/_/g, ''), field);
}

/** Vietnamese names of the importable kinds, compared with "_" removed. */
const KIND_ALIASES: Readonly<Record<string, string>> = {
  khudancu: 'residentialArea',
  kdc: 'residentialArea',
  coquan: 'agency',
  doanhnghiep: 'enterprise',
  cosogiaoduc: 'school',
  truong: 'school',
  truonghoc: 'school',
};

interface ColumnMap {
  readonly index: Partial<Record<Field, number>>;
  /** Columns that become attributes, by their header. */
  readonly attributeColumns: ReadonlyArray<{ index: number; key: string }>;
  readonly header: readonly string[];
}

function mapColumns(header: readonly string[], headerLine: number, problems: UnitImportProblem[]): ColumnMap | undefined {
  const index: Partial<Record<Field, number>> = {};
  const attributeColumns: Array<{ index: number; key: string }> = [];
  const attributeKeys = new Set<string>();
  header.forEach((name, i) => {
    if (name === '') return;
    const key = normaliseWord(name);
    const field = fieldByAlias.get(key) ?? fieldByAlias.get(key.replace(/_/g, ''));
    if (field) {
      const seen = index[field];
      if (seen !== undefined) {
        problems.push({ line: headerLine, column: name, code: 'duplicateColumn', message: `columns "${header[seen]}" and "${name}" both give ${field}` });
      } else index[field] = i;
      return;
    }
    if (attributeKeys.has(name)) {
      problems.push({ line: headerLine, column: name, code: 'duplicateColumn', message: `column "${name}" appears twice` });
      return;
    }
    attributeKeys.add(name);
    attributeColumns.push({ index: i, key: name });
  });
  for (const field of REQUIRED_FIELDS) {
    if (index[field] === undefined) {
      problems.push({
        line: headerLine,
        column: field,
        code: 'missingColumn',
        message: `no "${field}" column (also accepted: ${FIELD_ALIASES[field].filter((a) => a !== field).join(', ')})`,
      });
    }
  }
  return problems.length > 0 ? undefined : { index, attributeColumns, header };
}

// ---------------------------------------------------------------------------------------------
// Rows

type AttributeValue = string | number | boolean | null | object;

interface ParsedRow {
  readonly line: number;
  readonly code: string;
  readonly kind: string;
  readonly name: string;
  readonly parentCode: string;
  /** Values to set; `null` removes an attribute from an existing unit. */
  readonly attributes: Record<string, AttributeValue>;
  readonly validFrom: string;
  readonly nameEn: string | null | undefined;
  readonly legalAct: string | null | undefined;
  readonly problems: UnitImportProblem[];
}

/** Cell text, trimmed; readImportTable already gave strings in NFC. */
function cellText(value: CellValue | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

function parseDate(value: CellValue | null | undefined): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  const text = cellText(value);
  if (isValidIsoDate(text)) return text;
  const vietnamese = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (vietnamese) return toIsoDate(Number(vietnamese[3]), Number(vietnamese[2]), Number(vietnamese[1]));
  return undefined;
}

const TRUE_WORDS = new Set(['true', 'yes', 'có', 'x']);
const FALSE_WORDS = new Set(['false', 'no', 'không']);

/** A cell of an extra column as an attribute value: booleans and plain numbers typed, the rest text. */
function attributeValue(value: CellValue): AttributeValue {
  if (typeof value !== 'string') return value instanceof Date ? value.toISOString().slice(0, 10) : value;
  const text = value.normalize('NFC').trim();
  const word = text.toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

const CODE_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u;
const MAX_NAME = 255;

interface RowContext {
  readonly columns: ColumnMap;
  readonly kinds: UnitKindRegistry;
  readonly importable: ReadonlySet<string>;
  readonly kindByKey: ReadonlyMap<string, string>;
  readonly today: string;
  readonly legalAct: string | null;
  /** `normaliseWord` of each distinct cell text: kinds and local types repeat on every row. */
  readonly words: Map<string, string>;
}

function word(ctx: RowContext, text: string): string {
  let normalised = ctx.words.get(text);
  if (normalised === undefined) {
    normalised = normaliseWord(text);
    ctx.words.set(text, normalised);
  }
  return normalised;
}

function parseRow(row: ImportRow, ctx: RowContext): ParsedRow {
  const { columns } = ctx;
  const problems: UnitImportProblem[] = [];
  const cell = (field: Field) => {
    const i = columns.index[field];
    return i === undefined ? null : (row.cells[i] ?? null);
  };
  const columnName = (field: Field) => {
    const i = columns.index[field];
    return i === undefined ? field : columns.header[i]!;
  };
  const problem = (field: Field | undefined, code: UnitImportProblemCode, message: string) =>
    problems.push(field ? { line: row.line, column: columnName(field), code, message } : { line: row.line, code, message });

  for (const column of row.overflow ?? []) {
    problems.push({ line: row.line, column: columnLetter(column), code: 'extraCell', message: `a value in column ${columnLetter(column)}, which has no header` });
  }

  const code = cellText(cell('code'));
  if (code === '') problem('code', 'emptyCode', 'the code is empty');
  else if (!CODE_PATTERN.test(code)) {
    problem('code', 'invalidCode', `"${code}" is not a code: use letters, digits, ".", "_" or "-" (at most 64), no "/" or spaces`);
  }

  const rawKind = cellText(cell('kind'));
  const kindKey = word(ctx, rawKind).replace(/_/g, '');
  const kind = ctx.kindByKey.get(kindKey) ?? KIND_ALIASES[kindKey] ?? '';
  if (rawKind === '') problem('kind', 'unknownKind', `the kind is empty: expected one of ${[...ctx.importable].join(', ')}`);
  else if (kind === '') problem('kind', 'unknownKind', `unknown kind "${rawKind}": expected one of ${[...ctx.importable].join(', ')}`);
  else if (!ctx.importable.has(kind)) {
    problem('kind', 'kindNotImportable', `a ${kind} is not imported: this file holds ${[...ctx.importable].join(', ')}`);
  }

  const name = cellText(cell('name')).replace(/\s+/g, ' ');
  if (name === '') problem('name', 'emptyName', 'the name is empty');
  else if (name.length > MAX_NAME) problem('name', 'nameTooLong', `the name is longer than ${MAX_NAME} characters`);

  const parentCode = cellText(cell('parent_code'));
  if (parentCode === '') problem('parent_code', 'missingParent', 'the parent code is empty: give the commune (or unit) this one belongs to');

  const attributes: Record<string, AttributeValue> = {};
  const rawAttributes = cellText(cell('attributes'));
  if (rawAttributes !== '') {
    try {
      const parsed: unknown = JSON.parse(rawAttributes);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        problem('attributes', 'invalidAttributes', 'attributes must be a JSON object, e.g. {"border": true}');
      } else Object.assign(attributes, parsed);
    } catch (error) {
      problem('attributes', 'invalidAttributes', `attributes are not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  for (const { index, key } of columns.attributeColumns) {
    const value = row.cells[index];
    if (value !== null && value !== undefined) attributes[key] = attributeValue(value);
  }
  const rawLocalType = cellText(cell('local_type'));
  if (rawLocalType !== '') {
    const localTypes = kind ? ctx.kinds.get(kind)?.localTypes : undefined;
    const localType = word(ctx, rawLocalType);
    if (localTypes && !localTypes.includes(localType)) {
      problem('local_type', 'invalidLocalType', `unknown local type "${rawLocalType}" for a ${kind}: expected one of ${localTypes.join(', ')}`);
    } else attributes['localType'] = localTypes ? localType : rawLocalType;
  }

  let validFrom = ctx.today;
  const rawValidFrom = cell('valid_from');
  if (cellText(rawValidFrom) !== '') {
    const parsed = parseDate(rawValidFrom);
    if (parsed) validFrom = parsed;
    else problem('valid_from', 'invalidDate', `"${cellText(rawValidFrom)}" is not a date: use YYYY-MM-DD or DD/MM/YYYY`);
  }

  const nameEn = columns.index.name_en === undefined ? undefined : cellText(cell('name_en')) || null;
  const legalAct = columns.index.legal_act === undefined ? undefined : cellText(cell('legal_act')) || null;
  return { line: row.line, code, kind, name, parentCode, attributes, validFrom, nameEn, legalAct, problems };
}

// ---------------------------------------------------------------------------------------------
// What the database holds

interface StoredVersion {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly fullName: string;
  readonly nameEn: string | null;
  readonly parentCode: string | null;
  readonly path: string;
  readonly provinceCode: string | null;
  readonly attributes: Record<string, unknown>;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly legalAct: string | null;
}

interface StoredUnit {
  readonly unitId: string;
  readonly code: string;
  /** Oldest first. */
  readonly versions: StoredVersion[];
}

const isoDay = (date: Date | string) => (date instanceof Date ? date.toISOString().slice(0, 10) : String(date).slice(0, 10));

/** Every unit with one of `codes`, with all its versions: one query. */
async function loadUnits(db: SqlExecutor, codes: readonly string[]): Promise<Map<string, StoredUnit>> {
  const rows = await db.query<{
    unitId: string;
    code: string;
    id: string | null;
    kind: string;
    name: string;
    fullName: string;
    nameEn: string | null;
    parentCode: string | null;
    path: string;
    provinceCode: string | null;
    attributes: Record<string, unknown> | null;
    validFrom: Date;
    validTo: Date | null;
    legalAct: string | null;
  }>(
    `SELECT u.id AS "unitId", u.code, v.id, v.kind, v.name, v."fullName", v."nameEn", v."parentCode", v.path,
            v."provinceCode", v.attributes, v."validFrom", v."validTo", v."legalAct"
       FROM "Unit" u LEFT JOIN "UnitVersion" v ON v."unitId" = u.id
      WHERE u.code = ANY($1::text[])
      ORDER BY u.code, v."validFrom"`,
    [codes],
  );
  const units = new Map<string, StoredUnit>();
  for (const row of rows) {
    let unit = units.get(row.code);
    if (!unit) {
      unit = { unitId: row.unitId, code: row.code, versions: [] };
      units.set(row.code, unit);
    }
    if (row.id === null) continue;
    unit.versions.push({
      id: row.id,
      kind: row.kind,
      name: row.name,
      fullName: row.fullName,
      nameEn: row.nameEn,
      parentCode: row.parentCode,
      path: row.path,
      provinceCode: row.provinceCode,
      attributes: row.attributes ?? {},
      validFrom: isoDay(row.validFrom),
      validTo: row.validTo ? isoDay(row.validTo) : null,
      legalAct: row.legalAct,
    });
  }
  return units;
}

function versionOn(unit: StoredUnit, day: string): StoredVersion | undefined {
  return unit.versions.find((v) => v.validFrom <= day && (v.validTo === null || v.validTo >= day));
}

/** Commune codes are 5 digits, province codes 2: a spreadsheet that stored them as numbers dropped the zeros. */
function zeroPaddedCandidates(code: string): string[] {
  if (!/^\d{1,4}$/.test(code)) return [];
  return [code.padStart(5, '0'), ...(code.length < 2 ? [code.padStart(2, '0')] : [])];
}

/** Key order does not matter and `undefined` never appears: JSON as stored in jsonb. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

function withoutNulls(attributes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== null && v !== undefined));
}

// ---------------------------------------------------------------------------------------------
// Planning

interface ParentInfo {
  /** `null` for a unit this file creates: its id is given when the rows are written. */
  readonly unitId: string | null;
  readonly code: string;
  readonly kind: string;
  readonly fullName: string;
  /** `fullName` folded: a child's search name is its folded name followed by this. */
  readonly searchName: string;
  readonly path: string;
}

interface PlannedVersion {
  readonly unitId: string | null;
  readonly code: string;
  readonly kind: string;
  readonly name: string;
  readonly fullName: string;
  readonly searchName: string;
  readonly nameEn: string | null;
  readonly parent: ParentInfo;
  readonly path: string;
  readonly attributes: Record<string, unknown>;
  readonly validFrom: string;
  readonly legalAct: string | null;
}

type Decision =
  | { readonly action: 'insert'; readonly version: PlannedVersion }
  | { readonly action: 'update'; readonly version: PlannedVersion; readonly close?: { id: string; validTo: string }; readonly replace?: string }
  | { readonly action: 'unchanged' };

const defaultKinds = (() => {
  const registry = createUnitKindRegistry(nationalUnitKinds);
  if (!registry.ok) throw new Error(`national unit kinds are invalid: ${JSON.stringify(registry.errors)}`);
  return registry.value;
})();

function rejected(rows: number, problems: UnitImportProblem[]): UnitImportResult {
  return { status: 'rejected', rows, inserted: 0, updated: 0, unchanged: 0, skipped: 0, problems: sortProblems(problems), warnings: [] };
}

function sortProblems(problems: UnitImportProblem[]): UnitImportProblem[] {
  return problems.sort((a, b) => a.line - b.line);
}

/**
 * RFC 9562 version-7 UUIDs: a millisecond timestamp, a counter within the millisecond, then random
 * bits. Ids made one after another sort one after another, so a bulk insert appends to the primary
 * key indexes instead of touching pages all over them.
 */
export function uuidV7Generator(now: () => number = Date.now): () => string {
  let lastMs = -1;
  let counter = 0;
  let timeHex = '';
  const pool = Buffer.alloc(8 * 1024);
  let offset = pool.length;
  return () => {
    let ms = now();
    if (ms > lastMs) {
      lastMs = ms;
      counter = 0;
      timeHex = '';
    } else {
      counter++;
      if (counter > 0xfff) {
        lastMs++;
        counter = 0;
        timeHex = '';
      }
      ms = lastMs;
    }
    if (timeHex === '') {
      const time = ms.toString(16).padStart(12, '0');
      timeHex = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
    }
    if (offset === pool.length) {
      randomFillSync(pool);
      offset = 0;
    }
    // Hex from a table: Buffer#toString per id cost more than the rest of the id together.
    const b = offset;
    offset += 8;
    return (
      timeHex +
      HEX3[counter]! +
      '-' +
      HEX1[((pool[b]! >> 4) & 0x3) | 0x8]! +
      HEX1[pool[b]! & 0xf]! +
      HEX2[pool[b + 1]!]! +
      '-' +
      HEX2[pool[b + 2]!]! +
      HEX2[pool[b + 3]!]! +
      HEX2[pool[b + 4]!]! +
      HEX2[pool[b + 5]!]! +
      HEX2[pool[b + 6]!]! +
      HEX2[pool[b + 7]!]!
    );
  };
}

const HEX1 = Array.from({ length: 16 }, (_, i) => i.toString(16));
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const HEX3 = Array.from({ length: 0x1000 }, (_, i) => i.toString(16).padStart(3, '0'));

const VERSION_COLUMNS = [
  'id',
  'unitId',
  'code',
  'kind',
  'name',
  'fullName',
  'nameEn',
  'searchName',
  'parentId',
  'parentCode',
  'path',
  'provinceCode',
  'attributes',
  'validFrom',
  'validTo',
  'legalAct',
] as const;

/**
 * Imports residential areas, agencies, enterprises and schools of one province from a CSV text or
 * an XLSX workbook. Columns (header aliases in Vietnamese accepted, e.g. "Mã", "Tên", "Mã cấp trên"):
 * `code`, `kind` (residentialArea | agency | enterprise | school), `name`, `parent_code` (a unit of
 * the province that exists today, usually its commune), optional `local_type` (thon, to_dan_pho…),
 * `attributes` (a JSON object), `valid_from` (default today), `name_en`, `legal_act`; any other
 * column becomes an attribute named by its header. On update, given attributes are merged over the
 * stored ones (`null` in the JSON removes one).
 *
 * @example
 * const result = await importUnits(db, { format: 'csv', text }, { provinceCode: '31', onConflict: 'skip' });
 * if (result.status === 'rejected') for (const p of result.problems) console.log(`line ${p.line}: ${p.message}`);
 */
export async function importUnits(db: SqlExecutor, source: UnitImportSource, options: UnitImportOptions): Promise<UnitImportResult> {
  const bytes = importFileBytes(source);
  if (bytes > MAX_IMPORT_FILE_BYTES) return rejected(0, [{ line: 0, code: 'fileTooLarge', message: fileTooLargeMessage(bytes) }]);
  let readable: ImportSource;
  if (source.format === 'xlsx') readable = source;
  else {
    // Text came through a lenient decoder (U+FFFD marks bytes that were not UTF-8); bytes are decoded strictly.
    const decoded = 'text' in source ? checkDecodedText(source.text) : decodeImportBytes(source.data, source.encoding);
    if (!decoded.ok) return rejected(0, decoded.problems.map((p) => ({ line: p.line, code: 'invalidEncoding', message: p.message })));
    readable = { format: 'csv', text: decoded.text };
  }
  const read = await readImportTable(readable);
  if (!read.ok) return rejected(0, [{ line: read.problem.line, code: 'unreadableFile', message: read.problem.message }]);
  const result = await importTable(db, read.table, options);
  return { ...result, warnings: mojibakeWarnings(read.table) };
}

/** A warning for each cell (header included) that reads as UTF-8 shown as Windows-1252. */
function mojibakeWarnings(table: ImportTable): UnitImportProblem[] {
  const warnings: UnitImportProblem[] = [];
  const check = (line: number, column: string | undefined, value: unknown) => {
    if (typeof value !== 'string' || warnings.length >= MAX_WARNINGS) return;
    const message = mojibakeWarning(findMojibake(value));
    if (message) warnings.push(column ? { line, column, code: 'likelyMojibake', message } : { line, code: 'likelyMojibake', message });
  };
  table.header.forEach((name) => check(table.headerLine, undefined, name));
  for (const row of table.rows) row.cells.forEach((cell, index) => check(row.line, table.header[index] || columnLetter(index + 1), cell));
  return warnings;
}

async function importTable(db: SqlExecutor, table: ImportTable, options: UnitImportOptions): Promise<UnitImportResult> {
  const onConflict = options.onConflict ?? 'stop';
  const today = options.today ?? calendarDayIn(new Date());
  const kinds = options.kinds ?? defaultKinds;
  const fileProblems: UnitImportProblem[] = [];
  const columns = mapColumns(table.header, table.headerLine, fileProblems);
  if (!columns) return rejected(table.rows.length, fileProblems);

  const importable = new Set(kinds.all().filter((k) => k.level === 'residentialArea' || k.level === 'organisation').map((k) => k.id));
  const kindByKey = new Map(kinds.all().map((k) => [normaliseWord(k.id).replace(/_/g, ''), k.id] as const));
  const ctx: RowContext = { columns, kinds, importable, kindByKey, today, legalAct: options.legalAct ?? null, words: new Map() };
  const rows = table.rows.map((row) => parseRow(row, ctx));

  // The first row of each code stands; later ones are duplicates.
  const firstByCode = new Map<string, ParsedRow>();
  for (const row of rows) {
    if (row.code === '') continue;
    const first = firstByCode.get(row.code);
    if (first) row.problems.push({ line: row.line, column: columns.header[columns.index.code!]!, code: 'duplicateCode', message: `code "${row.code}" is already on line ${first.line}` });
    else firstByCode.set(row.code, row);
  }

  const parentColumn = columns.header[columns.index.parent_code!]!;
  const codeColumn = columns.header[columns.index.code!]!;
  const kindColumn = columns.header[columns.index.kind!]!;

  const result = await db.transaction(async (tx): Promise<UnitImportResult> => {
    const lookup = new Set<string>([options.provinceCode, ...firstByCode.keys()]);
    for (const row of rows) {
      if (row.parentCode === '') continue;
      lookup.add(row.parentCode);
      for (const candidate of zeroPaddedCandidates(row.parentCode)) lookup.add(candidate);
    }
    const stored = await loadUnits(tx, [...lookup]);

    const province = stored.get(options.provinceCode);
    const provinceNow = province && versionOn(province, today);
    if (!provinceNow || provinceNow.kind !== 'province') {
      return rejected(rows.length, [{ line: 0, code: 'unknownProvince', message: `no province "${options.provinceCode}" exists on ${today}` }]);
    }

    // Parents: a stored unit of the province alive today, or a new unit from this file.
    const resolved = new Map<ParsedRow, ParentInfo | null>();
    const resolving = new Set<ParsedRow>();

    // Rows share few parents: each (parent, day, kind) is checked once.
    type StoredParentCheck = { parent: ParentInfo } | { code: UnitImportProblemCode; message: string };
    const storedChecks = new Map<string, StoredParentCheck | undefined>();
    const checkStoredParent = (parentCode: string, day: string, kind: string): StoredParentCheck | undefined => {
      const codes = [parentCode, ...zeroPaddedCandidates(parentCode)];
      const code = codes.find((c) => stored.has(c) && !(c !== parentCode && firstByCode.has(parentCode)));
      if (code === undefined) return undefined;
      const unit = stored.get(code)!;
      const version = versionOn(unit, day);
      const latest = unit.versions.at(-1);
      // Another province's unit is judged first and named by nothing but the code the file gave:
      // an import never tells one province what another holds (its name, its dates).
      if ((version ?? latest)?.provinceCode !== options.provinceCode) {
        return { code: 'parentInOtherProvince', message: `đơn vị cha "${code}" không thuộc tỉnh ${options.provinceCode}` };
      }
      if (!version || !latest || (latest.validTo !== null && latest.validTo < today)) {
        const ended = latest?.validTo ? ` (it ended on ${latest.validTo})` : '';
        return { code: 'parentNotValid', message: `parent "${code}" did not exist on ${day} or no longer exists today${ended}` };
      }
      if (importable.has(kind) && !kinds.canBeChildOf(kind, version.kind)) {
        return { code: 'parentKindMismatch', message: `a ${kind} cannot sit under a ${version.kind} (${version.fullName})` };
      }
      return { parent: { unitId: unit.unitId, code, kind: version.kind, fullName: version.fullName, searchName: foldDiacritics(version.fullName), path: version.path } };
    };
    const storedParent = (row: ParsedRow): ParentInfo | null | undefined => {
      const key = `${row.parentCode}\u0000${row.validFrom}\u0000${row.kind}`;
      let check = storedChecks.get(key);
      if (check === undefined && !storedChecks.has(key)) {
        check = checkStoredParent(row.parentCode, row.validFrom, row.kind);
        storedChecks.set(key, check);
      }
      if (check === undefined) return undefined;
      if ('parent' in check) return check.parent;
      row.problems.push({ line: row.line, column: parentColumn, code: check.code, message: check.message });
      return null;
    };

    const resolveParent = (row: ParsedRow): ParentInfo | null => {
      const done = resolved.get(row);
      if (done !== undefined) return done;
      if (resolving.has(row)) {
        row.problems.push({ line: row.line, column: parentColumn, code: 'parentCycle', message: `"${row.code}" is its own ancestor through parent_code` });
        resolved.set(row, null);
        return null;
      }
      resolving.add(row);
      let parent: ParentInfo | null = null;
      const fromStore = row.parentCode === '' ? null : storedParent(row);
      if (fromStore !== undefined) parent = fromStore;
      else {
        const inFile = firstByCode.get(row.parentCode);
        if (!inFile) {
          row.problems.push({ line: row.line, column: parentColumn, code: 'unknownParent', message: `no unit "${row.parentCode}" in the database or in this file` });
        } else {
          const grandParent = resolveParent(inFile);
          if (inFile.problems.length > 0 || !grandParent) {
            row.problems.push({ line: row.line, column: parentColumn, code: 'parentRejected', message: `its parent "${row.parentCode}" on line ${inFile.line} has problems` });
          } else if (importable.has(row.kind) && !kinds.canBeChildOf(row.kind, inFile.kind)) {
            row.problems.push({ line: row.line, column: parentColumn, code: 'parentKindMismatch', message: `a ${row.kind} cannot sit under a ${inFile.kind} (line ${inFile.line})` });
          } else {
            parent = {
              unitId: null,
              code: inFile.code,
              kind: inFile.kind,
              fullName: `${inFile.name}, ${grandParent.fullName}`,
              searchName: `${foldDiacritics(inFile.name)}, ${grandParent.searchName}`,
              path: `${grandParent.path}/${inFile.code}`,
            };
          }
        }
      }
      resolving.delete(row);
      resolved.set(row, parent);
      return parent;
    };

    const decisions = new Map<ParsedRow, Decision>();
    for (const row of rows) {
      if (row.problems.some((p) => p.code === 'duplicateCode')) continue;
      const parent = resolveParent(row);
      const existing = stored.get(row.code);
      if (existing && row.code !== '') {
        const latest = existing.versions.at(-1);
        if (!latest || !importable.has(latest.kind) || latest.provinceCode !== options.provinceCode) {
          // Codes are unique nationwide, so a taken one must be refused; whose it is stays unsaid.
          const message =
            latest && latest.provinceCode === options.provinceCode
              ? `code "${row.code}" is a ${latest.kind} (${latest.fullName}); this import cannot change it`
              : `mã "${row.code}" đã được dùng cho một đơn vị không thuộc tỉnh ${options.provinceCode}: chọn mã khác`;
          row.problems.push({ line: row.line, column: codeColumn, code: 'notImportable', message });
          continue;
        }
        if (onConflict !== 'update') {
          row.problems.push({
            line: row.line,
            column: codeColumn,
            code: 'codeExists',
            message: `code "${row.code}" already exists (${latest.fullName})${onConflict === 'stop' ? ': choose skip or update' : '; skipped'}`,
          });
          continue;
        }
        if (row.kind && row.kind !== latest.kind) {
          row.problems.push({ line: row.line, column: kindColumn, code: 'kindChanged', message: `"${row.code}" is a ${latest.kind}; an import cannot change a unit's kind to ${row.kind}` });
          continue;
        }
        if (row.validFrom < latest.validFrom) {
          row.problems.push({
            line: row.line,
            column: columns.index.valid_from === undefined ? codeColumn : columns.header[columns.index.valid_from]!,
            code: 'versionConflict',
            message: `"${row.code}" has a version from ${latest.validFrom}: a change must start on or after that day, not ${row.validFrom}`,
          });
          continue;
        }
        if (row.problems.length > 0 || !parent) continue;
        const attributes = withoutNulls({ ...latest.attributes, ...row.attributes });
        const nameEn = row.nameEn === undefined ? latest.nameEn : row.nameEn;
        const version: PlannedVersion = {
          unitId: existing.unitId,
          code: row.code,
          kind: row.kind,
          name: row.name,
          fullName: `${row.name}, ${parent.fullName}`,
          searchName: `${foldDiacritics(row.name)}, ${parent.searchName}`,
          nameEn,
          parent,
          path: `${parent.path}/${row.code}`,
          attributes,
          validFrom: row.validFrom,
          legalAct: row.legalAct === undefined ? ctx.legalAct : row.legalAct,
        };
        const same =
          latest.name === version.name &&
          latest.nameEn === version.nameEn &&
          latest.parentCode === parent.code &&
          latest.validTo === null &&
          canonical(latest.attributes) === canonical(attributes);
        if (same) decisions.set(row, { action: 'unchanged' });
        else if (row.validFrom === latest.validFrom) decisions.set(row, { action: 'update', version, replace: latest.id });
        else {
          const closeOn = addDays(row.validFrom, -1)!;
          const close = latest.validTo === null || latest.validTo > closeOn ? { id: latest.id, validTo: closeOn } : undefined;
          decisions.set(row, close ? { action: 'update', version, close } : { action: 'update', version });
        }
        continue;
      }
      if (row.problems.length > 0 || !parent) continue;
      decisions.set(row, {
        action: 'insert',
        version: {
          unitId: null,
          code: row.code,
          kind: row.kind,
          name: row.name,
          fullName: `${row.name}, ${parent.fullName}`,
          searchName: `${foldDiacritics(row.name)}, ${parent.searchName}`,
          nameEn: row.nameEn ?? null,
          parent,
          path: `${parent.path}/${row.code}`,
          attributes: withoutNulls(row.attributes),
          validFrom: row.validFrom,
          legalAct: row.legalAct === undefined ? ctx.legalAct : row.legalAct,
        },
      });
    }

    const problems = sortProblems(rows.flatMap((row) => row.problems));
    if (problems.length > 0 && onConflict !== 'skip') return rejected(rows.length, problems);

    // Rows go in tree order with time-ordered ids, so every index of the two tables grows at few places.
    const planned = [...decisions.values()];
    const versions = planned.flatMap((decision) => (decision.action === 'unchanged' ? [] : [decision.version]));
    versions.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const newId = uuidV7Generator();
    const newUnitIds = new Map<string, string>();
    const unitRows: Array<[string, string]> = [];
    for (const v of versions) {
      if (v.unitId !== null) continue;
      const id = newId();
      newUnitIds.set(v.code, id);
      unitRows.push([id, v.code]);
    }
    const unitIdOf = (code: string, known: string | null) => {
      const id = known ?? newUnitIds.get(code);
      if (id === undefined) throw new Error(`importUnits: no unit id for "${code}"`);
      return id;
    };
    const versionRows = versions.map((v) => [
      newId(),
      unitIdOf(v.code, v.unitId),
      v.code,
      v.kind,
      v.name,
      v.fullName,
      v.nameEn,
      v.searchName,
      unitIdOf(v.parent.code, v.parent.unitId),
      v.parent.code,
      v.path,
      options.provinceCode,
      v.attributes,
      v.validFrom,
      null,
      v.legalAct,
    ]);
    const closes: Array<{ id: string; validTo: string }> = [];
    const replaced: string[] = [];
    let updated = 0;
    let unchanged = 0;
    for (const decision of planned) {
      if (decision.action === 'unchanged') unchanged++;
      if (decision.action !== 'update') continue;
      updated++;
      if (decision.close) closes.push(decision.close);
      if (decision.replace) replaced.push(decision.replace);
    }
    const inserted = unitRows.length;

    if (replaced.length > 0) await tx.query('DELETE FROM "UnitVersion" WHERE id = ANY($1::uuid[])', [replaced]);
    if (closes.length > 0) {
      await tx.query(
        `UPDATE "UnitVersion" AS v SET "validTo" = c."validTo"
           FROM unnest($1::uuid[], $2::date[]) AS c(id, "validTo") WHERE v.id = c.id`,
        [closes.map((c) => c.id), closes.map((c) => c.validTo)],
      );
    }
    await tx.copyRows('Unit', ['id', 'code'], unitRows);
    await tx.copyRows('UnitVersion', VERSION_COLUMNS, versionRows);

    const skippedLines = new Set(problems.map((p) => p.line));
    return { status: 'imported', rows: rows.length, inserted, updated, unchanged, skipped: skippedLines.size, problems, warnings: [] };
  });
  // A large import changes the tables' shape; fresh statistics keep reports on good plans.
  if (result.status === 'imported' && result.inserted + result.updated >= 1000) await db.exec('ANALYZE "Unit", "UnitVersion"');
  return result;
}
