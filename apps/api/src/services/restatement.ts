import {
  periodFor,
  restateOutcome,
  rollupFigures,
  tallyOutcomes,
  tt124PeriodScheme,
  type RestatedOutcome,
  type RestatementRule,
  type Status,
} from '@antt/criteria';
import type { Database, UnitVersion } from '@antt/db';
import { COMMUNE_LEVEL_KINDS } from './reports.ts';
import { scopeSql } from './unit-scope.ts';

/*
 * Old results on today's units. Results stay stored on the units that were assessed (a 2020 result
 * on a commune merged in 2025); restating walks the lineage back from each of today's communes to
 * the units it was formed from and combines their results with a rule of @antt/criteria.
 */

export interface RestatementScope {
  readonly programId: string;
  readonly periodYear: number;
  /** A province or commune code valid on `asOf`; the whole country when null. */
  readonly areaCode: string | null;
  /** The day whose communes results are restated onto. */
  readonly asOf: string;
  readonly rule: RestatementRule;
  /** The subtrees the caller may see (`scopeParam`): only communes in them are restated; null for the whole country. */
  readonly visible: readonly string[] | null;
}

export interface RestatedPredecessor {
  /** The unit as it was at the end of the period (or when it last existed before that). */
  readonly unit: UnitVersion;
  /** Its stored outcome for the period; null when it has no assessment. */
  readonly outcome: Status | null;
  /** The change that led from it towards the commune; null when the commune stands for itself. */
  readonly event: string | null;
  /** `partial` when it went into the commune only in part (a split), on some step of the way. */
  readonly share: 'full' | 'partial';
}

export interface RestatedCommune {
  readonly unit: UnitVersion;
  readonly predecessors: readonly RestatedPredecessor[];
  readonly restated: RestatedOutcome;
}

export interface RestatementTotals {
  readonly communes: number;
  readonly met: number;
  readonly notMet: number;
  readonly notAssessed: number;
  readonly sharePercent: number | undefined;
  /** Distinct predecessor units (a unit split among several communes counts once). */
  readonly predecessors: number;
  readonly predecessorsMet: number;
  readonly predecessorsNotMet: number;
  readonly predecessorsWithoutResult: number;
}

export interface Restatement {
  readonly scope: RestatementScope;
  readonly periodEndsOn: string;
  readonly communes: readonly RestatedCommune[];
  readonly totals: RestatementTotals;
}

interface LeafRow {
  rootVersionId: string;
  unitId: string;
  /** Null only if the lineage names a unit with no version before the change. */
  versionId: string | null;
  event: string | null;
  whole: boolean;
  outcome: Status | null;
}

/**
 * For every commune-level unit valid on `asOf` in the area: the units it was formed from, found by
 * following lineage links backwards, each step to a strictly earlier change, as long as the change
 * took effect after the period ended. A commune that has not changed since stands for itself.
 */
