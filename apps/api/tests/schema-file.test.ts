import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printSchemaFile, schemaFilePath } from '../src/schema-file.ts';

describe('schema.graphql', () => {
  it('is up to date (run `pnpm --filter @antt/api print-schema` after changing the schema)', () => {
    expect(readFileSync(schemaFilePath, 'utf8')).toBe(printSchemaFile());
  });
});
