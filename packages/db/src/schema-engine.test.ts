import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyMigrations, readMigrations } from './migrate.ts';
import { emptyPglite } from './pglite-cache.ts';
import { MIGRATION_LOCK_TOML, diffMigrationsToSchema, migrationList, schemaPath, withSchemaEngine } from './schema-engine.ts';
import { pgliteExecutor } from './sql.ts';

// Prisma's own schema engine (WebAssembly) checks our migrations and our migration runner.
describe('migrations and schema.prisma', () => {
  it('agree: the migrations produce exactly the schema (run `migrate:create` after editing it)', async () => {
    const diff = await diffMigrationsToSchema();
    expect(diff.sql).toBe('');
    expect(diff.inSync).toBe(true);
  });

  it('a schema change yields a migration with just that change', async () => {
    const schema = readFileSync(schemaPath, 'utf8').replace(
      '  legalAct     String?\n\n  @@unique([unitId, validFrom])',
      '  legalAct     String?\n  note         String?\n\n  @@unique([unitId, validFrom])',
    );
    const diff = await diffMigrationsToSchema(readMigrations(), schema);
    expect(diff.inSync).toBe(false);
    expect(diff.sql.trim()).toBe('-- AlterTable\nALTER TABLE "UnitVersion" ADD COLUMN     "note" TEXT;');
  });

  it('the lock file is the one Prisma writes', () => {
    expect(readFileSync(new URL('../prisma/migrations/migration_lock.toml', import.meta.url), 'utf8')).toBe(
      MIGRATION_LOCK_TOML,
    );
  });

  it('Prisma finds the history our runner wrote complete and unedited', async () => {
    const pglite = await emptyPglite();
    try {
      await applyMigrations(pgliteExecutor(pglite));
      const schema = readFileSync(schemaPath, 'utf8');
      const diagnosis = await withSchemaEngine(
        schema,
        (engine) =>
          engine.diagnoseMigrationHistory({
            migrationsList: migrationList(readMigrations(), MIGRATION_LOCK_TOML),
            optInToShadowDatabase: false,
            filters: { externalTables: [], externalEnums: [] },
          }),
        pglite,
      );
      expect(diagnosis.history).toBeNull();
      expect(diagnosis.failedMigrationNames).toEqual([]);
      expect(diagnosis.editedMigrationNames).toEqual([]);
      expect(diagnosis.hasMigrationsTable).toBe(true);
    } finally {
      await pglite.close();
    }
  });
});
