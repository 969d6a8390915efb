import { describe, expect, it } from 'vitest';
import { walkCriteria, type Catalog, type ResolvedCriteriaSet, type ResolvedCriterion } from '../catalog.ts';
import type { CriteriaSetDefinition } from '../definition.ts';
import { evaluate, type ChildUnit, type CriterionInputs, type Status } from '../engine.ts';
import {
  nationalPrograms,
  nationalTemplates,
  placeholderGradeBands,
  provincialExamples,
  templateCatalog,
} from './index.ts';

function catalog(): Catalog {
  const result = templateCatalog();
  if (!result.ok) throw new Error(`template catalog has issues:\n${JSON.stringify(result.errors, null, 2)}`);
  return result.value;
}

const templates = catalog();

function setOf(setId: string, version = 1): ResolvedCriteriaSet {
  const set = templates.get({ setId, version });
  if (!set) throw new Error(`no set ${setId}@${version}`);
  return set;
}

function nodesOf(set: ResolvedCriteriaSet): ResolvedCriterion[] {
  return [...walkCriteria(set.criteria)].map(({ node }) => node);
}

function leavesOf(set: ResolvedCriteriaSet): ResolvedCriterion[] {
  return nodesOf(set).filter((node) => node.measure !== undefined);
}

function nodeOf(set: ResolvedCriteriaSet, id: string): ResolvedCriterion {
  const node = nodesOf(set).find((candidate) => candidate.id === id);
  if (!node) throw new Error(`no criterion ${id} in ${set.ref.setId}`);
  return node;
}

/** An input that meets every leaf the assessor fills in (shares and program links come from the context). */
function passingInputs(set: ResolvedCriteriaSet, overrides: CriterionInputs = {}): CriterionInputs {
  const inputs: Record<string, CriterionInputs[string]> = {};
  for (const leaf of leavesOf(set)) {
    const measure = leaf.measure!;
    switch (measure.type) {
      case 'boolean':
        inputs[leaf.id] = { value: measure.expected ?? true };
        break;
      case 'number': {
        const offset = measure.comparator === '>' ? 1 : measure.comparator === '<' ? -1 : 0;
        inputs[leaf.id] = { value: measure.threshold + offset };
        break;
      }
      case 'change':
        inputs[leaf.id] = { value: 0, previousValue: 0 };
        break;
      case 'score':
        inputs[leaf.id] = { value: measure.maxPoints };
        break;
      default:
        break;
    }
  }
  return { ...inputs, ...overrides };
}

function childUnits(kind: string, count: number, met: number, programId = 'safeSecurityOrder'): ChildUnit[] {
  return Array.from({ length: count }, (_, i) => ({
    kind,
    outcomes: { [programId]: (i < met ? 'met' : 'notMet') satisfies Status },
  }));
}

/** The first `met` of N flat criteria met, the rest not. */
function firstMet(set: ResolvedCriteriaSet, met: number): CriterionInputs {
  return Object.fromEntries(set.criteria.map((node, i) => [node.id, { value: i < met }]));
}

const allDefinitions: readonly CriteriaSetDefinition[] = [...nationalTemplates, ...provincialExamples];

