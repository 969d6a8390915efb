import { commonArea, criteriaSetArea, setKey, type CriteriaPackage, type CriteriaPackageImportPlan, type CriteriaPackageIssue, type DefinitionIssue } from '@antt/criteria';
import { builder } from '../builder.ts';
import { auditChange } from '../identity/audit.ts';
import { assertCan } from '../identity/actor.ts';
import { setReader } from '../services/criteria-access.ts';
import { exportStoredPackage, importPackage } from '../services/criteria-packages.ts';
import { ImmutableError, NotFoundError, ValidationError } from './errors.ts';

/*
 * Criteria packages: a criteria-set version with every set it extends and the programs they name, as
 * one versioned JSON document (`format: "antt-criteria-package"`), to move between installations.
 */

/** Package issues carry a few codes of their own (wrongFormat, missingParent…); clients read `code` as text. */
const asDefinitionIssues = (issues: readonly CriteriaPackageIssue[]) => issues as readonly DefinitionIssue[];

const CriteriaPackageExportRef = builder.objectRef<CriteriaPackage>('CriteriaPackageExport').implement({
  description: 'A criteria package ready to save as a .json file',
  fields: (t) => ({
    package: t.field({ type: 'JSON', description: 'The document to save and import elsewhere', resolve: (pkg) => pkg }),
    sets: t.stringList({ description: 'The versions it carries, parents first, as setId@version', resolve: (pkg) => pkg.sets.map((set) => setKey({ setId: set.id, version: set.version })) }),
    programs: t.stringList({ resolve: (pkg) => pkg.programs.map((program) => program.id) }),
  }),
});

const CriteriaPackageImportRef = builder.objectRef<CriteriaPackageImportPlan & { root: string | null }>('CriteriaPackageImport').implement({
  description: 'What importing a criteria package stored',
  fields: (t) => ({
    root: t.exposeString('root', { nullable: true, description: 'The version the package was made for, as setId@version' }),
    insertedSets: t.stringList({ resolve: (plan) => plan.sets.map((set) => setKey({ setId: set.id, version: set.version })) }),
    identicalSets: t.stringList({ description: 'Versions that were already here with the same content', resolve: (plan) => [...plan.identicalSets] }),
    insertedPrograms: t.stringList({ resolve: (plan) => plan.programs.map((program) => program.id) }),
    existingPrograms: t.stringList({ description: 'Programs already here, kept as they are', resolve: (plan) => [...plan.existingPrograms] }),
  }),
});

builder.queryFields((t) => ({
  exportCriteriaPackage: t.field({
    type: CriteriaPackageExportRef,
    errors: { types: [NotFoundError, ValidationError] },
    description: 'A criteria-set version with the sets it extends and the programs they name, as a package to import elsewhere',
    args: { setId: t.arg.string({ required: true }), version: t.arg.int({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const result = await exportStoredPackage(ctx.db, { setId: args.setId, version: args.version }, new Date().toISOString(), setReader(ctx));
      if (result.ok) return result.value;
      const missing = result.errors.find((issue) => issue.code === 'missingSet');
      if (missing) throw new NotFoundError('CriteriaSetVersion', `${args.setId}@${args.version}`);
      throw new ValidationError(`Không đóng gói được ${args.setId}@${args.version}`, asDefinitionIssues(result.errors));
    },
  }),
}));

builder.mutationFields((t) => ({
  importCriteriaPackage: t.field({
    type: CriteriaPackageImportRef,
    authScopes: { permission: 'criteria.author' },
    errors: { types: [ValidationError, ImmutableError] },
    description:
      'Stores the programs and versions of a criteria package that are not here yet. Identical versions are skipped; a version that ' +
      'exists with other content is refused (IMMUTABLE) and nothing is stored.',
    args: { package: t.arg({ type: 'JSON', required: true, description: 'A package from exportCriteriaPackage (the object or its JSON text)' }) },
    resolve: async (_root, args, ctx) => {
      const outcome = await importPackage(ctx.db, args.package, (writes) => {
        // Versions already stored with the same content are not written, so they need no permission.
        for (const write of writes) for (const path of write.ownerPaths) assertCan(ctx.auth, 'criteria.author', path, `${write.set} (${path === '' ? 'toàn quốc' : `tỉnh ${path}`})`);
      });
      if (outcome.status === 'invalid') throw new ValidationError('Gói bộ tiêu chí không hợp lệ', asDefinitionIssues(outcome.issues));
      if (outcome.status === 'conflict') {
        throw new ImmutableError(`Không nhập gì: ${outcome.plan.conflicts.map((conflict) => conflict.message).join('; ')}`);
      }
      const root = outcome.root ? setKey(outcome.root) : null;
      // The import concerns the area holding every set it wrote (a province's own sets: that province).
      const areaPath = commonArea(outcome.plan.sets.map((set) => criteriaSetArea(set.owner)));
      await auditChange(ctx, { action: 'criteriaPackage.import', entity: 'CriteriaPackage', entityId: root ?? 'package', areaPath, after: outcome.plan });
      return { ...outcome.plan, root };
    },
  }),
}));
