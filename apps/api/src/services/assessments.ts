import {
  enteredCriteria,
  evaluate,
  periodFor,
  selectCriteriaSet,
  tt124PeriodScheme,
  walkCriteria,
  type ChildUnit,
  type CriterionInput,
  type DefinitionIssue,
  type Evaluation,
  type ResolvedCriteriaSet,
  type Status,
} from '@antt/criteria';
import { Prisma, type Database } from '@antt/db';
import { isoDay } from '../context.ts';
import { resolvedVersions, resolveStored } from './criteria-store.ts';
import { loadChildren, loadInputs, type SqlReader } from './evaluation-cases.ts';
import { validOn } from './unit-scope.ts';

/*
 * Assessments: choose the set that governs a unit, evaluate with the engine, store the explained
 * outcome, and keep parents and dependent programs current when a result changes.
 */

/** Every published or retired set version of a program, resolved. Drafts never govern assessments. */
export function governingSets(db: Database, programId: string): Promise<ResolvedCriteriaSet[]> {
  return resolvedVersions(db, { programId, statuses: ['published', 'retired'] });
}

export interface ChosenSet {
  readonly set: ResolvedCriteriaSet;
  readonly periodStartsOn: string;
  readonly periodEndsOn: string;
}

/**
 * Whether `error` is the database refusing a second row for a unique key: two requests that both
 * checked "not there yet" and both inserted. Prisma maps PostgreSQL's 23505 to P2002 on every adapter.
 */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** The set and period for a unit kind in a year; `undefined` when the unit is not covered. */
export async function chooseSet(
  db: Database,
  options: { programId: string; kind: string; attributes: Record<string, string | number | boolean>; provinceCode: string | null; periodYear: number },
): Promise<ChosenSet | undefined> {
  const period = periodFor(tt124PeriodScheme, options.kind, options.periodYear);
  if (!period) return undefined;
  const set = selectCriteriaSet(await governingSets(db, options.programId), {
    programId: options.programId,
    unit: { kind: options.kind, attributes: options.attributes },
    ...(options.provinceCode && { provinceCode: options.provinceCode }),
    onDate: period.endsOn,
  });
  return set && { set, periodStartsOn: period.startsOn, periodEndsOn: period.endsOn };
}

/**
 * Where a unit stood at a day (its path of codes), for permission checks; the latest version when it
 * had none then. '' (the nation) when the unit has no version at all, so only national roles pass.
 */
export async function unitPathAt(db: Database, unitId: string, day: Date): Promise<string> {
  const version =
    (await db.prisma.unitVersion.findFirst({ where: { unitId, ...validOn(isoDay(day)) }, select: { path: true } })) ??
    (await db.prisma.unitVersion.findFirst({ where: { unitId }, orderBy: { validFrom: 'desc' }, select: { path: true } }));
  return version?.path ?? '';
}

/*
 * Re-evaluation after a change runs bottom-up, one unit at a time, each unit in its own short
 * transaction holding a lock on (unit, period year): two villages of one commune saved at once
 * re-evaluate the commune in turn, and the later one reads both villages' committed outcomes, so
 * the last outcome stored is never computed from a stale read. One lock per transaction, taken
 * in the same order (child before parent, never while holding another), cannot deadlock.
 */

type Tx = Prisma.TransactionClient;

/** Waiting for the lock counts against the timeout; holders only run a handful of statements. */
const REEVALUATION_TX = { maxWait: 10_000, timeout: 30_000 } as const;

/** Raw reads on the transaction's own connection (PGlite has one, which the transaction holds). */
const readerOf = (tx: Tx): SqlReader => ({
  query: <Row>(sql: string, params: readonly unknown[] = []) => tx.$queryRawUnsafe<Row[]>(sql, ...params),
});

/**
 * Serialises re-evaluations of a unit's assessments of one period until the transaction ends. A
 * statement of its own: under READ COMMITTED a statement reads from the snapshot taken when it
 * started, so a read in the statement that waited for the lock would miss the previous holder's writes.
 */
