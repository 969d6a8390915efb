import { summarizeEvaluation, type Evaluation } from '@antt/criteria';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { createSeededTestDatabase, databaseKindsUnderTest } from '../testing.ts';
import { seedDatabase } from './seed.ts';

const TABLES = ['Unit', 'UnitVersion', 'UnitLineage', 'Program', 'CriteriaSet', 'CriteriaSetVersion', 'Assessment', 'CriterionResult', 'Attachment', 'Target'];

async function rowCounts(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) counts[table] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`))[0]!.n;
  return counts;
}

describe.each(databaseKindsUnderTest())('seed on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await createSeededTestDatabase(kind);
  });
  afterAll(() => db?.close());

  it('holds the administrative units of both eras and the demo province', async () => {
    const counts = await rowCounts(db);
    expect(counts['Program']).toBe(8);
    const current = await db.query<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM "UnitVersion" WHERE "validTo" IS NULL AND kind IN ('province', 'commune', 'ward', 'specialZone') GROUP BY kind ORDER BY kind`,
    );
    expect(Object.fromEntries(current.map((row) => [row.kind, row.n]))).toEqual({ commune: 2611, province: 34, specialZone: 13, ward: 697 });
    const demo = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Assessment" a JOIN "Unit" u ON u.id = a."unitId" WHERE u.code LIKE '%-KDC%'`);
    expect(demo[0]!.n).toBeGreaterThan(1000);
  });

  it('changes nothing when run a second time', async () => {
    const before = await rowCounts(db);
    const explanation = await db.query<{ e: string }>(`SELECT md5(string_agg(explanation::text, '' ORDER BY id)) AS e FROM "Assessment"`);
    const counts = await seedDatabase(db);
    expect(Object.values(counts).every((value) => value === 0)).toBe(true);
    expect(await rowCounts(db)).toEqual(before);
    expect(await db.query(`SELECT md5(string_agg(explanation::text, '' ORDER BY id)) AS e FROM "Assessment"`)).toEqual(explanation);
  });

  it('stores each explanation\'s summary beside it, by the rule of summarizeEvaluation, on every write', async () => {
    const rows = await db.query<{ id: string; explanation: Evaluation; summary: unknown }>(
      `SELECT id, explanation, "explanationSummary" AS summary FROM "Assessment" WHERE outcome = 'notMet' OR id::text LIKE '0%' ORDER BY id`,
    );
    expect(rows.some((row) => (row.summary as { failingCriteria: unknown[] }).failingCriteria.length > 0)).toBe(true);
    for (const row of rows) expect(row.summary).toEqual(JSON.parse(JSON.stringify(summarizeEvaluation(row.explanation))));

    const [row] = rows;
    const { count } = await db.prisma.assessment.updateMany({ where: { id: row!.id }, data: { explanation: { ...row!.explanation, criteria: [] } as object } });
    expect(count).toBe(1);
    const updated = await db.prisma.assessment.findUniqueOrThrow({ where: { id: row!.id }, select: { explanationSummary: true } });
    expect(updated.explanationSummary).toMatchObject({ status: row!.explanation.status, failingCriteria: [] });
    await db.prisma.assessment.update({ where: { id: row!.id }, data: { explanation: Prisma.JsonNull } });
    expect((await db.prisma.assessment.findUniqueOrThrow({ where: { id: row!.id }, select: { explanationSummary: true } })).explanationSummary).toBeNull();
    await db.prisma.assessment.update({ where: { id: row!.id }, data: { explanation: row!.explanation as object } });
  });
});
