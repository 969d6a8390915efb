import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, createDatabase, defaultPgliteDataDir } from './client.ts';
import { readMigrations } from './migrate.ts';
import { createTestDatabase, databaseKindsUnderTest } from './testing.ts';

const HA_NOI = 'Thành phố Hà Nội';
const BA_DINH = 'Phường Ba Đình';

async function createCommune(db: Database, code: string, name: string) {
  return db.prisma.unit.create({
    data: {
      code,
      versions: {
        create: {
          code,
          kind: 'commune',
          name,
          fullName: `${name}, ${HA_NOI}`,
          searchName: 'phuong ba dinh',
          path: `01/${code}`,
          provinceCode: '01',
          attributes: { ghiChu: 'Sáp nhập từ phường Quán Thánh, Trúc Bạch', urban: true },
          validFrom: new Date('2025-07-01'),
          legalAct: 'Nghị quyết 1656/NQ-UBTVQH15',
        },
      },
    },
    include: { versions: true },
  });
}

describe.each(databaseKindsUnderTest())('createDatabase on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(() => db?.close());

  it('creates and reads through Prisma with Vietnamese text intact', async () => {
    const created = await createCommune(db, `vn-${randomUUID()}`, BA_DINH);
    const read = await db.prisma.unitVersion.findFirstOrThrow({
      where: { unitId: created.id },
      include: { unit: true },
    });
    expect(read.name).toBe(BA_DINH);
    expect(read.name.normalize('NFC')).toBe(read.name);
    expect(read.fullName).toBe(`${BA_DINH}, ${HA_NOI}`);
    expect(read.legalAct).toBe('Nghị quyết 1656/NQ-UBTVQH15');
    expect(read.attributes).toEqual({ ghiChu: 'Sáp nhập từ phường Quán Thánh, Trúc Bạch', urban: true });
    expect(read.validFrom).toEqual(new Date('2025-07-01T00:00:00.000Z'));
    expect(read.unit.code).toBe(created.code);

    // The stored bytes are the NFC form: "Đ" and "ư" precomposed, as typed in Vietnamese.
    const [stored] = await db.query<{ chars: number; bytes: number }>(
      'SELECT char_length(name) AS chars, octet_length(name) AS bytes FROM "UnitVersion" WHERE id = $1',
      [read.id],
    );
    expect(stored).toEqual({ chars: BA_DINH.length, bytes: Buffer.byteLength(BA_DINH) });

    const found = await db.prisma.unitVersion.findMany({ where: { fullName: { contains: 'Hà Nội' } } });
    expect(found.map((v) => v.id)).toContain(read.id);
  });

  it('runs raw SQL with parameters and the same value types on both kinds', async () => {
    const [row] = await db.query<Record<string, unknown>>(
      `SELECT $1::text AS name, count(*) AS n, 1.5::numeric AS dec, DATE '2025-07-01' AS day,
              '{"a":[1]}'::jsonb AS doc, ARRAY['xã','phường'] AS kinds`,
      ['Đặc khu Côn Đảo'],
    );
    expect(row).toEqual({
      name: 'Đặc khu Côn Đảo',
      n: 1,
      dec: '1.5',
      day: new Date('2025-07-01T00:00:00.000Z'),
      doc: { a: [1] },
      kinds: ['xã', 'phường'],
    });
  });

  it('commits and rolls back raw transactions', async () => {
    const code = `tx-${randomUUID()}`;
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO "Unit" (id, code) VALUES ($1, $2)', [randomUUID(), code]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.query('SELECT 1 FROM "Unit" WHERE code = $1', [code])).toHaveLength(0);

    await db.transaction((tx) => tx.query('INSERT INTO "Unit" (id, code) VALUES ($1, $2)', [randomUUID(), code]));
    expect(await db.query('SELECT 1 FROM "Unit" WHERE code = $1', [code])).toHaveLength(1);
  });

  it('counts the statements Prisma sends, and the count does not grow with the list', async () => {
    const prefix = `n1-${randomUUID()}`;
    const listWithVersions = () =>
      db.prisma.unit.findMany({ where: { code: { startsWith: prefix } }, include: { versions: true } });

    for (let i = 0; i < 3; i += 1) await createCommune(db, `${prefix}-${i}`, `Xã ${i}`);
    const small = await db.statements.measure(listWithVersions);
    expect(small.result).toHaveLength(3);

    for (let i = 3; i < 30; i += 1) await createCommune(db, `${prefix}-${i}`, `Xã ${i}`);
    const large = await db.statements.measure(listWithVersions);
    expect(large.result).toHaveLength(30);
    expect(large.count).toBe(small.count);
    expect(large.count).toBeGreaterThanOrEqual(1);
    expect(large.count).toBeLessThanOrEqual(2);
    expect(large.statements.join('\n')).toContain('"Unit"');

    // An N+1 shape is visible: one query per unit.
    const naive = await db.statements.measure(async () => {
      const units = await db.prisma.unit.findMany({ where: { code: { startsWith: prefix } } });
      return Promise.all(units.map((unit) => db.prisma.unitVersion.findMany({ where: { unitId: unit.id } })));
    });
    expect(naive.count).toBeGreaterThanOrEqual(30);
  });

  it('keeps a running total, counts inside transactions, and notifies subscribers', async () => {
    db.statements.reset();
    expect(db.statements.count).toBe(0);
    const seen: string[] = [];
    const unsubscribe = db.statements.subscribe((sql) => seen.push(sql));
    await db.prisma.$transaction(async (tx) => {
      await tx.program.create({ data: { id: `p-${randomUUID()}`, title: 'An toàn về ANTT', definition: {} } });
      await tx.program.count();
    });
    unsubscribe();
    await db.prisma.program.count();
    expect(seen).toHaveLength(2);
    expect(db.statements.count).toBe(3);
    // Raw SQL bypasses Prisma and is not counted.
    await db.query('SELECT 1');
    expect(db.statements.count).toBe(3);
  });

  it('closes idempotently', async () => {
    const other = await createTestDatabase(kind);
    await Promise.all([other.close(), other.close()]);
    await other.close();
  });
});

describe('createDatabase with a PGlite folder', () => {
  it('defaults to .data/pglite at the repository root', () => {
    expect(defaultPgliteDataDir).toMatch(/[\\/]\.data[\\/]pglite$/);
    expect(defaultPgliteDataDir).not.toMatch(/packages/);
  });

  it('migrates on start, keeps data across restarts and migrates idempotently', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'antt-db-folder-'));
    try {
      const first = await createDatabase({ pglite: true, dataDir, migrate: true });
      expect(first.kind).toBe('pglite');
      expect(first.location).toBe(dataDir);
      expect(first.migrations?.applied).toEqual(readMigrations().map((m) => m.name));
      await first.prisma.program.create({ data: { id: 'tt124', title: 'An toàn về ANTT', definition: {} } });
      await first.close();

      const second = await createDatabase({ pglite: true, dataDir, migrate: true });
      expect(second.migrations).toEqual({ applied: [], alreadyApplied: readMigrations().length });
      expect(await second.prisma.program.findUnique({ where: { id: 'tt124' } })).toMatchObject({ title: 'An toàn về ANTT' });
      await second.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
