import type { ChildUnit, CriterionInput, EvaluationContext, Status } from '@antt/criteria';
import type { SqlExecutor } from '@antt/db';

/*
 * Everything the engine needs to (re)evaluate stored assessments, loaded in a fixed number of
 * statements whatever the number of units: recorded inputs, the children's outcomes for the same
 * period, and the unit's outcomes in other programs.
 */

export interface StoredCase {
  readonly assessmentId: string;
  readonly unitId: string;
  readonly unitCode: string;
  readonly inputs: Record<string, CriterionInput>;
  readonly context: EvaluationContext;
}

interface ResultRow {
  assessmentId: string;
  criterionId: string;
  value: unknown;
  previousValue: number | null;
  documents: Array<{ documentRef: string; contentHash: string; documentKind: string | null }> | null;
}

function toInput(row: ResultRow): CriterionInput {
  const value = typeof row.value === 'boolean' || typeof row.value === 'number' ? row.value : null;
  return {
    value,
    ...(row.previousValue !== null && { previousValue: row.previousValue }),
    ...(row.documents && row.documents.length > 0 && {
      evidence: row.documents.map((d) => ({ documentRef: d.documentRef, contentHash: d.contentHash, ...(d.documentKind && { documentKind: d.documentKind }) })),
    }),
  };
}

/** Recorded inputs of these assessments, keyed by assessment id. */
export async function loadInputs(db: SqlReader, assessmentIds: readonly string[]): Promise<Map<string, Record<string, CriterionInput>>> {
  const inputs = new Map<string, Record<string, CriterionInput>>(assessmentIds.map((id) => [id, {}]));
  if (assessmentIds.length === 0) return inputs;
  const rows = await db.query<ResultRow>(
    `SELECT r."assessmentId", r."criterionId", r.value, r."previousValue",
            (SELECT json_agg(json_build_object('documentRef', a."documentRef", 'contentHash', a."contentHash", 'documentKind', a."documentKind"))
               FROM "Attachment" a WHERE a."resultId" = r.id) AS documents
       FROM "CriterionResult" r
      WHERE r."assessmentId" = ANY($1::uuid[])`,
    [assessmentIds],
  );
  for (const row of rows) inputs.get(row.assessmentId)![row.criterionId] = toInput(row);
  return inputs;
}

/** What these loaders need of a database: raw reads, on a pool or on a transaction's connection. */
export type SqlReader = Pick<SqlExecutor, 'query'>;

/** For each unit: its children valid on `onDate` with their outcomes in every program for the period. */
export async function loadChildren(db: SqlReader, unitIds: readonly string[], periodYear: number, onDate: string): Promise<Map<string, ChildUnit[]>> {
  const children = new Map<string, ChildUnit[]>(unitIds.map((id) => [id, []]));
  if (unitIds.length === 0) return children;
  const childRows = await db.query<{ parentId: string; kind: string; attributes: Record<string, string | number | boolean>; outcomes: Record<string, Status> | null }>(
    `SELECT v."parentId", v.kind, v.attributes,
            (SELECT json_object_agg(a."programId", a.outcome) FROM "Assessment" a
              WHERE a."unitId" = v."unitId" AND a."periodYear" = $2) AS outcomes
       FROM "UnitVersion" v
      WHERE v."parentId" = ANY($1::uuid[])
        AND v."validFrom" <= $3::date AND (v."validTo" IS NULL OR v."validTo" >= $3::date)`,
    [unitIds, periodYear, onDate],
  );
  for (const row of childRows) {
    children.get(row.parentId)!.push({ kind: row.kind, attributes: row.attributes, outcomes: row.outcomes ?? {} });
  }
  return children;
}

/**
 * For each unit: its children valid on `onDate` with their outcomes in every program for the
 * period, and its own outcomes in every program for the period.
 */
export async function loadSurroundings(
  db: SqlReader,
  unitIds: readonly string[],
  periodYear: number,
  onDate: string,
): Promise<{ children: Map<string, ChildUnit[]>; programOutcomes: Map<string, Record<string, Status>> }> {
  const programOutcomes = new Map<string, Record<string, Status>>(unitIds.map((id) => [id, {}]));
  const children = await loadChildren(db, unitIds, periodYear, onDate);
  if (unitIds.length === 0) return { children, programOutcomes };
  const own = await db.query<{ unitId: string; programId: string; outcome: Status }>(
    `SELECT "unitId", "programId", outcome FROM "Assessment" WHERE "unitId" = ANY($1::uuid[]) AND "periodYear" = $2`,
    [unitIds, periodYear],
  );
  for (const row of own) programOutcomes.get(row.unitId)![row.programId] = row.outcome;
  return { children, programOutcomes };
}

/** Stored assessments of a program and period, optionally within an area, ready to re-evaluate. */
export async function loadStoredCases(
  db: SqlReader,
  options: { programId: string; periodYear: number; withinCode?: string | undefined; unitKinds?: readonly string[] | undefined },
): Promise<StoredCase[]> {
  const rows = await db.query<{ assessmentId: string; unitId: string; code: string; kind: string; attributes: Record<string, string | number | boolean>; periodEndsOn: Date }>(
    `SELECT a.id AS "assessmentId", a."unitId", v.code, v.kind, v.attributes, a."periodEndsOn"
       FROM "Assessment" a
       JOIN "UnitVersion" v ON v."unitId" = a."unitId"
        AND v."validFrom" <= a."periodEndsOn" AND (v."validTo" IS NULL OR v."validTo" >= a."periodEndsOn")
      WHERE a."programId" = $1 AND a."periodYear" = $2
        AND ($3::text IS NULL OR v.path LIKE $3 || '/%' OR v.path LIKE '%/' || $3 || '/%' OR v.code = $3)
        AND ($4::text[] IS NULL OR v.kind = ANY($4::text[]))
      ORDER BY v.path`,
    [options.programId, options.periodYear, options.withinCode ?? null, options.unitKinds ? [...options.unitKinds] : null],
  );
  if (rows.length === 0) return [];
  const onDate = rows[0]!.periodEndsOn.toISOString().slice(0, 10);
  const inputs = await loadInputs(db, rows.map((r) => r.assessmentId));
  const { children, programOutcomes } = await loadSurroundings(db, rows.map((r) => r.unitId), options.periodYear, onDate);
  return rows.map((row) => ({
    assessmentId: row.assessmentId,
    unitId: row.unitId,
    unitCode: row.code,
    inputs: inputs.get(row.assessmentId)!,
    context: {
      unit: { kind: row.kind, attributes: row.attributes },
      children: children.get(row.unitId)!,
      programOutcomes: programOutcomes.get(row.unitId)!,
      asOf: row.periodEndsOn.toISOString().slice(0, 10),
    },
  }));
}
