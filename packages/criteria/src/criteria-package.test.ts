import { describe, expect, it } from 'vitest';
import { setKey } from './catalog.ts';
import {
  CRITERIA_PACKAGE_FORMAT,
  canonicalJson,
  exportCriteriaPackage,
  planCriteriaPackageImport,
  programsNamedBy,
  readCriteriaPackage,
  sameDefinition,
  type CriteriaPackage,
  type CriteriaPackageSource,
  type CriteriaPackageTarget,
} from './criteria-package.ts';
import type { CriteriaSetDefinition } from './definition.ts';
import { haiPhongModelNtmCommune2020, nationalPrograms, nationalTemplates, provincialExamples } from './templates/index.ts';

const all: CriteriaSetDefinition[] = [...nationalTemplates, ...provincialExamples];
const stored: CriteriaPackageSource = {
  set: (ref) => all.find((set) => set.id === ref.setId && set.version === ref.version),
  program: (id) => nationalPrograms.find((program) => program.id === id),
};
const HAI_PHONG = { setId: haiPhongModelNtmCommune2020.id, version: haiPhongModelNtmCommune2020.version };
const EXPORTED_AT = '2026-11-23T08:00:00.000Z';

function exported(): CriteriaPackage {
  const result = exportCriteriaPackage(HAI_PHONG, stored, EXPORTED_AT);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

/** A deep copy through JSON, as a package travels. */
const travel = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('exportCriteriaPackage', () => {
  it('packs a provincial set with the national set it extends (parents first) and the programs they name', () => {
    const pkg = exported();
    expect(pkg).toMatchObject({ format: CRITERIA_PACKAGE_FORMAT, formatVersion: 1, exportedAt: EXPORTED_AT, root: HAI_PHONG });
    expect(pkg.sets.map((set) => setKey({ setId: set.id, version: set.version }))).toEqual(['ntm-19-2-2016@1', 'hai-phong-model-ntm-commune-2020@1']);
    const expectedPrograms = new Set(pkg.sets.flatMap(programsNamedBy));
    expect(expectedPrograms.has('newRuralModelSecurity')).toBe(true);
    expect(pkg.programs.map((program) => program.id)).toEqual([...expectedPrograms].sort());
  });

  it('names a program read through a measure, not only the set’s own', () => {
    const reader: CriteriaSetDefinition = {
      ...haiPhongModelNtmCommune2020,
      changes: [{ op: 'add', criterion: { id: 'x.outcome', code: 'X', title: { vi: 'Đạt TT124' }, measure: { type: 'programOutcome', programId: 'safeSecurityOrder' } } }],
    };
    expect(programsNamedBy(reader).sort()).toEqual(['newRuralModelSecurity', 'safeSecurityOrder']);
  });

  it('fails on a missing set, a missing parent or a missing program', () => {
    expect(exportCriteriaPackage({ setId: 'nope', version: 1 }, stored, EXPORTED_AT)).toMatchObject({ ok: false, errors: [{ code: 'missingSet' }] });
    const orphan: CriteriaPackageSource = { ...stored, set: (ref) => (ref.setId === HAI_PHONG.setId ? haiPhongModelNtmCommune2020 : undefined) };
    expect(exportCriteriaPackage(HAI_PHONG, orphan, EXPORTED_AT)).toMatchObject({
      ok: false,
      errors: [{ code: 'missingParent', set: 'hai-phong-model-ntm-commune-2020@1', message: expect.stringMatching(/ntm-19-2-2016@1/) }],
    });
    const noPrograms: CriteriaPackageSource = { ...stored, program: () => undefined };
    const result = exportCriteriaPackage(HAI_PHONG, noPrograms, EXPORTED_AT);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.every((e) => e.code === 'missingProgram')).toBe(true);
  });
});

