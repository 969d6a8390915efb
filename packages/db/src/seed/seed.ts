import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  enteredCriteria,
  evaluate,
  nationalPrograms,
  nationalTemplates,
  periodFor,
  provincialExamples,
  sampleInputs,
  selectCriteriaSet,
  templateCatalog,
  tt124PeriodScheme,
  type ChildUnit,
  type CriteriaSetDefinition,
  type CriterionInput,
  type ResolvedCriteriaSet,
  type Status,
} from '@antt/criteria';
import type { SqlExecutor } from '../sql.ts';
import { buildAdminHistory, type LineageRow, type UnitVersionRow } from './admin-history.ts';
import { DEMO_PROVINCE_CODE, demoFailures, demoUnits } from './demo-province.ts';
import { insertDemoUsers } from './demo-users.ts';

/*
 * The seed: administrative history (2012 → today), programs and national templates, and a demo
 * province with two years of assessments. Idempotent: every step inserts only what is missing, so a
 * second run changes nothing.
 */

export interface SeedOptions {
  /** Skip the demo province (units, assessments, targets). */
  readonly demo?: boolean;
  /** Demo period years; the default is the two most recent TT124 periods before 2027. */
  readonly demoYears?: readonly number[];
  readonly log?: (line: string) => void;
}

export interface SeedCounts {
  units: number;
  unitVersions: number;
  lineage: number;
  programs: number;
  setVersions: number;
  assessments: number;
  criterionResults: number;
  targets: number;
  users: number;
}

const dataFile = (name: string) => readFileSync(new URL(`../../data/${name}`, import.meta.url), 'utf8');

function loadHistory() {
  return buildAdminHistory({
    units2025: dataFile('vn-admin-units-2025.csv'),
    unitsPre2025: dataFile('vn-admin-units-pre2025.csv'),
    communeLineage: dataFile('vn-admin-lineage-2025.csv'),
    provinceLineage: dataFile('vn-admin-province-lineage-2025.csv'),
  });
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Inserts units and versions that are not there yet; returns code → unit id for everything. */
export async function insertUnitVersions(
  db: SqlExecutor,
  versions: readonly UnitVersionRow[],
  counts: Pick<SeedCounts, 'units' | 'unitVersions'>,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const row of await db.query<{ code: string; id: string }>('SELECT code, id FROM "Unit"')) ids.set(row.code, row.id);
  const newUnits: Array<[string, string]> = [];
  for (const version of versions) {
    if (!ids.has(version.code)) {
      const id = randomUUID();
      ids.set(version.code, id);
      newUnits.push([id, version.code]);
    }
  }
  counts.units += await db.copyRows('Unit', ['id', 'code'], newUnits);

  const existing = new Set(
    (await db.query<{ unitId: string; validFrom: Date }>('SELECT "unitId", "validFrom" FROM "UnitVersion"')).map(
      (row) => `${row.unitId}|${row.validFrom.toISOString().slice(0, 10)}`,
    ),
  );
  const rows = versions
    .filter((v) => !existing.has(`${ids.get(v.code)}|${v.validFrom}`))
    .map((v) => [
      randomUUID(),
      ids.get(v.code)!,
      v.code,
      v.kind,
      v.name,
      v.fullName,
      v.nameEn,
      v.searchName,
      v.parentCode ? ids.get(v.parentCode)! : null,
      v.parentCode,
      v.path,
      v.provinceCode,
      v.attributes,
      day(v.validFrom),
      v.validTo ? day(v.validTo) : null,
      v.legalAct,
    ]);
  counts.unitVersions += await db.copyRows(
    'UnitVersion',
    ['id', 'unitId', 'code', 'kind', 'name', 'fullName', 'nameEn', 'searchName', 'parentId', 'parentCode', 'path', 'provinceCode', 'attributes', 'validFrom', 'validTo', 'legalAct'],
    rows,
  );
  return ids;
}

