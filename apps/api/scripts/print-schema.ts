// Writes the SDL every client and partner team builds against: `pnpm --filter @antt/api print-schema`.
import { writeFileSync } from 'node:fs';
import { printSchemaFile, schemaFilePath } from '../src/schema-file.ts';

writeFileSync(schemaFilePath, printSchemaFile());
console.log(`wrote ${schemaFilePath}`);