const PREDECESSORS = `
  WITH RECURSIVE scope AS (
    SELECT v.id AS "versionId", v."unitId"
      FROM "UnitVersion" v
     WHERE v."validFrom" <= $1::date AND (v."validTo" IS NULL OR v."validTo" >= $1::date)
       AND v.kind = ANY($2::text[])
       AND ($3::text IS NULL OR v.code = $3 OR v.path LIKE $3 || '/%' OR v.path LIKE '%/' || $3 || '/%')
       AND ${scopeSql('v.path', 7)}
  ), walk AS (
    SELECT s."versionId" AS "rootVersionId", s."unitId", ($1::date + 1) AS "before", 0 AS depth, NULL::text AS event, true AS whole
      FROM scope s
    UNION ALL
    SELECT w."rootVersionId", l."fromUnitId", l."effectiveOn"::date, w.depth + 1, l.event, w.whole AND l.share = 'full'
      FROM walk w
      JOIN "UnitLineage" l ON l."toUnitId" = w."unitId"
     WHERE l."effectiveOn" < w."before" AND l."effectiveOn" > $4::date AND w.depth < 16
  ), leaves AS (
    SELECT w."rootVersionId", w."unitId", max(w."before") AS "before", min(w.event) AS event, bool_or(w.whole) AS whole
      FROM walk w
     WHERE NOT EXISTS (
             SELECT 1 FROM "UnitLineage" l
              WHERE l."toUnitId" = w."unitId" AND l."effectiveOn" < w."before" AND l."effectiveOn" > $4::date)
     GROUP BY 1, 2
  )
  SELECT leaves."rootVersionId", leaves."unitId", leaves.event, leaves.whole, a.outcome,
         (SELECT pv.id FROM "UnitVersion" pv
           WHERE pv."unitId" = leaves."unitId" AND pv."validFrom" < leaves."before"
           ORDER BY (pv."validFrom" <= $4::date) DESC, pv."validFrom" DESC
           LIMIT 1) AS "versionId"
    FROM leaves
    LEFT JOIN "Assessment" a ON a."unitId" = leaves."unitId" AND a."programId" = $5 AND a."periodYear" = $6`;

/** The period's last day for commune-level units: old results describe the units as on that day. */
export function restatementPeriodEnd(periodYear: number): string | undefined {
  return periodFor(tt124PeriodScheme, 'commune', periodYear)?.endsOn;
}

export async function restateResults(db: Database, scope: RestatementScope): Promise<Restatement> {
  const periodEndsOn = restatementPeriodEnd(scope.periodYear);
  if (!periodEndsOn) throw new RangeError(`no period ${scope.periodYear}`);
  const leaves = await db.query<LeafRow>(PREDECESSORS, [
    scope.asOf,
    [...COMMUNE_LEVEL_KINDS],
    scope.areaCode,
    periodEndsOn,
    scope.programId,
    scope.periodYear,
    scope.visible && [...scope.visible],
  ]);
  const versionIds = [...new Set(leaves.flatMap((leaf) => (leaf.versionId ? [leaf.rootVersionId, leaf.versionId] : [leaf.rootVersionId])))];
  const versions = new Map((await db.prisma.unitVersion.findMany({ where: { id: { in: versionIds } } })).map((v) => [v.id, v]));

  const byRoot = new Map<string, RestatedPredecessor[]>(leaves.map((leaf) => [leaf.rootVersionId, []]));
  const distinct = new Map<string, Status | null>();
  for (const leaf of leaves) {
    if (leaf.versionId === null) continue;
    const predecessor: RestatedPredecessor = {
      unit: versions.get(leaf.versionId)!,
      outcome: leaf.outcome,
      event: leaf.event,
      share: leaf.whole ? 'full' : 'partial',
    };
    byRoot.get(leaf.rootVersionId)!.push(predecessor);
    distinct.set(leaf.unitId, leaf.outcome);
  }
  const communes = [...byRoot]
    .map(([rootVersionId, predecessors]) => ({
      unit: versions.get(rootVersionId)!,
      predecessors: predecessors.sort((a, b) => a.unit.code.localeCompare(b.unit.code)),
      restated: restateOutcome(
        predecessors.map((p) => p.outcome),
        scope.rule,
      ),
    }))
    .sort((a, b) => a.unit.path.localeCompare(b.unit.path));

  const counts = rollupFigures(tallyOutcomes(communes.map((c) => c.restated.status)));
  const predecessorCounts = restateOutcome(distinct.values(), scope.rule);
  return {
    scope,
    periodEndsOn,
    communes,
    totals: {
      communes: counts.units,
      met: counts.met,
      notMet: counts.notMet,
      notAssessed: counts.notAssessed,
      sharePercent: counts.sharePercent,
      predecessors: distinct.size,
      predecessorsMet: predecessorCounts.met,
      predecessorsNotMet: predecessorCounts.notMet,
      predecessorsWithoutResult: predecessorCounts.withoutResult,
    },
  };
}
