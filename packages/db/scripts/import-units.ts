// Imports a province's residential areas, agencies, enterprises and schools from a CSV or XLSX file
// into the database named by DATABASE_URL, or the embedded PGlite one:
//   pnpm --filter @antt/db import:units -- --province 31 --file villages.csv --on-conflict stop
// Prints what was written, or every problem with its line; exits 1 when the file is rejected.
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase } from '../src/client.ts';
import { importUnits, type UnitImportConflict, type UnitImportResult } from '../src/import/units.ts';

const USAGE = `usage: import:units -- --province <code> --file <path.csv|path.xlsx> [--on-conflict stop|skip|update]
                          [--format csv|xlsx] [--legal-act "<act>"] [--today YYYY-MM-DD]`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    // pnpm forwards the "--" that separates its own options from the script's.
    args: process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === '--')),
    options: {
      province: { type: 'string' },
      file: { type: 'string' },
      'on-conflict': { type: 'string', default: 'stop' },
      format: { type: 'string' },
      'legal-act': { type: 'string' },
      today: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }).values;
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!args.province) fail('--province is required');
if (!args.file) fail('--file is required');
const onConflict = args['on-conflict'];
if (onConflict !== 'stop' && onConflict !== 'skip' && onConflict !== 'update') fail(`--on-conflict must be stop, skip or update, not "${onConflict}"`);
// pnpm runs the script in packages/db; a relative path means the caller's folder.
const path = resolve(process.env['INIT_CWD'] ?? process.cwd(), args.file);
if (args.today && !/^\d{4}-\d{2}-\d{2}$/.test(args.today)) fail(`--today must be YYYY-MM-DD, not "${args.today}"`);
const format = args.format ?? (extname(path).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv');
if (format !== 'csv' && format !== 'xlsx') fail(`--format must be csv or xlsx, not "${format}"`);

let bytes: Buffer;
try {
  bytes = readFileSync(path);
} catch (error) {
  fail(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
}

function report(result: UnitImportResult): void {
  for (const problem of result.problems) {
    const where = problem.line === 0 ? 'file' : `line ${problem.line}`;
    console.log(`${where}${problem.column ? `, ${problem.column}` : ''}: ${problem.message} [${problem.code}]`);
  }
  if (result.status === 'rejected') {
    console.log(`rejected: ${result.problems.length} problem(s) in ${result.rows} row(s); nothing was written`);
    return;
  }
  console.log(
    `imported ${result.rows} row(s): ${result.inserted} inserted, ${result.updated} updated, ${result.unchanged} unchanged, ${result.skipped} skipped`,
  );
}

const db = await createDatabase({ migrate: true });
let exitCode = 0;
try {
  const started = performance.now();
  const result = await importUnits(
    db,
    format === 'xlsx' ? { format, data: bytes } : { format, text: bytes.toString('utf8') },
    {
      provinceCode: args.province,
      onConflict: onConflict as UnitImportConflict,
      ...(args.today && { today: args.today }),
      ...(args['legal-act'] && { legalAct: args['legal-act'] }),
    },
  );
  report(result);
  console.log(`took ${((performance.now() - started) / 1000).toFixed(1)} s on ${db.location}`);
  if (result.status === 'rejected') exitCode = 1;
} finally {
  await db.close();
}
process.exit(exitCode);
