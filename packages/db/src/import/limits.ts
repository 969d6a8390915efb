import type { ImportSource } from './table.ts';

/*
 * The largest file an import takes, and the request that carries it: one constant, so the API's body
 * limit and the import's own check always agree. All 63,600 villages of the country fit (about 3–5 MB
 * of CSV); a province’s file is a small part of that.
 */

/** Bytes of the decoded file: the CSV text as UTF-8, or the XLSX workbook itself. */
export const MAX_IMPORT_FILE_BYTES = 5 * 1024 * 1024;

/** Room for the rest of a request around the file: the query, the other arguments, JSON escapes. */
const REQUEST_ENVELOPE_BYTES = 1024 * 1024;

/**
 * The largest HTTP body the API accepts: the largest file sent base64-encoded (an XLSX, 4 bytes per
 * 3), plus the envelope. A body over it is refused before it is read.
 */
export function maxRequestBodyBytes(maxFileBytes: number = MAX_IMPORT_FILE_BYTES): number {
  return Math.ceil(maxFileBytes / 3) * 4 + REQUEST_ENVELOPE_BYTES;
}

export function importFileBytes(source: ImportSource | { readonly data: Uint8Array }): number {
  return 'text' in source ? Buffer.byteLength(source.text, 'utf8') : source.data.byteLength;
}

/** "10 MB": the limit as a person reads it. */
export function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

export function fileTooLargeMessage(bytes: number, maxFileBytes: number = MAX_IMPORT_FILE_BYTES): string {
  return `Tệp ${formatMegabytes(bytes)} lớn hơn giới hạn ${formatMegabytes(maxFileBytes)} của một lần nhập: hãy chia tệp theo xã`;
}
