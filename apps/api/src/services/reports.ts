import { emptyCounts, periodFor, rollupFigures, tt124PeriodScheme, type OutcomeCounts, type RollupFigures } from '@antt/criteria';
import type { Database } from '@antt/db';

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

export interface BreakdownRow {
  readonly areaCode: string;
  readonly counts: OutcomeCounts;
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

/** SQL for the units in scope, with their outcome (NULL when never assessed); params $1..$5. */
const SCOPED_OUTCOMES = `
  SELECT v."unitId", v.code, v.path, a.outcome, a.explanation
    FROM "UnitVersion" v
    LEFT JOIN "Assessment" a ON a."unitId" = v."unitId" AND a."programId" = $1 AND a."periodYear" = $2
   WHERE v."validFrom" <= $3::date AND (v."validTo" IS NULL OR v."validTo" >= $3::date)
     AND v.kind = ANY($4::text[])
     AND ($5::text IS NULL OR v.path LIKE $5 || '/%' OR v.path LIKE '%/' || $5 || '/%')`;

function params(scope: ReportScope, onDate: string): unknown[] {
  return [scope.programId, scope.periodYear, onDate, [...scope.unitKinds], scope.areaCode];
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

export async function findTarget(db: Database, scope: ReportScope): Promise<TargetRow | null> {
  const province = scope.areaCode ? scope.areaCode.slice(0, 2) : null;
  const rows = await db.query<{ title: string; thresholdPercent: number; provinceCode: string | null }>(
    `SELECT title, "thresholdPercent", "provinceCode" FROM "Target"
      WHERE "programId" = $1 AND "fromYear" <= $2 AND ("toYear" IS NULL OR "toYear" >= $2)
        AND ("provinceCode" IS NULL OR "provinceCode" = $3)
        AND "unitKinds" && $4::text[]
      ORDER BY ("provinceCode" IS NULL), "fromYear" DESC LIMIT 1`,
    [scope.programId, scope.periodYear, province && /^\d{2}$/.test(province) ? province : null, [...scope.unitKinds]],
  );
  const row = rows[0];
  return row ? { title: row.title, thresholdPercent: Number(row.thresholdPercent) } : null;
}

export async function buildReport(db: Database, scope: ReportScope): Promise<Report> {
  const [counts, previous, targetRow] = await Promise.all([
    countOutcomes(db, scope),
    countOutcomes(db, { ...scope, periodYear: scope.periodYear - 1 }),
    findTarget(db, scope),
  ]);
  const figures = rollupFigures(counts, {
    ...(targetRow && { targetPercent: targetRow.thresholdPercent }),
    ...(previous.met + previous.notMet > 0 && { previous }),
  });
  return { ...figures, scope, onDate: reportDate(scope), targetRow };
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

/** The same counts one level down: provinces of the nation, communes (or districts) of a province. */
export async function breakdown(db: Database, scope: ReportScope): Promise<BreakdownRow[]> {
  const depth = scope.areaCode === null ? 1 : (await areaDepth(db, scope.areaCode, reportDate(scope))) + 1;
  const rows = await db.query<{ area: string; outcome: string | null; n: number }>(
    `SELECT split_part(s.path, '/', ${depth}) AS area, s.outcome, count(*)::int AS n
       FROM (${SCOPED_OUTCOMES}) s
      GROUP BY 1, 2
      ORDER BY 1`,
    params(scope, reportDate(scope)),
  );
  const byArea = new Map<string, Array<{ outcome: string | null; n: number }>>();
  for (const row of rows) byArea.set(row.area, [...(byArea.get(row.area) ?? []), row]);
  return [...byArea].map(([areaCode, list]) => ({ areaCode, counts: countsFrom(list) }));
}

async function areaDepth(db: Database, code: string, onDate: string): Promise<number> {
  const rows = await db.query<{ path: string }>(
    `SELECT path FROM "UnitVersion" WHERE code = $1 AND "validFrom" <= $2::date AND ("validTo" IS NULL OR "validTo" >= $2::date) LIMIT 1`,
    [code, onDate],
  );
  return rows[0] ? rows[0].path.split('/').length : 1;
}

export async function areaExists(db: Database, code: string, onDate: string): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM "UnitVersion" WHERE code = $1 AND "validFrom" <= $2::date AND ("validTo" IS NULL OR "validTo" >= $2::date) LIMIT 1`,
    [code, onDate],
  );
  return rows.length > 0;
}