describe('readCriteriaPackage', () => {
  it('reads back what was exported, from an object or from its text, and resolves it', () => {
    const pkg = exported();
    for (const input of [travel(pkg), JSON.stringify(pkg)]) {
      const read = readCriteriaPackage(input);
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      expect(read.value.package.sets).toHaveLength(2);
      const resolved = read.value.catalog.get(HAI_PHONG)!;
      expect(resolved.lineage.map(setKey)).toEqual(['hai-phong-model-ntm-commune-2020@1', 'ntm-19-2-2016@1']);
      expect(resolved.criteria.some((c) => c.code === '16')).toBe(true);
    }
  });

  it.each([
    ['not an object', [], 'wrongFormat', ''],
    ['another format', { format: 'something-else', formatVersion: 1 }, 'wrongFormat', 'format'],
    ['a newer format version', { format: CRITERIA_PACKAGE_FORMAT, formatVersion: 2 }, 'unsupportedFormatVersion', 'formatVersion'],
    ['no format version', { format: CRITERIA_PACKAGE_FORMAT }, 'unsupportedFormatVersion', 'formatVersion'],
  ])('refuses %s', (_label, input, code, path) => {
    expect(readCriteriaPackage(input)).toEqual({ ok: false, errors: [expect.objectContaining({ code, path })] });
  });

  it('refuses broken JSON text', () => {
    expect(readCriteriaPackage('{"format":')).toMatchObject({ ok: false, errors: [{ code: 'invalidShape', message: expect.stringMatching(/^not JSON/) }] });
  });

  it('reports a missing parent, with the path to the set that needs it', () => {
    const pkg = travel(exported());
    const withoutParent = { ...pkg, sets: pkg.sets.slice(1) };
    const read = readCriteriaPackage(withoutParent);
    expect(read).toEqual({
      ok: false,
      errors: [expect.objectContaining({ code: 'missingParent', path: 'sets[0].extends', set: 'hai-phong-model-ntm-commune-2020@1' })],
    });
  });

  it('reports sets that do not resolve and shapes that are wrong, each at its path', () => {
    const pkg = travel(exported()) as any;
    pkg.sets[1].changes.push({ op: 'override', targetId: 'no-such-criterion', set: { required: false } });
    pkg.sets[0].title = { vi: '' };
    pkg.programs[0].colour = 'red';
    pkg.extra = true;
    const read = readCriteriaPackage(pkg);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const found = read.errors.map((e) => [e.code, e.path]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['invalidShape', 'extra'],
        ['invalidShape', 'programs[0]'],
        ['invalidShape', 'sets[0].title.vi'],
      ]),
    );
    // With its parent's shape fixed, the child's unknown override target is reported where it is.
    pkg.sets[0].title = { vi: 'Chỉ tiêu 19.2' };
    delete pkg.programs[0].colour;
    delete pkg.extra;
    const again = readCriteriaPackage(pkg);
    expect(again).toMatchObject({ ok: false, errors: [{ code: 'unknownTarget', path: expect.stringMatching(/^sets\[1\]\.changes\[\d+\]\.targetId$/) }] });
  });

  it('reports a program a set needs but the package lacks, and a root it does not carry', () => {
    const pkg = travel(exported());
    expect(readCriteriaPackage({ ...pkg, programs: [] })).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.objectContaining({ code: 'missingProgram' })]) });
    expect(readCriteriaPackage({ ...pkg, root: { setId: 'elsewhere', version: 3 } })).toMatchObject({ ok: false, errors: [{ code: 'missingSet', path: 'root' }] });
  });

  it('checks unit kinds when told which exist', () => {
    expect(readCriteriaPackage(travel(exported()), { unitKinds: ['ward'] })).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.objectContaining({ code: 'unknownUnitKind' })]) });
  });
});

describe('planCriteriaPackageImport', () => {
  const emptyTarget: CriteriaPackageTarget = { program: () => undefined, set: () => undefined, version: () => undefined };

  it('inserts everything into an empty installation, parents first', () => {
    const plan = planCriteriaPackageImport(exported(), emptyTarget);
    expect(plan.sets.map((set) => set.id)).toEqual(['ntm-19-2-2016', 'hai-phong-model-ntm-commune-2020']);
    expect(plan.programs.length).toBeGreaterThan(0);
    expect(plan).toMatchObject({ identicalSets: [], existingPrograms: [], conflicts: [] });
  });

  it('skips identical versions whatever their key order, and keeps existing programs', () => {
    const reordered = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(reordered) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reordered(v)])) : value;
    const target: CriteriaPackageTarget = {
      program: (id) => stored.program(id),
      set: (setId) => all.find((set) => set.id === setId),
      version: (ref) => reordered(stored.set(ref)) as CriteriaSetDefinition,
    };
    const plan = planCriteriaPackageImport(exported(), target);
    expect(plan).toMatchObject({ sets: [], programs: [], identicalSets: ['ntm-19-2-2016@1', 'hai-phong-model-ntm-commune-2020@1'], conflicts: [] });
    expect(plan.existingPrograms.length).toBe(exported().programs.length);
  });

  it('refuses a version that exists with different content, and a set owned by someone else', () => {
    const changed: CriteriaSetDefinition = { ...haiPhongModelNtmCommune2020, title: { vi: 'Tên khác' } } as CriteriaSetDefinition;
    const target: CriteriaPackageTarget = {
      program: () => undefined,
      set: (setId) => (setId === 'ntm-19-2-2016' ? { programId: 'newRural192', owner: { scope: 'province', provinceCode: '31' } } : undefined),
      version: (ref) => (ref.setId === HAI_PHONG.setId ? changed : undefined),
    };
    const plan = planCriteriaPackageImport(exported(), target);
    expect(plan.conflicts.map((c) => [c.code, c.set])).toEqual([
      ['immutable', 'ntm-19-2-2016@1'],
      ['immutable', 'hai-phong-model-ntm-commune-2020@1'],
    ]);
    expect(plan.conflicts[1]!.message).toMatch(/different content/);
  });
});

describe('canonicalJson / sameDefinition', () => {
  it('ignores key order and surrounding blanks, not content', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }] })).toBe('{"a":[{"c":null,"d":2}],"b":1}');
    const padded = { ...haiPhongModelNtmCommune2020, title: { ...haiPhongModelNtmCommune2020.title, vi: ` ${haiPhongModelNtmCommune2020.title.vi} ` } };
    expect(sameDefinition(haiPhongModelNtmCommune2020, padded)).toBe(true);
    expect(sameDefinition(haiPhongModelNtmCommune2020, { ...haiPhongModelNtmCommune2020, version: 2 })).toBe(false);
  });
});
