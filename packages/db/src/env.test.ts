import { describe, expect, it } from 'vitest';
import { parseEnv } from './env.ts';

describe('parseEnv', () => {
  it('treats unset and empty variables as unset (PGlite)', () => {
    expect(parseEnv({})).toEqual({});
    expect(parseEnv({ DATABASE_URL: '', TEST_DATABASE_URL: '' })).toEqual({});
  });

  it('accepts PostgreSQL URLs and a PGlite folder', () => {
    expect(
      parseEnv({
        DATABASE_URL: 'postgresql://antt:secret@db:5432/antt',
        TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
        PGLITE_DATA_DIR: '/var/lib/antt/pglite',
      }),
    ).toEqual({
      DATABASE_URL: 'postgresql://antt:secret@db:5432/antt',
      TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      PGLITE_DATA_DIR: '/var/lib/antt/pglite',
    });
  });

  it('names every invalid variable', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x', TEST_DATABASE_URL: 'file:test.db' })).toThrow(
      /DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL\n\s+TEST_DATABASE_URL/,
    );
  });
});