describe('template catalog', () => {
  it('builds with zero issues', () => {
    const result = templateCatalog();
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('has the national programs', () => {
    expect(nationalPrograms.map((program) => program.id)).toEqual([
      'safeSecurityOrder',
      'newRural192',
      'newRural192Advanced',
      'newRuralModelSecurity',
      'urbanCivilisedSecurity',
      'modelWardPolice',
      'typicalMovementUnit',
      'movementClassification',
    ]);
    const newRural = nationalPrograms.filter((program) => program.family === 'newRural').map((program) => program.id);
    expect(newRural).toEqual(['newRural192', 'newRural192Advanced', 'newRuralModelSecurity']);
    expect(nationalPrograms.find((program) => program.id === 'safeSecurityOrder')?.title.vi).toBe('An toàn về an ninh, trật tự');
  });

  it('gives every set a unique id@version and resolves each of them', () => {
    const keys = allDefinitions.map((def) => `${def.id}@${def.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...templates.sets.keys()].sort()).toEqual([...keys].sort());
    expect(templates.versions('model-ward-police').map((set) => set.ref.version)).toEqual([1, 2]);
  });

  it('publishes the national sets as national, and owns the examples by their 2025 province codes', () => {
    for (const def of nationalTemplates) {
      expect(def.owner, def.id).toEqual({ scope: 'national' });
      expect(def.status, def.id).toBe('published');
      expect(def.schemaVersion).toBe(1);
    }
    const owners = Object.fromEntries(provincialExamples.map((def) => [def.id, def.owner]));
    expect(owners).toEqual({
      'hai-phong-model-ntm-commune-2020': { scope: 'province', provinceCode: '31' },
      'cao-bang-ngoc-dao-typical-commune-2021': { scope: 'province', provinceCode: '04' },
      'phu-tho-typical-organisation': { scope: 'province', provinceCode: '25' },
    });
  });

  it('keeps every text in NFC', () => {
    const texts: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') texts.push(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect(allDefinitions);
    collect(nationalPrograms);
    expect(texts.filter((text) => text !== text.normalize('NFC'))).toEqual([]);
  });

  it('cites a source for every criterion, and marks unverified content consistently', () => {
    for (const set of templates.sets.values()) {
      for (const node of nodesOf(set)) {
        const where = `${set.ref.setId}: ${node.id}`;
        expect(node.provenance?.issuer, where).toBeTruthy();
        expect(node.provenance?.document, where).toBeTruthy();
        expect(node.provenance?.source, where).toBeTruthy();
        expect(node.provenance?.confidence, where).toBeDefined();
        expect(node.unverified, where).toBe(node.provenance?.confidence === 'unverified');
        // Placeholders say so in their title; seed-only content (Ngọc Đào) keeps its own wording.
        if (node.title.vi.includes('chưa được xác minh')) expect(node.unverified, where).toBe(true);
        expect(node.id, where).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
      }
    }
  });

  it('marks the [U] content of the domain reference unverified (spot check)', () => {
    const unverified: Array<[string, string]> = [
      ['tt124-residential-area', 'tt124-kdc.criterion-4'],
      ['tt124-residential-area', 'tt124-kdc.criterion-5'],
      ['tt124-commune', 'tt124-commune.kdc-criteria.criterion-4'],
      ['tt124-commune', 'tt124-commune.unread-condition'],
      ['tt124-agency-enterprise', 'tt124-agency.remaining'],
      ['tt124-school', 'tt124-school.criterion-6'],
      ['ntm-19-2-2021', 'ntm-19-2-2021.content.c04'],
      ['ntm-19-2-2021', 'ntm-19-2-2021.content.c08'],
      ['ntm-19-2-advanced-2021', 'ntm-19-2-advanced-2021.stricter-bar'],
      ['dtvm-4-2024', 'dtvm-4-2024.content.c02'],
      ['dtvm-4-2024', 'dtvm-4-2024.content.c06'],
      ['model-ward-police', 'model-ward-police-2023.c01'],
      ['typical-commune-9745', 'typical-commune-9745.c03'],
      ['typical-commune-9745', 'typical-commune-9745.c34'],
      ['movement-classification-organisation', 'movement-classification-organisation.remaining'],
      ['movement-classification-kdc', 'movement-classification-kdc.items'],
      ['hai-phong-model-ntm-commune-2020', 'hai-phong-model-ntm-2020.c16'],
      ['cao-bang-ngoc-dao-typical-commune-2021', 'ngoc-dao-2021.hamlets-recognised'],
      ['cao-bang-ngoc-dao-typical-commune-2021', 'ngoc-dao-2021.no-serious-incidents.traffic'],
      ['phu-tho-typical-organisation', 'phu-tho-typical-organisation.c14'],
    ];
    for (const [setId, id] of unverified) expect(nodeOf(setOf(setId), id).unverified, id).toBe(true);
    expect(nodesOf(setOf('model-ward-police', 2)).every((node) => node.unverified)).toBe(true);

    const verified: Array<[string, string]> = [
      ['tt124-commune', 'tt124-commune.children.recognised'],
      ['tt23-commune', 'tt23-commune.kdc-share'],
      ['ntm-19-2-2021', 'ntm-19-2-2021.safe-security-order'],
      ['dtvm-4-2024', 'dtvm-4-2024.no-anti-party'],
      ['typical-commune-9745', 'typical-commune-9745.c02'],
      ['movement-classification-organisation', 'movement-classification-organisation.movement-day'],
      ['cao-bang-ngoc-dao-typical-commune-2021', 'ngoc-dao-2021.propaganda'],
    ];
    for (const [setId, id] of verified) expect(nodeOf(setOf(setId), id).unverified, id).toBe(false);

    expect(placeholderGradeBands.every((band) => band.unverified === true)).toBe(true);
  });

  it('keeps contents that are only known to exist optional, so they do not block a pass', () => {
    const optional = [
      ...nodesOf(setOf('ntm-19-2-2021')).filter((node) => node.id.startsWith('ntm-19-2-2021.content.')),
      ...nodesOf(setOf('dtvm-4-2024')).filter((node) => node.id.startsWith('dtvm-4-2024.content.')),
      nodeOf(setOf('tt124-commune'), 'tt124-commune.unread-condition'),
    ];
    expect(optional).toHaveLength(11);
    expect(optional.every((node) => !node.required)).toBe(true);
  });

  it('has the criterion counts of the sources', () => {
    const topLevel = (setId: string, version = 1) => setOf(setId, version).criteria.length;
    expect(topLevel('tt124-residential-area')).toBe(5);
    expect(nodeOf(setOf('tt124-residential-area'), 'tt124-kdc.no-incidents').criteria?.map((node) => node.code)).toEqual([
      '3a',
      '3b',
      '3c',
      '3d',
      '3đ',
      '3e',
      '3g',
    ]);
    expect(topLevel('tt124-school')).toBe(6);
    expect(topLevel('ntm-19-2-2016')).toBe(3);
    expect(setOf('ntm-19-2-2021').criteria.filter((node) => /^\d$/.test(node.code))).toHaveLength(8);
    expect(topLevel('dtvm-4-2024')).toBe(6);
    expect(topLevel('model-ward-police', 1)).toBe(22);
    expect(topLevel('model-ward-police', 2)).toBe(20);
    expect(topLevel('typical-commune-9745')).toBe(34);
    expect(topLevel('phu-tho-typical-organisation')).toBe(14);
    for (const id of ['movement-classification-kdc', 'movement-classification-commune', 'movement-classification-organisation']) {
      const points = leavesOf(setOf(id)).reduce((sum, leaf) => sum + (leaf.measure?.type === 'score' ? leaf.measure.maxPoints : 0), 0);
      expect(points, id).toBe(100);
    }
  });

  it('attaches the TT124 period scheme to the TT124 sets', () => {
    for (const id of ['tt124-residential-area', 'tt124-commune', 'tt124-agency-enterprise', 'tt124-school']) {
      const set = setOf(id);
      expect(set.periodSchemeId, id).toBe('tt124');
      expect(set.effectiveFrom, id).toBe('2022-02-10');
      expect(set.programId, id).toBe('safeSecurityOrder');
    }
    expect(setOf('tt124-commune').appliesTo.unitKinds).toEqual(['commune', 'ward', 'specialZone', 'township']);
    expect(setOf('tt23-commune').effectiveTo).toBe('2022-02-09');
  });
});

describe('TT124 commune (Art. 5)', () => {
  const set = setOf('tt124-commune');
  const commune = { kind: 'commune' } as const;

  it('fails with 16 of 25 residential areas recognised, and says 2 more are needed', () => {
    const result = evaluate(set, passingInputs(set), { unit: commune, children: childUnits('residentialArea', 25, 16) });
    expect(result.status).toBe('notMet');
    const share = result.criteria.find((criterion) => criterion.id === 'tt124-commune.children.recognised');
    expect(share?.status).toBe('notMet');
    expect(share?.detail).toMatchObject({ type: 'childShare', met: 16, total: 25, requiredMet: 18, missing: 2 });
    expect(result.whatWouldChange).toEqual([expect.objectContaining({ criterionId: 'tt124-commune.children.recognised', needed: 2 })]);
  });

  it('passes with 18 of 25, every other input true and the unread condition left blank', () => {
    const inputs = passingInputs(set);
    expect(Object.values(inputs).every((input) => input?.value === true)).toBe(true);
    const { ['tt124-commune.unread-condition']: _skipped, ...withoutUnread } = inputs;
    const result = evaluate(set, withoutUnread, { unit: commune, children: childUnits('residentialArea', 25, 18) });
    expect(result.status).toBe('met');
    expect(result.missingInputs).toEqual(['tt124-commune.unread-condition']);
  });

  it('counts agencies, enterprises and schools with the residential areas, unlike TT23', () => {
    const children = [...childUnits('residentialArea', 25, 16), ...childUnits('agency', 6, 6), ...childUnits('school', 4, 4)];
    const tt124 = evaluate(set, passingInputs(set), { unit: commune, children });
    expect(tt124.status).toBe('met');

    const tt23 = setOf('tt23-commune');
    const old = evaluate(tt23, passingInputs(tt23), { unit: commune, children });
    expect(old.status).toBe('notMet');
    expect(old.criteria.find((criterion) => criterion.id === 'tt23-commune.kdc-share')?.detail).toMatchObject({
      met: 16,
      total: 25,
      requiredMet: 18,
    });
  });

  it('fails when one lettered point of the residential-area criterion 3 is not met', () => {
    const kdc = setOf('tt124-residential-area');
    const ok = evaluate(kdc, passingInputs(kdc), { unit: { kind: 'residentialArea' } });
    expect(ok.status).toBe('met');
    const result = evaluate(kdc, passingInputs(kdc, { 'tt124-kdc.no-incidents.dd': { value: false } }), {
      unit: { kind: 'residentialArea' },
    });
    expect(result.status).toBe('notMet');
    expect(result.criteria.find((criterion) => criterion.id === 'tt124-kdc.no-incidents')?.status).toBe('notMet');
  });

  it('does not ask for a Party resolution from an agency without a Party organisation', () => {
    const agencySet = setOf('tt124-agency-enterprise');
    const { ['tt124-agency.quarter-1.party-resolution']: _skipped, ...inputs } = passingInputs(agencySet);
    const result = evaluate(agencySet, inputs, { unit: { kind: 'enterprise', attributes: { hasPartyOrganisation: false } } });
    expect(result.status).toBe('met');
    expect(result.criteria.find((criterion) => criterion.id === 'tt124-agency.quarter-1.party-resolution')?.status).toBe('notApplicable');
  });
});

describe('NTM indicator 19.2', () => {
  it('follows the TT124 commune result from 2021 (Công văn 3371)', () => {
    const set = setOf('ntm-19-2-2021');
    const inputs = passingInputs(set);
    const met = evaluate(set, inputs, { unit: { kind: 'commune' }, programOutcomes: { safeSecurityOrder: 'met' } });
    expect(met.status).toBe('met');
    const notMet = evaluate(set, inputs, { unit: { kind: 'commune' }, programOutcomes: { safeSecurityOrder: 'notMet' } });
    expect(notMet.status).toBe('notMet');
    expect(notMet.criteria.find((criterion) => criterion.code === 'TT124')?.status).toBe('notMet');
  });

  it('builds the advanced set on the basic 2021 set', () => {
    const advanced = setOf('ntm-19-2-advanced-2021');
    const basic = setOf('ntm-19-2-2021');
    expect(advanced.lineage).toEqual([advanced.ref, basic.ref]);
    expect(advanced.programId).toBe('newRural192Advanced');
    expect(advanced.unverified).toBe(true);
    expect(advanced.criteria.map((node) => node.id)).toEqual([
      ...basic.criteria.map((node) => node.id),
      'ntm-19-2-advanced-2021.stricter-bar',
    ]);
  });

  it('2016–2020: contents judged on counts and year-on-year change', () => {
    const set = setOf('ntm-19-2-2016');
    const falling = evaluate(
      set,
      passingInputs(set, { 'ntm-19-2-2016.crime-reduced.crime': { value: 8, previousValue: 10 } }),
      { unit: { kind: 'commune' } },
    );
    expect(falling.status).toBe('met');
    const seriousCrime = evaluate(set, passingInputs(set, { 'ntm-19-2-2016.no-serious-crime': { value: 1 } }), {
      unit: { kind: 'commune' },
    });
    expect(seriousCrime.status).toBe('notMet');
  });
});

describe('Hải Phòng model NTM commune 2020–2025', () => {
  it('resolves to the 2016 indicator 19.2 contents plus criterion 16, which it introduces', () => {
    const haiPhong = setOf('hai-phong-model-ntm-commune-2020');
    const base = setOf('ntm-19-2-2016');
    expect(haiPhong.owner).toEqual({ scope: 'province', provinceCode: '31' });
    expect(haiPhong.programId).toBe('newRuralModelSecurity');
    expect(haiPhong.lineage).toEqual([haiPhong.ref, base.ref]);
    expect(haiPhong.criteria.map((node) => node.id)).toEqual([
      ...base.criteria.map((node) => node.id),
      'hai-phong-model-ntm-2020.c16',
    ]);
    const criterion16 = nodeOf(haiPhong, 'hai-phong-model-ntm-2020.c16');
    expect(criterion16.code).toBe('16');
    expect(criterion16.origin).toEqual({ setId: 'hai-phong-model-ntm-commune-2020', version: 1 });
    expect(criterion16.unverified).toBe(true);
    for (const node of haiPhong.criteria.slice(0, -1)) expect(node.origin).toEqual(base.ref);
  });
});

describe('model ward police', () => {
  it('a ward at 20/20 (2024 set) is met', () => {
    const set = setOf('model-ward-police', 2);
    const result = evaluate(set, firstMet(set, 20), { unit: { kind: 'ward' } });
    expect(result.status).toBe('met');
    expect(result.detail).toMatchObject({ type: 'count', met: 20, requiredMet: 20 });
  });

  it('a ward at 18/22 (2023 pilot) is not met, 4 short', () => {
    const set = setOf('model-ward-police', 1);
    const result = evaluate(set, firstMet(set, 18), { unit: { kind: 'ward' } });
    expect(result.status).toBe('notMet');
    expect(result.detail).toMatchObject({ type: 'count', met: 18, applicable: 22, requiredMet: 22 });
    expect(result.whatWouldChange[0]?.needed).toBe(4);
  });

  it('does not apply to a commune', () => {
    const set = setOf('model-ward-police', 2);
    expect(evaluate(set, firstMet(set, 20), { unit: { kind: 'commune' } }).status).toBe('notApplicable');
  });
});

describe('typical commune (QĐ 9745)', () => {
  it('Sùng Phài at 28/34 is not met and needs 6 more', () => {
    const set = setOf('typical-commune-9745');
    const result = evaluate(set, firstMet(set, 28), { unit: { kind: 'commune' } });
    expect(result.status).toBe('notMet');
    expect(result.whatWouldChange).toHaveLength(1);
    expect(result.whatWouldChange[0]?.needed).toBe(6);
    expect(result.whatWouldChange[0]?.text).toContain('6');
    expect(evaluate(set, firstMet(set, 34), { unit: { kind: 'commune' } }).status).toBe('met');
  });
});

describe('Ngọc Đào typical commune 2021', () => {
  const set = setOf('cao-bang-ngoc-dao-typical-commune-2021');
  const organisations = [...childUnits('agency', 8, 8), ...childUnits('school', 3, 3)];

  it('needs all 13 hamlets for "more than 95%"', () => {
    const twelve = evaluate(set, passingInputs(set), {
      unit: { kind: 'commune' },
      children: [...childUnits('residentialArea', 13, 12), ...organisations],
    });
    expect(twelve.status).toBe('notMet');
    expect(twelve.summary).toContain('xóm');
    const thirteen = evaluate(set, passingInputs(set), {
      unit: { kind: 'commune' },
      children: [...childUnits('residentialArea', 13, 13), ...organisations],
    });
    expect(thirteen.status).toBe('met');
  });

  it('fails on one serious traffic accident', () => {
    const result = evaluate(set, passingInputs(set, { 'ngoc-dao-2021.no-serious-incidents.traffic': { value: 1 } }), {
      unit: { kind: 'commune' },
      children: [...childUnits('residentialArea', 13, 13), ...organisations],
    });
    expect(result.status).toBe('notMet');
  });
});

describe('urban criterion 4', () => {
  it('passes on content 1 while contents 2–6 wait to be confirmed', () => {
    const set = setOf('dtvm-4-2024');
    const result = evaluate(set, { 'dtvm-4-2024.no-anti-party': { value: true } }, { unit: { kind: 'ward' } });
    expect(result.status).toBe('met');
  });
});

describe('movement classification (QĐ 510), agencies', () => {
  const set = setOf('movement-classification-organisation');
  const scores = (remaining: number): CriterionInputs => ({
    'movement-classification-organisation.resolution-plan': { value: 3 },
    'movement-classification-organisation.propaganda': { value: 3 },
    'movement-classification-organisation.movement-day': { value: 5 },
    'movement-classification-organisation.coordination-regulation': { value: 1 },
    'movement-classification-organisation.remaining': { value: remaining },
  });
  const agency = { unit: { kind: 'agency' } } as const;

  it.each([
    { remaining: 88, score: 100, grade: 'excellent', status: 'met' },
    { remaining: 70, score: 82, grade: 'good', status: 'met' },
    { remaining: 40, score: 52, grade: 'average', status: 'met' },
    { remaining: 30, score: 42, grade: 'weak', status: 'notMet' },
  ])('$score points → $grade', ({ remaining, score, grade, status }) => {
    const result = evaluate(set, scores(remaining), agency);
    expect(result.detail).toMatchObject({ type: 'score', score, maxScore: 100 });
    expect(result.grade?.grade).toBe(grade);
    expect(result.status).toBe(status);
  });

  it('uses the placeholder bands, each marked unverified', () => {
    expect(set.rule.type === 'score' && set.rule.bands.map((band) => [band.grade, band.minScore, band.passing])).toEqual([
      ['excellent', 90, true],
      ['good', 70, true],
      ['average', 50, true],
      ['weak', 0, false],
    ]);
    expect(set.rule.type === 'score' && set.rule.bands[0]?.requires).toBe('allCritical');
  });
});
