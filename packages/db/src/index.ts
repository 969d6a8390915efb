/**
 * `@antt/db`: the platform's database. `createDatabase()` opens PGlite (zero setup, `.data/pglite`)
 * or PostgreSQL (`DATABASE_URL`) with a Prisma client, raw SQL, bulk copy and a statement counter;
 * migrations in `prisma/migrations` are applied by `applyMigrations` (or `migrate: true`).
 * Test databases: `@antt/db/testing`.
 */
export * from './client.ts';
export * from './migrate.ts';
export * from './statements.ts';
export { type CopyRow, type DatabaseKind, type SqlExecutor, pgPoolExecutor, pgliteExecutor, quoteIdentifier } from './sql.ts';
export { PrismaClient, Prisma } from './generated/prisma/client.ts';
export type * from './generated/prisma/models.ts';
export type {
  Assessment,
  Attachment,
  CriteriaSet,
  CriteriaSetVersion,
  CriterionResult,
  Program,
  Target,
  Unit,
  UnitLineage,
  UnitVersion,
} from './generated/prisma/client.ts';
export { seedDatabase, type SeedCounts, type SeedOptions } from './seed/seed.ts';
export { parseCsv, CsvSyntaxError, type CsvRecord, type CsvTable } from './csv.ts';
export { importUnits, type UnitImportConflict, type UnitImportOptions, type UnitImportProblem, type UnitImportProblemCode, type UnitImportResult, type UnitImportSource } from './import/units.ts';
export { TEXT_ENCODINGS, checkDecodedText, decodeImportBytes, findMojibake, type TextEncodingName } from './import/encoding.ts';
export { writeXlsx } from './import/xlsx.ts';
export { fileTooLargeMessage, formatMegabytes, importFileBytes, MAX_IMPORT_FILE_BYTES, maxRequestBodyBytes } from './import/limits.ts';
export { readImportTable, type CellValue, type ImportFormat, type ImportRow, type ImportSource, type ImportTable } from './import/table.ts';
export { hashPassword, needsRehash, PASSWORD_PARAMS, verifyPassword, type ScryptParams } from './identity/passwords.ts';
export { newSecret, secretHash, secretHint } from './identity/tokens.ts';
export { createUserWithGrant, DEMO_PARTNER_KEY, DEMO_PASSWORD, DEMO_USERS, liveDemoCredentials, type LiveDemoCredentials } from './seed/demo-users.ts';
