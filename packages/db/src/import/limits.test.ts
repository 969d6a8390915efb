import { describe, expect, it } from 'vitest';
import { importFileBytes, MAX_IMPORT_FILE_BYTES, maxRequestBodyBytes } from './limits.ts';

describe('import size limits', () => {
  it('take a 5 MB file, and a request body that fits that file base64-encoded', () => {
    expect(MAX_IMPORT_FILE_BYTES).toBe(5_242_880);
    // 5 MiB as base64 is 6,990,508 bytes; 1 MiB more for the query around it.
    expect(maxRequestBodyBytes()).toBe(6_990_508 + 1_048_576);
    expect(maxRequestBodyBytes(3)).toBe(4 + 1_048_576);
  });

  it('measure CSV text as UTF-8 and XLSX as its bytes', () => {
    expect(importFileBytes({ format: 'csv', text: 'Thôn' })).toBe(5);
    expect(importFileBytes({ format: 'xlsx', data: new Uint8Array(7) })).toBe(7);
  });
});