export async function lockUnitPeriod(tx: Tx, unitId: string, periodYear: number): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`antt.assessment-evaluation:${unitId}`}), ${periodYear}::int)`;
}

/** Resolved sets by set version id, shared by the units of one cascade. */
type SetCache = Map<string, ResolvedCriteriaSet>;

/**
 * Resolves the sets of a unit's assessments of a period, before its transaction: resolving reads
 * through the database object, which on PGlite would wait for the transaction holding its connection.
 * Returns how many assessments the unit has in the period.
 */
async function resolveSetsOf(db: Database, sets: SetCache, unitId: string, periodYear: number): Promise<number> {
  const used = await db.prisma.assessment.findMany({ where: { unitId, periodYear }, select: { setVersionId: true } });
  const missing = [...new Set(used.map((a) => a.setVersionId))].filter((id) => !sets.has(id));
  if (missing.length === 0) return used.length;
  const versions = await db.prisma.criteriaSetVersion.findMany({ where: { id: { in: missing } }, select: { id: true, setId: true, version: true } });
  for (const { id, setId, version } of versions) {
    const resolved = await resolveStored(db, { setId, version });
    if (!resolved?.ok) throw new Error(`criteria set ${setId}@${version} does not resolve`);
    sets.set(id, resolved.value);
  }
  return used.length;
}

interface StoredRow {
  readonly id: string;
  readonly programId: string;
  readonly setVersionId: string;
  readonly outcome: Status;
  readonly onDate: string;
  readonly locked: boolean;
  readonly kind: string | null;
  readonly attributes: Record<string, string | number | boolean> | null;
}

/** A unit's assessments of one period with what evaluating `wanted` of them needs. */
interface UnitPeriod {
  readonly rows: readonly StoredRow[];
  readonly inputs: Map<string, Record<string, CriterionInput>>;
  readonly children: Map<string, ChildUnit[]>;
}

async function loadUnitPeriod(q: Tx, unitId: string, periodYear: number, wanted: (row: StoredRow) => boolean): Promise<UnitPeriod> {
  const rows = await q.$queryRawUnsafe<StoredRow[]>(
    `SELECT a.id, a."programId", a."setVersionId", a.outcome, to_char(a."periodEndsOn", 'YYYY-MM-DD') AS "onDate",
            coalesce(w.locked, false) AS locked, v.kind, v.attributes
       FROM "Assessment" a
       LEFT JOIN "WorkflowItem" w ON w."assessmentId" = a.id
       LEFT JOIN "UnitVersion" v ON v."unitId" = a."unitId"
        AND v."validFrom" <= a."periodEndsOn" AND (v."validTo" IS NULL OR v."validTo" >= a."periodEndsOn")
      WHERE a."unitId" = $1::uuid AND a."periodYear" = $2::int
      ORDER BY a."programId" DESC`,
    unitId,
    periodYear,
  );
  const evaluated = rows.filter(wanted);
  const reader = readerOf(q);
  const inputs = await loadInputs(reader, evaluated.map((row) => row.id));
  const children = new Map<string, ChildUnit[]>();
  for (const onDate of new Set(evaluated.map((row) => row.onDate))) {
    children.set(onDate, (await loadChildren(reader, [unitId], periodYear, onDate)).get(unitId)!);
  }
  return { rows, inputs, children };
}

/** The engine's evaluation of one row, reading the unit's other programs from `outcomes` (by assessment id). */
function evaluateRow(period: UnitPeriod, sets: SetCache, row: StoredRow, outcomes: ReadonlyMap<string, Status>): Evaluation {
  if (row.kind === null) throw new Error(`assessment ${row.id}: its unit has no version on ${row.onDate}`);
  return evaluate(sets.get(row.setVersionId)!, period.inputs.get(row.id)!, {
    unit: { kind: row.kind, attributes: row.attributes ?? {} },
    children: period.children.get(row.onDate)!,
    programOutcomes: Object.fromEntries(period.rows.map((other) => [other.programId, outcomes.get(other.id)!])),
    asOf: row.onDate,
  });
}

/**
 * Re-evaluates and stores a unit's assessments of one period under its lock: `first` (whose
 * inputs changed) once, then the others again while an outcome moves. A decided (locked)
 * assessment keeps its outcome and explanation; the others read that frozen outcome. Returns the
 * outcome of every assessment of the unit in the period.
 */
async function reevaluateUnit(db: Database, sets: SetCache, unitId: string, periodYear: number, first?: string): Promise<Map<string, Status>> {
  // No assessment here (a province without one): nothing to lock. One opened since this read, or
  // since its set was resolved, is left to its opener, which evaluates it and then this unit's
  // other programs once it has committed.
  if ((await resolveSetsOf(db, sets, unitId, periodYear)) === 0) return new Map();
  return db.prisma.$transaction(async (tx) => {
    await lockUnitPeriod(tx, unitId, periodYear);
    const period = await loadUnitPeriod(tx, unitId, periodYear, (row) => !row.locked && sets.has(row.setVersionId));
    const outcomes = new Map(period.rows.map((row) => [row.id, row.outcome]));
    const store = async (row: StoredRow): Promise<boolean> => {
      const evaluation = evaluateRow(period, sets, row, outcomes);
      await tx.assessment.update({
        where: { id: row.id },
        data: { outcome: evaluation.status, grade: evaluation.grade?.grade ?? null, explanation: evaluation as object, evaluatedAt: new Date() },
      });
      const moved = evaluation.status !== outcomes.get(row.id);
      outcomes.set(row.id, evaluation.status);
      return moved;
    };
    const evaluable = period.rows.filter((row) => period.inputs.has(row.id));
    const changed = evaluable.find((row) => row.id === first);
    if (changed) await store(changed);
    // A program may follow another of the same unit (19.2 follows TT124), in whatever direction a
    // province defines: whatever was evaluated before an outcome moved is evaluated again.
    const pending = evaluable.filter((row) => row !== changed);
    let upTo = pending.length;
    for (let pass = 0; pass <= pending.length && upTo > 0; pass++) {
      let lastMoved = -1;
      for (let index = 0; index < upTo; index++) {
        if (await store(pending[index]!)) lastMoved = index;
      }
      upTo = lastMoved;
    }
    return outcomes;
  }, REEVALUATION_TX);
}

/** A unit's parent as the tree was on `day` (the latest version's when it had none then). */
async function parentOn(db: Database, unitId: string, day: string): Promise<string | null> {
  const version =
    (await db.prisma.unitVersion.findFirst({ where: { AND: [{ unitId }, validOn(day)] }, select: { parentId: true } })) ??
    (await db.prisma.unitVersion.findFirst({ where: { unitId }, orderBy: { validFrom: 'desc' }, select: { parentId: true } }));
  return version?.parentId ?? null;
}

/**
 * After an assessment's inputs changed (or it was opened): evaluates it, then what depends on its
 * outcome — the unit's other programs of the period, then its parent's assessments (share-of-children
 * rules), up the tree. Returns its outcome (unchanged when a decision has locked it).
 */
export async function reevaluate(db: Database, assessmentId: string): Promise<Status> {
  const changed = await db.prisma.assessment.findUniqueOrThrow({ where: { id: assessmentId }, select: { unitId: true, periodYear: true, periodEndsOn: true } });
  // The tree as it was at the end of the changed assessment's period: a 2020 result of a commune
  // that was merged in 2025 belongs under its 2020 district, not under today's province.
  const day = isoDay(changed.periodEndsOn);
  const sets: SetCache = new Map();
  const outcomes = await reevaluateUnit(db, sets, changed.unitId, changed.periodYear, assessmentId);
  let current = await parentOn(db, changed.unitId, day);
  for (let depth = 1; current && depth < 6; depth++) {
    await reevaluateUnit(db, sets, current, changed.periodYear);
    current = await parentOn(db, current, day);
  }
  return outcomes.get(assessmentId)!;
}

/**
 * What the engine makes of a stored assessment now, from committed inputs and surroundings,
 * without storing it — for a decided assessment, what re-evaluating it would give.
 */
export async function evaluateLive(db: Database, assessmentId: string): Promise<Evaluation> {
  const { unitId, periodYear } = await db.prisma.assessment.findUniqueOrThrow({ where: { id: assessmentId }, select: { unitId: true, periodYear: true } });
  const sets: SetCache = new Map();
  await resolveSetsOf(db, sets, unitId, periodYear);
  const period = await loadUnitPeriod(db.prisma, unitId, periodYear, (row) => row.id === assessmentId);
  const row = period.rows.find((r) => r.id === assessmentId)!;
  return evaluateRow(period, sets, row, new Map(period.rows.map((r) => [r.id, r.outcome])));
}

export type InputProblem = DefinitionIssue;

export interface ResultInput {
  readonly criterionId: string;
  readonly value?: unknown;
  readonly previousValue?: number | null;
  readonly note?: string | null;
  readonly attachments?: ReadonlyArray<{ documentRef: string; fileName?: string | null; documentKind?: string | null; contentHash: string }> | null;
}

/** Checks recorded values against the set: known, entered (not computed) criteria and the right type. */
export function checkResults(set: ResolvedCriteriaSet, results: readonly ResultInput[]): InputProblem[] {
  const entered = new Map(enteredCriteria(set).map((criterion) => [criterion.id, criterion]));
  const all = new Set([...walkCriteria(set.criteria)].map(({ node }) => node.id));
  const problems: InputProblem[] = [];
  results.forEach((result, index) => {
    const path = `results[${index}]`;
    const criterion = entered.get(result.criterionId);
    if (!criterion) {
      const message = all.has(result.criterionId)
        ? `"${result.criterionId}" is computed (from sub-criteria, children or another program), not entered`
        : `no criterion "${result.criterionId}" in ${set.ref.setId}@${set.ref.version}`;
      problems.push({ code: 'unknownTarget', path: `${path}.criterionId`, message });
      return;
    }
    const value = result.value;
    if (value === undefined || value === null) return;
    const type = criterion.measure!.type;
    if (type === 'boolean' || type === 'evidence') {
      if (typeof value !== 'boolean') problems.push({ code: 'invalidShape', path: `${path}.value`, message: 'expected true or false' });
    } else if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push({ code: 'invalidShape', path: `${path}.value`, message: 'expected a number' });
    } else if (criterion.measure!.type === 'score' && (value < 0 || value > criterion.measure!.maxPoints)) {
      problems.push({ code: 'invalidShape', path: `${path}.value`, message: `expected 0 to ${criterion.measure!.maxPoints} points` });
    }
  });
  return problems;
}
