import {
  emptyCounts,
  periodFor,
  pickTarget,
  rollupFigures,
  selectCriteriaSet,
  tt124PeriodScheme,
  type OutcomeCounts,
  type ResolvedCriteriaSet,
  type RollupFigures,
  type StoredTarget,
} from '@antt/criteria';
import type { Database } from '@antt/db';
import { governingSets } from './assessments.ts';
import { scopeSql } from './unit-scope.ts';

/*
 * Roll-ups for a program, a period and an area, counted by the database (GROUP BY) and turned into
 * report figures by @antt/criteria. A unit in scope without an assessment counts as not assessed.
 */

export const COMMUNE_LEVEL_KINDS = ['commune', 'ward', 'specialZone', 'township'] as const;

export interface ReportScope {
  readonly programId: string;
  readonly periodYear: number;
  /** A province or commune code; the whole country when null. */
  readonly areaCode: string | null;
  readonly unitKinds: readonly string[];
  /** The subtrees the caller may see (`scopeParam`): every figure counts only units in them; null for the whole country. */
  readonly visible: readonly string[] | null;
}

export interface TargetRow {
  readonly title: string;
  readonly thresholdPercent: number;
}

export interface CriterionFailure {
  readonly criterionId: string;
  readonly code: string;
  readonly title: string;
  readonly count: number;
}

export interface Report extends RollupFigures {
  readonly scope: ReportScope;
  readonly onDate: string;
  readonly targetRow: TargetRow | null;
}

/** The day units are taken as they were: the period's last day for the first kind. */
export function reportDate(scope: Pick<ReportScope, 'periodYear' | 'unitKinds'>): string {
  return (periodFor(tt124PeriodScheme, scope.unitKinds[0] ?? 'commune', scope.periodYear) ?? periodFor(tt124PeriodScheme, 'commune', scope.periodYear)!).endsOn;
}

/**
 * SQL for the units in scope (the area itself, if of the kinds, and everything below it), with their
 * outcome (NULL when never assessed), among those the caller may see; params $1..$6. A decided item
 * counts with the outcome frozen by its decision, whatever was recorded or re-evaluated since.
 */
const SCOPED_OUTCOMES = `
  SELECT v."unitId", v.code, v.path, a.id AS "assessmentId",
         CASE WHEN w.locked AND w.snapshot IS NOT NULL THEN w.snapshot->>'status' ELSE a.outcome END AS outcome,
         CASE WHEN w.locked AND w.snapshot IS NOT NULL THEN w.snapshot ELSE a.explanation END AS explanation,
         coalesce(w.locked, false) AS decided,
         w.locked AND (w.state->'decision'->>'recognised')::boolean AS recognised,
         w.returns
    FROM "UnitVersion" v
    LEFT JOIN "Assessment" a ON a."unitId" = v."unitId" AND a."programId" = $1 AND a."periodYear" = $2
    LEFT JOIN "WorkflowItem" w ON w."assessmentId" = a.id
   WHERE v."validFrom" <= $3::date AND (v."validTo" IS NULL OR v."validTo" >= $3::date)
     AND v.kind = ANY($4::text[])
     AND ($5::text IS NULL OR v.code = $5 OR v.path LIKE $5 || '/%' OR v.path LIKE '%/' || $5 || '/%')
     AND ${scopeSql('v.path', 6)}`;

function params(scope: ReportScope, onDate: string): unknown[] {
  return [scope.programId, scope.periodYear, onDate, [...scope.unitKinds], scope.areaCode, scope.visible && [...scope.visible]];
}

function countsFrom(rows: ReadonlyArray<{ outcome: string | null; n: number }>): OutcomeCounts {
  const counts = { ...emptyCounts() };
  for (const row of rows) {
    counts.units += row.n;
    if (row.outcome === 'met') counts.met += row.n;
    else if (row.outcome === 'notMet') counts.notMet += row.n;
    else if (row.outcome === 'notApplicable') counts.notApplicable += row.n;
    else counts.notAssessed += row.n;
  }
  return counts;
}

export async function countOutcomes(db: Database, scope: ReportScope): Promise<OutcomeCounts> {
  const onDate = reportDate(scope);
  const rows = await db.query<{ outcome: string | null; n: number }>(
    `SELECT s.outcome, count(*)::int AS n FROM (${SCOPED_OUTCOMES}) s GROUP BY s.outcome`,
    params(scope, onDate),
  );
  return countsFrom(rows);
}

type LoadedTarget = TargetRow & StoredTarget;

