import {
  enteredCriteria,
  evaluate,
  periodFor,
  selectCriteriaSet,
  tt124PeriodScheme,
  walkCriteria,
  type DefinitionIssue,
  type Evaluation,
  type ResolvedCriteriaSet,
} from '@antt/criteria';
import type { Database } from '@antt/db';
import { resolvedVersions, resolveStored } from './criteria-store.ts';
import { loadInputs, loadSurroundings } from './evaluation-cases.ts';
import { validOn } from './unit-scope.ts';

/*
 * Assessments: choose the set that governs a unit, evaluate with the engine, store the explained
 * outcome, and keep parents and dependent programs current when a result changes.
 */

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Every published or retired set version of a program, resolved. Drafts never govern assessments. */
export function governingSets(db: Database, programId: string): Promise<ResolvedCriteriaSet[]> {
  return resolvedVersions(db, { programId, statuses: ['published', 'retired'] });
}

export interface ChosenSet {
  readonly set: ResolvedCriteriaSet;
  readonly periodStartsOn: string;
  readonly periodEndsOn: string;
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

/** Re-evaluates one stored assessment from its recorded inputs and its surroundings; stores the result. */
export async function evaluateStored(db: Database, assessmentId: string): Promise<Evaluation> {
  const assessment = await db.prisma.assessment.findUniqueOrThrow({
    where: { id: assessmentId },
    include: { setVersion: { select: { setId: true, version: true } } },
  });
  const resolved = await resolveStored(db, { setId: assessment.setVersion.setId, version: assessment.setVersion.version });
  if (!resolved?.ok) throw new Error(`criteria set of assessment ${assessmentId} does not resolve`);
  const onDate = isoDay(assessment.periodEndsOn);
  const version = await db.prisma.unitVersion.findFirstOrThrow({
    where: { unitId: assessment.unitId, validFrom: { lte: assessment.periodEndsOn }, OR: [{ validTo: null }, { validTo: { gte: assessment.periodEndsOn } }] },
  });
  const inputs = (await loadInputs(db, [assessmentId])).get(assessmentId)!;
  const { children, programOutcomes } = await loadSurroundings(db, [assessment.unitId], assessment.periodYear, onDate);
  const evaluation = evaluate(resolved.value, inputs, {
    unit: { kind: version.kind, attributes: version.attributes as Record<string, string | number | boolean> },
    children: children.get(assessment.unitId)!,
    programOutcomes: programOutcomes.get(assessment.unitId)!,
    asOf: onDate,
  });
  await db.prisma.assessment.update({
    where: { id: assessmentId },
    data: { outcome: evaluation.status, grade: evaluation.grade?.grade ?? null, explanation: evaluation as object, evaluatedAt: new Date() },
  });
  return evaluation;
}

/**
 * After a unit's outcome changes: its other programs in the same period (one may follow another),
 * then its parent's assessments (share-of-children rules), up the tree.
 */
export async function refreshDependents(db: Database, unitId: string, periodYear: number, skip: string): Promise<void> {
  const seen = new Set([skip]);
  // The tree as it was at the end of the changed assessment's period: a 2020 result of a commune
  // that was merged in 2025 belongs under its 2020 district, not under today's province.
  const { periodEndsOn } = await db.prisma.assessment.findUniqueOrThrow({ where: { id: skip }, select: { periodEndsOn: true } });
  let current: string | null = unitId;
  let depth = 0;
  while (current && depth < 6) {
    const own = await db.prisma.assessment.findMany({ where: { unitId: current, periodYear }, select: { id: true, outcome: true }, orderBy: { programId: 'desc' } });
    const pending = own.filter((a) => !seen.has(a.id));
    for (const { id } of pending) seen.add(id);
    // A program may follow another of the same unit (19.2 follows TT124), in whatever direction a
    // province defines: whatever was evaluated before an outcome moved is evaluated again.
    const outcomes = new Map(pending.map((a) => [a.id, a.outcome]));
    let upTo = pending.length;
    for (let pass = 0; pass <= pending.length && upTo > 0; pass++) {
      let lastMoved = -1;
      for (let index = 0; index < upTo; index++) {
        const id = pending[index]!.id;
        const { status } = await evaluateStored(db, id);
        if (status !== outcomes.get(id)) lastMoved = index;
        outcomes.set(id, status);
      }
      upTo = lastMoved;
    }
    const version: { parentId: string | null } | null =
      (await db.prisma.unitVersion.findFirst({ where: { AND: [{ unitId: current }, validOn(isoDay(periodEndsOn))] }, select: { parentId: true } })) ??
      (await db.prisma.unitVersion.findFirst({ where: { unitId: current }, orderBy: { validFrom: 'desc' }, select: { parentId: true } }));
    current = version?.parentId ?? null;
    depth++;
  }
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
