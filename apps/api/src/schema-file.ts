import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './schema/index.ts';

/** The committed SDL, `apps/api/schema.graphql`; a test fails when it is out of date. */
export const schemaFilePath = fileURLToPath(new URL('../schema.graphql', import.meta.url));

export function printSchemaFile(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
