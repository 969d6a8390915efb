import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './client.ts';
import { copyChunks } from './sql.ts';
import { createTestDatabase, databaseKindsUnderTest } from './testing.ts';

describe('copyChunks (COPY text format)', () => {
  it('escapes separators and encodes nulls, dates, arrays, JSON and bytes', () => {
    const [chunk] = copyChunks(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
      [['tab\there\nline\\slash', null, new Date('2025-07-01T00:00:00Z'), ['xã', 'a "b"', null], { k: 'v\t' }, true, new Uint8Array([1, 255])]],
    );
    expect(chunk?.text).toBe(
      'tab\\there\\nline\\\\slash\t\\N\t2025-07-01T00:00:00.000Z\t{"xã","a \\\\"b\\\\"",NULL}\t{"k":"v\\\\t"}\tt\t\\\\x01ff\n',
    );
  });

  it('splits large inputs into chunks and checks row widths', () => {
    const rows = Array.from({ length: 45_000 }, (_, i) => [i]);
    expect([...copyChunks(['n'], rows)].map((c) => c.rows)).toEqual([20_000, 20_000, 5_000]);
    expect(() => [...copyChunks(['a', 'b'], [[1]])]).toThrow(/1 values for 2 columns/);
  });
});

describe.each(databaseKindsUnderTest())('copyRows on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(() => db?.close());

  it('writes awkward values that read back identically through Prisma', async () => {
    const programId = `p-${randomUUID()}`;
    await db.prisma.program.create({ data: { id: programId, title: 'Phong trào toàn dân bảo vệ ANTT', definition: {} } });
    const title = 'Tab\there, newline\nthere, back\\slash, "quotes", Đặc khu Côn Đảo';
    const id = randomUUID();
    const written = await db.copyRows(
      'Target',
      ['id', 'programId', 'areaPath', 'unitKinds', 'fromYear', 'toYear', 'thresholdPercent', 'title'],
      [[id, programId, '', ['commune', 'residential "area"', 'x\\y'], 2025, null, 80.5, title]],
    );
    expect(written).toBe(1);
    const target = await db.prisma.target.findUniqueOrThrow({ where: { id }, omit: { createdAt: true, updatedAt: true } });
    expect(target).toEqual({
      id,
      programId,
      areaPath: '',
      revision: 1,
      retiredAt: null,
      unitKinds: ['commune', 'residential "area"', 'x\\y'],
      fromYear: 2025,
      toYear: null,
      thresholdPercent: 80.5,
      title,
    });
  });

  it('bulk-inserts 50,000 rows in one transaction', async () => {
    const total = 50_000;
    const prefix = `bulk-${randomUUID().slice(0, 8)}`;
    function* units() {
      for (let i = 0; i < total; i += 1) yield [randomUUID(), `${prefix}-${i}`, new Date(Date.UTC(2025, 6, 1))];
    }
    const started = performance.now();
    expect(await db.copyRows('Unit', ['id', 'code', 'createdAt'], units())).toBe(total);
    const seconds = (performance.now() - started) / 1000;
    console.info(`copyRows ${kind}: ${total} rows in ${seconds.toFixed(2)} s (${Math.round(total / seconds)} rows/s)`);

    const [{ n } = { n: 0 }] = await db.query<{ n: number }>(
      'SELECT count(*) AS n FROM "Unit" WHERE code LIKE $1',
      [`${prefix}-%`],
    );
    expect(n).toBe(total);
    const last = await db.prisma.unit.findUniqueOrThrow({ where: { code: `${prefix}-${total - 1}` } });
    expect(last.createdAt).toEqual(new Date('2025-07-01T00:00:00.000Z'));
  });

  it('writes nothing when a row fails or the surrounding transaction rolls back', async () => {
    const code = `dup-${randomUUID()}`;
    await expect(
      db.copyRows('Unit', ['id', 'code'], [[randomUUID(), `${code}-ok`], [randomUUID(), code], [randomUUID(), code]]),
    ).rejects.toThrow(/duplicate key|unique/i);
    await expect(
      db.transaction(async (tx) => {
        await tx.copyRows('Unit', ['id', 'code'], [[randomUUID(), `${code}-tx`]]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.query('SELECT code FROM "Unit" WHERE code LIKE $1', [`${code}%`])).toEqual([]);
  });
});
