// Imports 63,600 generated villages (the country's count of residential areas) into one province of
// a seeded database: `pnpm --filter @antt/db bench`. PGlite always; PostgreSQL too when
// TEST_DATABASE_URL is set. BENCH_ROWS changes the row count.
//
// Two floors on PostgreSQL. `import-vs-copy` compares with COPY of the raw CSV into an unindexed
// temporary table: the wire and parse speed of the server, unchanged since it was set. The import
// cannot get near it, because writing a unit means rows in "Unit" and "UnitVersion" with their ten
// indexes and two foreign keys (checked row by row, ~4 µs each): on this machine that server work
// alone is 30–50 times slower than the raw COPY (27–41k against 1.1–1.5 M rows/s), so 0.3 of the
// raw COPY is out of reach for any import that writes the real tables. `import-vs-copy-indexed`
// therefore also compares with COPY of the rows the import writes (same id order, paths, names,
// search names) straight into the real tables in one transaction, rolled back: the practical limit,
// which leaves the import its parsing, checks, planning and the ANALYZE it runs afterwards.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../src/client.ts';
import { env } from '../src/env.ts';
import { importUnits, uuidV7Generator, type UnitImportResult } from '../src/import/units.ts';
import { writeXlsx } from '../src/import/xlsx.ts';
import { foldDiacritics } from '@antt/criteria';
import { createSeededTestDatabase, type DatabaseKind } from '../src/testing.ts';

const ROWS = Number(process.env['BENCH_ROWS'] ?? 63_600);
const PROVINCE = '31';
const TODAY = '2026-11-23';

async function communesOf(db: Database): Promise<string[]> {
  const rows = await db.query<{ code: string }>(
    `SELECT code FROM "UnitVersion" WHERE "provinceCode" = $1 AND kind IN ('commune', 'ward', 'specialZone') AND "validTo" IS NULL ORDER BY code`,
    [PROVINCE],
  );
  return rows.map((row) => row.code);
}

function villages(communes: readonly string[], prefix: string): string[][] {
  const rows = [['code', 'kind', 'name', 'parent_code', 'local_type', 'households']];
  for (let i = 0; i < ROWS; i++) {
    const commune = communes[i % communes.length]!;
    const n = Math.floor(i / communes.length) + 1;
    rows.push([`${commune}-${prefix}${String(n).padStart(4, '0')}`, 'residentialArea', `Thôn Đồng Tâm ${n}`, commune, i % 3 ? 'thon' : 'to_dan_pho', String(50 + (i % 400))]);
  }
  return rows;
}

const toCsv = (rows: readonly string[][]) => `${rows.map((row) => row.join(',')).join('\n')}\n`;

async function timed(label: string, run: () => Promise<UnitImportResult>): Promise<number> {
  const started = performance.now();
  const result = await run();
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 'imported' || result.inserted !== ROWS) {
    throw new Error(`${label}: expected ${ROWS} inserted, got ${JSON.stringify({ ...result, problems: result.problems.slice(0, 5) })}`);
  }
  console.log(`${label}: ${ROWS} rows in ${seconds.toFixed(2)} s`);
  console.log(`BENCH ${label} ${Math.round(ROWS / seconds)} rows/s target >= 10000`);
  return ROWS / seconds;
}

/** The floor: PostgreSQL's own COPY of the same CSV into a plain table, no checks, no indexes. */
async function rawCopyRowsPerSecond(db: Database, csv: string): Promise<number> {
  const client = new pg.Client({ connectionString: db.location });
  await client.connect();
  try {
    await client.query('CREATE TEMP TABLE bench_copy (code text, kind text, name text, parent_code text, local_type text, households text)');
    const started = performance.now();
    await pipeline(Readable.from([csv]), client.query(copyFrom('COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)')));
    return ROWS / ((performance.now() - started) / 1000);
  } finally {
    await client.end();
  }
}

interface Commune {
  readonly id: string;
  readonly code: string;
  readonly fullName: string;
  readonly path: string;
}

/** CSV text of a row: quoted when it holds a comma, a quote or a line break. */
const csvLine = (values: ReadonlyArray<string | null>) =>
  values.map((value) => (value === null ? '' : /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)).join(',');

/**
 * The practical floor: COPY of the rows an import of `villages(communes, prefix)` writes into the
 * real "Unit" and "UnitVersion" tables (all indexes, foreign keys) in one transaction, rolled back.
 * The COPY text is made beforehand and not timed, as for the raw COPY.
 */
