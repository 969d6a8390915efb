import {
  criteriaSetArea,
  exportCriteriaPackage,
  nationalUnitKinds,
  planCriteriaPackageImport,
  readCriteriaPackage,
  setKey,
  type CriteriaPackage,
  type CriteriaPackageImportPlan,
  type CriteriaPackageIssue,
  type CriteriaSetDefinition,
  type Program,
  type Result,
  type SetRef,
} from '@antt/criteria';
import type { Database } from '@antt/db';
import { isUniqueViolation } from './assessments.ts';
import type { SetReader } from './criteria-store.ts';

/*
 * Criteria packages against the stored programs and versions: load what an export needs, and store
 * what an import plan says is new. What belongs in a package and what may be imported are decided by
 * @antt/criteria (exportCriteriaPackage, readCriteriaPackage, planCriteriaPackageImport).
 */

/** Programs and set versions are few (tens): one query each, then the domain works in memory. */
async function loadStored(db: Database, setIds?: readonly string[]) {
  const [programs, versions, sets] = await Promise.all([
    db.prisma.program.findMany({ select: { id: true, definition: true } }),
    db.prisma.criteriaSetVersion.findMany({ ...(setIds && { where: { setId: { in: [...setIds] } } }), select: { definition: true } }),
    db.prisma.criteriaSet.findMany({ ...(setIds && { where: { id: { in: [...setIds] } } }), select: { id: true, programId: true, ownerScope: true, provinceCode: true } }),
  ]);
  const programById = new Map(programs.map((row) => [row.id, row.definition as unknown as Program]));
  const versionByKey = new Map<string, CriteriaSetDefinition>();
  for (const row of versions) {
    const definition = row.definition as unknown as CriteriaSetDefinition;
    versionByKey.set(setKey({ setId: definition.id, version: definition.version }), definition);
  }
  const setById = new Map(
    sets.map((row) => [
      row.id,
      {
        programId: row.programId,
        owner: row.ownerScope === 'province' && row.provinceCode ? ({ scope: 'province', provinceCode: row.provinceCode } as const) : ({ scope: 'national' } as const),
      },
    ]),
  );
  return { programById, versionByKey, setById };
}

/** A package of `root` as `reader` sees the stored sets: one they may not read is missing (`missingSet`). */
export async function exportStoredPackage(db: Database, root: SetRef, exportedAt: string, reader: SetReader): Promise<Result<CriteriaPackage, CriteriaPackageIssue[]>> {
  const { programById, versionByKey } = await loadStored(db);
  const readable = (ref: SetRef) => {
    const definition = versionByKey.get(setKey(ref));
    return definition && reader(criteriaSetArea(definition.owner)) ? definition : undefined;
  };
  return exportCriteriaPackage(root, { set: readable, program: (id) => programById.get(id) }, exportedAt);
}

async function knownUnitKinds(db: Database): Promise<string[]> {
  const stored = await db.query<{ kind: string }>('SELECT DISTINCT kind FROM "UnitVersion"');
  return [...new Set([...nationalUnitKinds.map((kind) => kind.id), ...stored.map((row) => row.kind)])];
}

export type PackageImportOutcome =
  | { readonly status: 'invalid'; readonly issues: readonly CriteriaPackageIssue[] }
  | { readonly status: 'conflict'; readonly plan: CriteriaPackageImportPlan }
  | { readonly status: 'imported'; readonly plan: CriteriaPackageImportPlan; readonly root: SetRef | null };

/** A set version the import would store (or refuse as a conflict), with the unit paths that own it; '' is the nation. */
export interface PackageWrite {
  readonly set: string;
  readonly ownerPaths: readonly string[];
}

/**
 * Reads, plans and stores a package in one transaction; nothing is stored unless all of it can be.
 * `authorize` sees every write the plan holds (new programs are national) and throws to refuse it,
 * before anything is stored and before conflicts are reported.
 */
export async function importPackage(db: Database, input: unknown, authorize: (writes: readonly PackageWrite[]) => void, attempt = 1): Promise<PackageImportOutcome> {
  const read = readCriteriaPackage(input, { unitKinds: await knownUnitKinds(db) });
  if (!read.ok) return { status: 'invalid', issues: read.errors };
  const pkg = read.value.package;
  const { programById, versionByKey, setById } = await loadStored(db, [...new Set(pkg.sets.map((set) => set.id))]);
  const plan = planCriteriaPackageImport(pkg, {
    program: (id) => programById.get(id),
    set: (id) => setById.get(id),
    version: (ref) => versionByKey.get(setKey(ref)),
  });
  const identical = new Set(plan.identicalSets);
  const writes: PackageWrite[] = pkg.sets
    .filter((definition) => !identical.has(setKey({ setId: definition.id, version: definition.version })))
    .map((definition) => {
      const stored = setById.get(definition.id);
      return {
        set: setKey({ setId: definition.id, version: definition.version }),
        ownerPaths: [...new Set([criteriaSetArea(definition.owner), ...(stored ? [criteriaSetArea(stored.owner)] : [])])],
      };
    });
  for (const program of plan.programs) writes.push({ set: `program ${program.id}`, ownerPaths: [''] });
  authorize(writes);
  if (plan.conflicts.length > 0) return { status: 'conflict', plan };

  const now = new Date();
  // A concurrent import stored some of the same rows after this plan was made: plan again against them
  // (they are then identical, or a conflict), up to three times.
  const stored = db.prisma.$transaction(async (tx) => {
    for (const program of plan.programs) {
      await tx.program.create({
        data: { id: program.id, title: program.title.vi, titleEn: program.title.en ?? null, family: program.family ?? null, definition: program as object },
      });
    }
    for (const definition of plan.sets) {
      const owner = definition.owner;
      if (!setById.has(definition.id)) {
        await tx.criteriaSet.create({
          data: {
            id: definition.id,
            programId: definition.programId,
            ownerScope: owner.scope,
            provinceCode: owner.scope === 'province' ? owner.provinceCode : null,
            title: definition.title.vi,
          },
        });
        setById.set(definition.id, { programId: definition.programId, owner });
      }
      await tx.criteriaSetVersion.create({
        data: {
          setId: definition.id,
          version: definition.version,
          status: definition.status,
          definition: definition as object,
          extendsSetId: definition.extends?.setId ?? null,
          extendsVersion: definition.extends?.version ?? null,
          publishedAt: definition.status === 'draft' ? null : now,
          retiredAt: definition.status === 'retired' ? now : null,
        },
      });
    }
  });
  try {
    await stored;
  } catch (error) {
    if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    return importPackage(db, input, authorize, attempt + 1);
  }
  return { status: 'imported', plan, root: pkg.root ?? null };
}
