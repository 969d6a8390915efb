import writeXlsxFile from 'write-excel-file/node';
import type { CellValue } from './table.ts';

/**
 * A one-sheet XLSX workbook from rows of cells (first row the header): import templates for
 * download, exports, and test files. Dates are written as calendar days.
 *
 * @example
 * const bytes = await writeXlsx([['code', 'kind', 'name', 'parent_code'], ['31-T1', 'residentialArea', 'Thôn 1', '10507']]);
 */
export async function writeXlsx(rows: readonly (readonly (CellValue | null)[])[], sheet = 'Sheet1'): Promise<Uint8Array> {
  const data = rows.map((row) => [...row]);
  const buffer = await writeXlsxFile(data, { sheet, dateFormat: 'yyyy-mm-dd' }).toBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