/** Targets of the program that may apply to the period (live ones; `pickTarget` decides among them). */
async function loadTargets(db: Database, scope: ReportScope): Promise<LoadedTarget[]> {
  const rows = await db.query<LoadedTarget>(
    `SELECT "programId", "areaPath", "unitKinds", "fromYear", "toYear", "thresholdPercent", title FROM "Target"
      WHERE "programId" = $1 AND "retiredAt" IS NULL AND "fromYear" <= $2 AND ("toYear" IS NULL OR "toYear" >= $2)`,
    [scope.programId, scope.periodYear],
  );
  return rows.map((row) => ({ ...row, thresholdPercent: Number(row.thresholdPercent) }));
}

function targetFor(targets: readonly LoadedTarget[], scope: ReportScope, areaPath: string): TargetRow | null {
  const best = pickTarget(targets, { programId: scope.programId, periodYear: scope.periodYear, unitKinds: scope.unitKinds, areaPath });
  return best ? { title: best.title, thresholdPercent: best.thresholdPercent } : null;
}

/** The target for the report's area: the nearest area's that holds it (its province's before the nation's). */
export async function findTarget(db: Database, scope: ReportScope): Promise<TargetRow | null> {
  const area = scope.areaCode ? await findArea(db, scope.areaCode, reportDate(scope)) : undefined;
  return targetFor(await loadTargets(db, scope), scope, area?.path ?? '');
}

function toReport(scope: ReportScope, counts: OutcomeCounts, previous: OutcomeCounts | undefined, targetRow: TargetRow | null): Report {
  const figures = rollupFigures(counts, {
    ...(targetRow && { targetPercent: targetRow.thresholdPercent }),
    ...(previous && previous.met + previous.notMet > 0 && { previous }),
  });
  return { ...figures, scope, onDate: reportDate(scope), targetRow };
}

export async function buildReport(db: Database, scope: ReportScope): Promise<Report> {
  const [counts, previous, targetRow] = await Promise.all([
    countOutcomes(db, scope),
    countOutcomes(db, { ...scope, periodYear: scope.periodYear - 1 }),
    findTarget(db, scope),
  ]);
  return toReport(scope, counts, previous, targetRow);
}

export async function criterionFailures(db: Database, scope: ReportScope): Promise<CriterionFailure[]> {
  const rows = await db.query<{ criterionId: string; code: string; title: string; n: number }>(
    `SELECT c->>'id' AS "criterionId", c->>'code' AS code, c->'title'->>'vi' AS title, count(*)::int AS n
       FROM (${SCOPED_OUTCOMES}) s, jsonb_array_elements(s.explanation->'criteria') c
      WHERE c->>'status' = 'notMet'
      GROUP BY 1, 2, 3
      ORDER BY n DESC, code`,
    params(scope, reportDate(scope)),
  );
  return rows.map((row) => ({ criterionId: row.criterionId, code: row.code, title: row.title, count: row.n }));
}

/** Counts per area at one level of the tree (1 = provinces, 2 = the units directly below them…). */
async function countsByArea(db: Database, scope: ReportScope, depth: number): Promise<Map<string, OutcomeCounts>> {
  const rows = await db.query<{ area: string; outcome: string | null; n: number }>(
    `SELECT split_part(s.path, '/', ${depth}) AS area, s.outcome, count(*)::int AS n
       FROM (${SCOPED_OUTCOMES}) s
      GROUP BY 1, 2
      ORDER BY 1`,
    params(scope, reportDate(scope)),
  );
  const byArea = new Map<string, Array<{ outcome: string | null; n: number }>>();
  for (const row of rows) byArea.set(row.area, [...(byArea.get(row.area) ?? []), row]);
  return new Map([...byArea].map(([areaCode, list]) => [areaCode, countsFrom(list)]));
}

/**
 * The same report for each area one level down (provinces of the nation, communes or districts of
 * a province), in a fixed number of statements whatever the number of areas. The previous period
 * is compared area by area, by code at the same level.
 */
export async function breakdown(db: Database, scope: ReportScope): Promise<Report[]> {
  const area = scope.areaCode === null ? undefined : await findArea(db, scope.areaCode, reportDate(scope));
  const depth = area ? area.path.split('/').length + 1 : 1;
  const [current, previous, targets] = await Promise.all([
    countsByArea(db, scope, depth),
    countsByArea(db, { ...scope, periodYear: scope.periodYear - 1 }, depth),
    loadTargets(db, scope),
  ]);
  return [...current].map(([areaCode, counts]) => {
    const areaPath = area ? `${area.path}/${areaCode}` : areaCode;
    return toReport({ ...scope, areaCode }, counts, previous.get(areaCode), targetFor(targets, scope, areaPath));
  });
}

interface AreaRow {
  readonly path: string;
  readonly provinceCode: string | null;
}