async function indexedCopyRowsPerSecond(db: Database, prefix: string): Promise<number> {
  const communes = await db.query<Commune>(
    `SELECT "unitId" AS id, code, "fullName", path FROM "UnitVersion"
      WHERE "provinceCode" = $1 AND kind IN ('commune', 'ward', 'specialZone') AND "validTo" IS NULL ORDER BY code`,
    [PROVINCE],
  );
  const newId = uuidV7Generator();
  const planned = villages(communes.map((c) => c.code), prefix)
    .slice(1)
    .map(([code, , name, parentCode, localType, households], i) => {
      const parent = communes[i % communes.length]!;
      if (parent.code !== parentCode) throw new Error('indexed copy: communes out of step');
      return { code: code!, name: name!, parent, path: `${parent.path}/${code}`, attributes: JSON.stringify({ households: Number(households), localType }) };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const units = planned.map((v) => ({ ...v, id: newId() }));
  const unitCsv = units.map((u) => `${u.id},${u.code}\n`).join('');
  const versionCsv = units
    .map((u) => {
      const fullName = `${u.name}, ${u.parent.fullName}`;
      const values = [newId(), u.id, u.code, 'residentialArea', u.name, fullName, null, foldDiacritics(fullName), u.parent.id, u.parent.code, u.path, PROVINCE, u.attributes, TODAY, null, null];
      return `${csvLine(values)}\n`;
    })
    .join('');
  const client = new pg.Client({ connectionString: db.location });
  await client.connect();
  try {
    await client.query('BEGIN');
    const started = performance.now();
    await pipeline(Readable.from([unitCsv]), client.query(copyFrom('COPY "Unit" (id, code) FROM STDIN WITH (FORMAT csv)')));
    await pipeline(
      Readable.from([versionCsv]),
      client.query(
        copyFrom(
          `COPY "UnitVersion" (id, "unitId", code, kind, name, "fullName", "nameEn", "searchName", "parentId", "parentCode", path, "provinceCode", attributes, "validFrom", "validTo", "legalAct") FROM STDIN WITH (FORMAT csv)`,
        ),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    await client.query('ROLLBACK');
    return ROWS / seconds;
  } finally {
    await client.end();
  }
}

async function bench(kind: DatabaseKind): Promise<void> {
  const db = await createSeededTestDatabase(kind);
  try {
    const communes = await communesOf(db);
    const csv = toCsv(villages(communes, 'BC'));
    const imported = await timed(`import-rows-csv-${kind}`, () => importUnits(db, { format: 'csv', text: csv }, { provinceCode: PROVINCE, today: TODAY }));
    if (kind === 'postgres') {
      const copied = await rawCopyRowsPerSecond(db, csv);
      console.log(`raw COPY ${Math.round(copied)} rows/s`);
      console.log(`BENCH import-vs-copy ${(imported / copied).toFixed(3)} x target >= 0.3`);
    }
    const xlsx = await writeXlsx(villages(communes, 'BX'));
    await timed(`import-rows-xlsx-${kind}`, () => importUnits(db, { format: 'xlsx', data: xlsx }, { provinceCode: PROVINCE, today: TODAY }));
    // The same file again under "update": every row is read, compared and found unchanged.
    const started = performance.now();
    const again = await importUnits(db, { format: 'csv', text: csv }, { provinceCode: PROVINCE, today: TODAY, onConflict: 'update' });
    const seconds = (performance.now() - started) / 1000;
    if (again.unchanged !== ROWS) throw new Error(`re-import: expected ${ROWS} unchanged, got ${again.unchanged}`);
    console.log(`BENCH import-rows-unchanged-${kind} ${Math.round(ROWS / seconds)} rows/s target >= 10000`);
    if (kind === 'postgres') {
      // Last, so its rolled-back rows cannot slow the imports above; the tables hold both imports by now.
      const copied = await indexedCopyRowsPerSecond(db, 'BK');
      console.log(`COPY into the indexed tables ${Math.round(copied)} rows/s`);
      console.log(`BENCH import-vs-copy-indexed ${(imported / copied).toFixed(3)} x target >= 0.3`);
    }
  } finally {
    await db.close();
  }
}

await bench('pglite');
// The import-vs-copy comparison is against PostgreSQL: use the machine's server unless told otherwise.
if (env.TEST_DATABASE_URL) await bench('postgres');
else console.log('TEST_DATABASE_URL unset: PostgreSQL figures (import-vs-copy) skipped');
process.exit(0);
