import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './client.ts';
import { MigrationChecksumError, type Migration, applyMigrations, readMigrations } from './migrate.ts';
import { createTestDatabase, databaseKindsUnderTest } from './testing.ts';

const migrations = readMigrations();

function migration(name: string, sql: string): Migration {
  return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
}

describe('readMigrations', () => {
  it('reads the committed migrations in order, starting with init', () => {
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations[0]?.name).toMatch(/^\d{14}_init$/);
    expect(migrations.map((m) => m.name)).toEqual(migrations.map((m) => m.name).sort());
    for (const m of migrations) expect(m.checksum).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe.each(databaseKindsUnderTest())('applyMigrations on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(kind, { migrate: false });
  });
  afterAll(() => db?.close());

  it('applies every migration to an empty database and records it like Prisma', async () => {
    const result = await applyMigrations(db);
    expect(result).toEqual({ applied: migrations.map((m) => m.name), alreadyApplied: 0 });

    const records = await db.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      applied_steps_count: number;
    }>('SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
    expect(records.map((r) => [r.migration_name, r.checksum])).toEqual(migrations.map((m) => [m.name, m.checksum]));
    for (const record of records) {
      expect(record.finished_at).toBeInstanceOf(Date);
      expect(record.rolled_back_at).toBeNull();
      expect(record.applied_steps_count).toBe(1);
    }

    const tables = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['Assessment', 'CriteriaSetVersion', 'Unit', 'UnitVersion', '_prisma_migrations']),
    );
  });

  it('is idempotent', async () => {
    expect(await applyMigrations(db)).toEqual({ applied: [], alreadyApplied: migrations.length });
    expect(await db.migrate()).toEqual({ applied: [], alreadyApplied: migrations.length });
    const [{ n } = { n: 0 }] = await db.query<{ n: number }>('SELECT count(*) AS n FROM "_prisma_migrations"');
    expect(n).toBe(migrations.length);
  });

  it('applies only the new migration, and concurrent runs apply it once', async () => {
    const next = [...migrations, migration('29990101000000_add_note', 'CREATE TABLE "Note" (id INT PRIMARY KEY);')];
    const results = await Promise.all([applyMigrations(db, next), applyMigrations(db, next)]);
    expect(results.flatMap((r) => r.applied)).toEqual(['29990101000000_add_note']);
    await db.exec('DROP TABLE "Note"; DELETE FROM "_prisma_migrations" WHERE migration_name = \'29990101000000_add_note\'');
  });

  it('rolls a failing migration back entirely and records nothing', async () => {
    const failing = migration('29990102000000_broken', 'CREATE TABLE "Half" (id INT); SELECT * FROM "NoSuchTable";');
    await expect(applyMigrations(db, [...migrations, failing])).rejects.toThrow(/NoSuchTable/);
    const [half] = await db.query(`SELECT to_regclass('"Half"') AS t`);
    expect(half).toEqual({ t: null });
    const records = await db.query('SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1', [failing.name]);
    expect(records).toHaveLength(0);
  });

  it('refuses a migration that was edited after it was applied', async () => {
    const [first, ...rest] = migrations;
    if (!first) throw new Error('no migrations');
    const edited = { ...first, checksum: createHash('sha256').update(`${first.sql}\n-- edited`).digest('hex') };
    await expect(applyMigrations(db, [edited, ...rest])).rejects.toBeInstanceOf(MigrationChecksumError);
  });
});