export async function findArea(db: Database, code: string, onDate: string): Promise<AreaRow | undefined> {
  const rows = await db.query<AreaRow>(
    `SELECT path, "provinceCode" FROM "UnitVersion" WHERE code = $1 AND "validFrom" <= $2::date AND ("validTo" IS NULL OR "validTo" >= $2::date) LIMIT 1`,
    [code, onDate],
  );
  return rows[0];
}

export interface SetCoverage {
  readonly set: ResolvedCriteriaSet;
  readonly units: number;
}

export interface Coverage {
  readonly scope: ReportScope;
  readonly onDate: string;
  /** Units in scope, as the report counts them. */
  readonly units: number;
  readonly covered: number;
  /** How many units each governing set covers, most first. */
  readonly bySet: readonly SetCoverage[];
  /** Unit-version ids of the units that no published or retired set of the program applies to. */
  readonly uncoveredIds: readonly string[];
  readonly uncoveredByKind: ReadonlyArray<{ readonly kind: string; readonly units: number }>;
}

/**
 * Which units in scope a published (or retired, for past periods) set of the program governs, by
 * @antt/criteria's set selection on each unit's own period end. The others cannot be assessed in
 * the program at all, though a report counts them as not assessed.
 */
export async function coverage(db: Database, scope: ReportScope): Promise<Coverage> {
  const onDate = reportDate(scope);
  const [rows, sets] = await Promise.all([
    db.query<{ id: string; kind: string; attributes: Record<string, string | number | boolean>; provinceCode: string | null }>(
      `SELECT v.id, v.kind, v.attributes, v."provinceCode"
         FROM "UnitVersion" v
        WHERE v."validFrom" <= $1::date AND (v."validTo" IS NULL OR v."validTo" >= $1::date)
          AND v.kind = ANY($2::text[])
          AND ($3::text IS NULL OR v.code = $3 OR v.path LIKE $3 || '/%' OR v.path LIKE '%/' || $3 || '/%')
          AND ${scopeSql('v.path', 4)}
        ORDER BY v.path, v.id`,
      [onDate, [...scope.unitKinds], scope.areaCode, scope.visible && [...scope.visible]],
    ),
    governingSets(db, scope.programId),
  ]);
  // Units of the same kind, province and attributes get the same set: select once per combination.
  const chosen = new Map<string, ResolvedCriteriaSet | undefined>();
  const bySet = new Map<ResolvedCriteriaSet, number>();
  const uncoveredIds: string[] = [];
  const uncoveredByKind = new Map<string, number>();
  for (const row of rows) {
    const key = JSON.stringify([row.kind, row.provinceCode, row.attributes]);
    if (!chosen.has(key)) {
      const period = periodFor(tt124PeriodScheme, row.kind, scope.periodYear);
      const set =
        period &&
        selectCriteriaSet(sets, {
          programId: scope.programId,
          unit: { kind: row.kind, attributes: row.attributes },
          ...(row.provinceCode && { provinceCode: row.provinceCode }),
          onDate: period.endsOn,
        });
      chosen.set(key, set);
    }
    const set = chosen.get(key);
    if (set) bySet.set(set, (bySet.get(set) ?? 0) + 1);
    else {
      uncoveredIds.push(row.id);
      uncoveredByKind.set(row.kind, (uncoveredByKind.get(row.kind) ?? 0) + 1);
    }
  }
  return {
    scope,
    onDate,
    units: rows.length,
    covered: rows.length - uncoveredIds.length,
    bySet: [...bySet].map(([set, units]) => ({ set, units })).sort((a, b) => b.units - a.units),
    uncoveredIds,
    uncoveredByKind: [...uncoveredByKind].map(([kind, units]) => ({ kind, units })).sort((a, b) => b.units - a.units || a.kind.localeCompare(b.kind)),
  };
}

export interface WorkflowCounts {
  /** How many times items in scope were returned for correction during the recognition workflow. */
  readonly returns: number;
  /** Items in scope whose decision was made (and locked). */
  readonly decided: number;
  /** Of those, the ones recognised. */
  readonly recognised: number;
}

/** Where the units in scope stand in the recognition workflow, in one statement. */
export async function workflowCounts(db: Database, scope: ReportScope): Promise<WorkflowCounts> {
  const rows = await db.query<WorkflowCounts>(
    `SELECT coalesce(sum(s.returns), 0)::int AS returns,
            count(*) FILTER (WHERE s.decided)::int AS decided,
            count(*) FILTER (WHERE s.recognised)::int AS recognised
       FROM (${SCOPED_OUTCOMES}) s`,
    params(scope, reportDate(scope)),
  );
  return rows[0] ?? { returns: 0, decided: 0, recognised: 0 };
}
