// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { readAdminEnv } from '../env.ts';

describe('readAdminEnv', () => {
  it('proxies to the API on 4000 and serves on 5173 by default', () => {
    expect(readAdminEnv({})).toEqual({ apiUrl: 'http://127.0.0.1:4000', host: '127.0.0.1', port: 5173, previewPort: 4173 });
  });

  it('follows the API when start.sh moves it with PORT', () => {
    expect(readAdminEnv({ PORT: '4100' }).apiUrl).toBe('http://127.0.0.1:4100');
    expect(readAdminEnv({ PORT: '4100', API_URL: 'http://api.internal:4000' }).apiUrl).toBe('http://api.internal:4000');
  });

  it('rejects a malformed value with its name', () => {
    expect(() => readAdminEnv({ ADMIN_PORT: 'eighty' })).toThrow(/ADMIN_PORT/);
  });
});