async function insertLineage(db: SqlExecutor, lineage: readonly LineageRow[], ids: Map<string, string>, counts: SeedCounts): Promise<void> {
  const existing = new Set(
    (await db.query<{ fromUnitId: string; toUnitId: string }>('SELECT "fromUnitId", "toUnitId" FROM "UnitLineage"')).map(
      (row) => `${row.fromUnitId}|${row.toUnitId}`,
    ),
  );
  const rows = lineage
    .filter((link) => ids.has(link.fromCode) && ids.has(link.toCode))
    .filter((link) => !existing.has(`${ids.get(link.fromCode)}|${ids.get(link.toCode)}`))
    .map((link) => [randomUUID(), ids.get(link.fromCode)!, ids.get(link.toCode)!, link.event, link.share, day(link.effectiveOn), link.legalAct]);
  counts.lineage += await db.copyRows('UnitLineage', ['id', 'fromUnitId', 'toUnitId', 'event', 'share', 'effectiveOn', 'legalAct'], rows);
}

async function insertDefinitions(db: SqlExecutor, counts: SeedCounts): Promise<Map<string, string>> {
  for (const program of nationalPrograms) {
    const inserted = await db.query(
      `INSERT INTO "Program" (id, title, "titleEn", family, definition) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [program.id, program.title.vi, program.title.en ?? null, program.family ?? null, JSON.stringify(program)],
    );
    counts.programs += inserted.length;
  }
  const definitions: CriteriaSetDefinition[] = [...nationalTemplates, ...provincialExamples];
  for (const definition of definitions) {
    const owner = definition.owner;
    await db.query(
      `INSERT INTO "CriteriaSet" (id, "programId", "ownerScope", "provinceCode", title) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO NOTHING`,
      [definition.id, definition.programId, owner.scope, owner.scope === 'province' ? owner.provinceCode : null, definition.title.vi],
    );
    const inserted = await db.query(
      `INSERT INTO "CriteriaSetVersion" (id, "setId", version, status, definition, "extendsSetId", "extendsVersion", "updatedAt", "publishedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, now(), CASE WHEN $4 = 'draft' THEN NULL ELSE now() END)
       ON CONFLICT ("setId", version) DO NOTHING RETURNING id`,
      [
        randomUUID(),
        definition.id,
        definition.version,
        definition.status,
        JSON.stringify(definition),
        definition.extends?.setId ?? null,
        definition.extends?.version ?? null,
      ],
    );
    counts.setVersions += inserted.length;
  }
  const versionIds = new Map<string, string>();
  for (const row of await db.query<{ id: string; setId: string; version: number }>('SELECT id, "setId", version FROM "CriteriaSetVersion"')) {
    versionIds.set(`${row.setId}@${row.version}`, row.id);
  }
  return versionIds;
}

interface PlannedAssessment {
  readonly unitCode: string;
  readonly set: ResolvedCriteriaSet;
  readonly year: number;
  readonly kind: string;
  readonly inputs: Record<string, CriterionInput>;
  readonly status: Status;
  readonly explanation: ReturnType<typeof evaluate>;
}

/** Evaluates the demo units bottom-up with the engine: children first, then communes. */
function planDemoAssessments(communes: readonly UnitVersionRow[], units: readonly UnitVersionRow[], years: readonly number[]): PlannedAssessment[] {
  const catalog = templateCatalog();
  if (!catalog.ok) throw new Error(`national templates are invalid: ${JSON.stringify(catalog.errors)}`);
  const sets = [...catalog.value.sets.values()];
  const planned: PlannedAssessment[] = [];
  const byParent = new Map<string, UnitVersionRow[]>();
  for (const unit of units) byParent.set(unit.parentCode!, [...(byParent.get(unit.parentCode!) ?? []), unit]);

  const assess = (unit: UnitVersionRow, programId: string, year: number, extra: { children?: ChildUnit[]; programOutcomes?: Record<string, Status> }, passRate: number) => {
    const period = periodFor(tt124PeriodScheme, unit.kind, year);
    if (!period) return undefined;
    const facts = { kind: unit.kind, attributes: unit.attributes };
    const set = selectCriteriaSet(sets, { programId, unit: facts, provinceCode: DEMO_PROVINCE_CODE, onDate: period.endsOn });
    if (!set) return undefined;
    const entered = enteredCriteria(set).filter((c) => c.required).map((c) => c.id);
    const inputs = sampleInputs(set, { failing: demoFailures(unit.code, year, entered, passRate) });
    const explanation = evaluate(set, inputs, { unit: facts, asOf: period.endsOn, ...extra });
    const item: PlannedAssessment = { unitCode: unit.code, set, year, kind: unit.kind, inputs, status: explanation.status, explanation };
    planned.push(item);
    return item;
  };

  for (const year of years) {
    for (const commune of communes) {
      const children: ChildUnit[] = [];
      for (const child of byParent.get(commune.code) ?? []) {
        const result = assess(child, 'safeSecurityOrder', year, {}, 0.86);
        children.push({ kind: child.kind, attributes: child.attributes, outcomes: { safeSecurityOrder: result?.status ?? 'notAssessed' } });
      }
      const tt124 = assess(commune, 'safeSecurityOrder', year, { children }, 0.9);
      assess(commune, 'newRural192', year, { programOutcomes: { safeSecurityOrder: tt124?.status ?? 'notAssessed' } }, 0.95);
    }
  }
  return planned;
}

/** 2020 results of the pre-2025 communes of Hải Phòng and Hải Dương, kept as they were. */
function planHistoricAssessments(oldCommunes: readonly UnitVersionRow[]): PlannedAssessment[] {
  const catalog = templateCatalog();
  if (!catalog.ok) throw new Error('national templates are invalid');
  const sets = [...catalog.value.sets.values()];
  const planned: PlannedAssessment[] = [];
  for (const unit of oldCommunes) {
    if (unit.kind !== 'commune') continue;
    const period = periodFor(tt124PeriodScheme, unit.kind, 2020)!;
    const facts = { kind: unit.kind, attributes: unit.attributes };
    const set = selectCriteriaSet(sets, { programId: 'newRural192', unit: facts, provinceCode: unit.provinceCode ?? undefined, onDate: period.endsOn });
    if (!set) continue;
    const entered = enteredCriteria(set).map((c) => c.id);
    const inputs = sampleInputs(set, { failing: demoFailures(unit.code, 2020, entered, 0.9) });
    const explanation = evaluate(set, inputs, { unit: facts, asOf: period.endsOn });
    planned.push({ unitCode: unit.code, set, year: 2020, kind: unit.kind, inputs, status: explanation.status, explanation });
  }
  return planned;
}

async function insertAssessments(
  db: SqlExecutor,
  planned: readonly PlannedAssessment[],
  unitIds: Map<string, string>,
  versionIds: Map<string, string>,
  counts: SeedCounts,
): Promise<void> {
  const existing = new Set(
    (await db.query<{ unitId: string; programId: string; periodYear: number }>('SELECT "unitId", "programId", "periodYear" FROM "Assessment"')).map(
      (row) => `${row.unitId}|${row.programId}|${row.periodYear}`,
    ),
  );
  const assessments: unknown[][] = [];
  const results: unknown[][] = [];
  const attachments: unknown[][] = [];
  const now = new Date();
  for (const item of planned) {
    const unitId = unitIds.get(item.unitCode)!;
    const programId = item.set.programId;
    if (existing.has(`${unitId}|${programId}|${item.year}`)) continue;
    const period = periodFor(tt124PeriodScheme, item.kind, item.year)!;
    const id = randomUUID();
    assessments.push([
      id,
      unitId,
      programId,
      versionIds.get(`${item.set.ref.setId}@${item.set.ref.version}`)!,
      item.year,
      day(period.startsOn),
      day(period.endsOn),
      item.status,
      item.explanation.grade?.grade ?? null,
      item.explanation,
      now,
      now,
    ]);
    for (const [criterionId, input] of Object.entries(item.inputs)) {
      const resultId = randomUUID();
      // A JSON column: encode here so `true` reaches it as JSON, not as a boolean literal.
      const value = input.value === undefined || input.value === null ? null : JSON.stringify(input.value);
      results.push([resultId, id, criterionId, value, input.previousValue ?? null]);
      for (const evidence of input.evidence ?? []) {
        attachments.push([randomUUID(), resultId, evidence.documentRef, evidence.documentKind ?? null, evidence.contentHash ?? 'sha256:demo']);
      }
    }
  }
  counts.assessments += await db.copyRows(
    'Assessment',
    ['id', 'unitId', 'programId', 'setVersionId', 'periodYear', 'periodStartsOn', 'periodEndsOn', 'outcome', 'grade', 'explanation', 'evaluatedAt', 'updatedAt'],
    assessments,
  );
  counts.criterionResults += await db.copyRows('CriterionResult', ['id', 'assessmentId', 'criterionId', 'value', 'previousValue'], results);
  await db.copyRows('Attachment', ['id', 'resultId', 'documentRef', 'documentKind', 'contentHash'], attachments);
}

async function insertTargets(db: SqlExecutor, counts: SeedCounts): Promise<void> {
  const targets = [
    { programId: 'safeSecurityOrder', provinceCode: DEMO_PROVINCE_CODE, unitKinds: ['commune', 'ward', 'specialZone'], fromYear: 2025, threshold: 80, title: 'Ít nhất 80% xã, phường, đặc khu đạt “An toàn về ANTT” (mục tiêu minh hoạ)' },
    { programId: 'safeSecurityOrder', provinceCode: DEMO_PROVINCE_CODE, unitKinds: ['residentialArea'], fromYear: 2025, threshold: 85, title: 'Ít nhất 85% khu dân cư đạt “An toàn về ANTT” (mục tiêu minh hoạ)' },
    { programId: 'newRural192', provinceCode: null, unitKinds: ['commune'], fromYear: 2021, threshold: 80, title: 'Ít nhất 80% xã đạt chỉ tiêu 19.2 mỗi năm' },
  ];
  for (const target of targets) {
    const found = await db.query('SELECT 1 FROM "Target" WHERE title = $1', [target.title]);
    if (found.length > 0) continue;
    await db.query(
      `INSERT INTO "Target" (id, "programId", "areaPath", "unitKinds", "fromYear", "thresholdPercent", title) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [randomUUID(), target.programId, target.provinceCode ?? '', target.unitKinds, target.fromYear, target.threshold, target.title],
    );
    counts.targets++;
  }
}

export async function seedDatabase(db: SqlExecutor, options: SeedOptions = {}): Promise<SeedCounts> {
  const log = options.log ?? (() => {});
  const counts: SeedCounts = { units: 0, unitVersions: 0, lineage: 0, programs: 0, setVersions: 0, assessments: 0, criterionResults: 0, targets: 0, users: 0 };
  const history = loadHistory();
  await db.transaction(async (tx) => {
    const ids = await insertUnitVersions(tx, history.versions, counts);
    await insertLineage(tx, history.lineage, ids, counts);
    log(`units: +${counts.units} units, +${counts.unitVersions} versions, +${counts.lineage} lineage links`);
    const versionIds = await insertDefinitions(tx, counts);
    log(`criteria: +${counts.programs} programs, +${counts.setVersions} set versions`);
    if (options.demo === false) return;

    const communes = history.versions.filter((v) => v.validTo === null && v.provinceCode === DEMO_PROVINCE_CODE && v.kind !== 'province');
    const units = demoUnits(communes);
    const allIds = await insertUnitVersions(tx, units, counts);
    const years = options.demoYears ?? [2025, 2026];
    const oldCommunes = history.versions.filter((v) => v.validTo !== null && (v.provinceCode === '31' || v.provinceCode === '30'));
    await insertAssessments(tx, [...planHistoricAssessments(oldCommunes), ...planDemoAssessments(communes, units, years)], allIds, versionIds, counts);
    await insertTargets(tx, counts);
    counts.users += await insertDemoUsers(tx);
    log(`demo province ${DEMO_PROVINCE_CODE}: ${units.length} units, +${counts.assessments} assessments, +${counts.criterionResults} criterion results`);
  });
  // Fresh statistics: without them the planner expects one row per table and picks nested loops
  // that make a national roll-up hundreds of times slower.
  await db.exec('ANALYZE');
  return counts;
}
