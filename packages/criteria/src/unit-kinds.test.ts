import { describe, expect, it } from 'vitest';
import type { UnitKind, UnitKindRegistry } from './unit-kinds.ts';
import { createUnitKindRegistry, nationalUnitKinds, residentialAreaLocalTypes } from './unit-kinds.ts';

function nationalRegistry(additions: readonly UnitKind[] = []): UnitKindRegistry {
  const result = createUnitKindRegistry(nationalUnitKinds, additions);
  if (!result.ok) throw new Error(`unexpected issues: ${JSON.stringify(result.errors)}`);
  return result.value;
}

function kind(id: string, parentKinds: readonly string[], level: UnitKind['level'] = 'organisation'): UnitKind {
  return { id, level, title: { vi: id }, parentKinds };
}

const religiousEstablishment: UnitKind = {
  id: 'religiousEstablishment',
  level: 'organisation',
  title: { vi: 'Cơ sở tôn giáo', en: 'Religious establishment' },
  parentKinds: ['commune', 'ward', 'specialZone'],
};

const ids = (kinds: readonly UnitKind[]) => kinds.map((k) => k.id);

describe('nationalUnitKinds', () => {
  it('lists the national kinds once each, in a stable order', () => {
    expect(ids(nationalUnitKinds)).toEqual([
      'province',
      'district',
      'commune',
      'ward',
      'specialZone',
      'township',
      'residentialArea',
      'agency',
      'enterprise',
      'school',
    ]);
  });

  it('has Vietnamese titles with diacritics', () => {
    const titles = Object.fromEntries(nationalUnitKinds.map((k) => [k.id, k.title.vi]));
    expect(titles).toMatchObject({
      commune: 'Xã',
      ward: 'Phường',
      specialZone: 'Đặc khu',
      township: 'Thị trấn',
      residentialArea: 'Khu dân cư',
      agency: 'Cơ quan',
      enterprise: 'Doanh nghiệp',
      school: 'Cơ sở giáo dục',
    });
    expect(titles.province).toContain('Tỉnh');
    for (const k of nationalUnitKinds) expect(k.title.vi.normalize('NFC')).toBe(k.title.vi);
  });

  it('marks only district and township as historical', () => {
    expect(ids(nationalUnitKinds.filter((k) => k.historical))).toEqual(['district', 'township']);
  });

  it('treats a city as a province attribute, not a kind', () => {
    expect(nationalUnitKinds.some((k) => /city/i.test(k.id))).toBe(false);
  });

  it('gives residential areas their local types', () => {
    const residentialArea = nationalUnitKinds.find((k) => k.id === 'residentialArea');
    expect(residentialArea?.localTypes).toEqual(residentialAreaLocalTypes);
    expect(residentialAreaLocalTypes).toEqual(
      expect.arrayContaining(['thon', 'lang', 'ban', 'ap', 'buon', 'phum', 'soc', 'khom', 'to_dan_pho', 'khu_pho', 'xom']),
    );
    expect(residentialAreaLocalTypes).toHaveLength(11);
  });

  it('notes the TT124 exclusions for agencies, enterprises and schools', () => {
    const notes = Object.fromEntries(nationalUnitKinds.map((k) => [k.id, k.excludedWhen]));
    expect(notes.agency).toMatch(/armed-forces/i);
    expect(notes.enterprise).toMatch(/small and micro/i);
    expect(notes.school).toMatch(/primary/i);
    expect(notes.commune).toBeUndefined();
  });

  it('forms a valid registry on its own', () => {
    expect(createUnitKindRegistry(nationalUnitKinds).ok).toBe(true);
  });
});

describe('createUnitKindRegistry: the national tree', () => {
  const registry = nationalRegistry();

  it('gets and has by id', () => {
    expect(registry.get('ward')?.title.vi).toBe('Phường');
    expect(registry.has('school')).toBe(true);
    expect(registry.has('religiousEstablishment')).toBe(false);
    expect(registry.get('nope')).toBeUndefined();
    expect(ids(registry.all())).toEqual(ids(nationalUnitKinds));
  });

  it.each([
    ['district', 'province'],
    ['commune', 'province'],
    ['ward', 'province'],
    ['specialZone', 'province'],
    ['commune', 'district'],
    ['ward', 'district'],
    ['specialZone', 'district'],
    ['township', 'district'],
    ['residentialArea', 'commune'],
    ['residentialArea', 'ward'],
    ['residentialArea', 'specialZone'],
    ['residentialArea', 'township'],
    ['agency', 'commune'],
    ['agency', 'province'],
    ['enterprise', 'ward'],
    ['enterprise', 'district'],
    ['school', 'township'],
    ['school', 'province'],
  ])('allows a %s under a %s', (child, parent) => {
    expect(registry.canBeChildOf(child, parent)).toBe(true);
  });

  it.each([
    ['province', 'district'],
    ['township', 'province'],
    ['residentialArea', 'province'],
    ['residentialArea', 'district'],
    ['commune', 'commune'],
    ['commune', 'ward'],
    ['school', 'residentialArea'],
    ['agency', 'enterprise'],
    ['commune', 'nope'],
    ['nope', 'province'],
  ])('refuses a %s under a %s', (child, parent) => {
    expect(registry.canBeChildOf(child, parent)).toBe(false);
  });

  it('groups kinds by level', () => {
    expect(ids(registry.kindsAtLevel('commune'))).toEqual(['commune', 'ward', 'specialZone', 'township']);
    expect(ids(registry.kindsAtLevel('organisation'))).toEqual(['agency', 'enterprise', 'school']);
    expect(ids(registry.kindsAtLevel('province'))).toEqual(['province']);
    expect(ids(registry.kindsAtLevel('district'))).toEqual(['district']);
    expect(ids(registry.kindsAtLevel('residentialArea'))).toEqual(['residentialArea']);
  });

  it('knows the commune-level kinds', () => {
    for (const id of ['commune', 'ward', 'specialZone', 'township']) expect(registry.isCommuneLevel(id)).toBe(true);
    for (const id of ['province', 'district', 'residentialArea', 'agency', 'school', 'nope']) {
      expect(registry.isCommuneLevel(id)).toBe(false);
    }
  });

  it('lists direct children', () => {
    expect(ids(registry.childKinds('township'))).toEqual(['residentialArea', 'agency', 'enterprise', 'school']);
    expect(ids(registry.childKinds('residentialArea'))).toEqual([]);
    expect(ids(registry.childKinds('nope'))).toEqual([]);
  });

  it('lists descendants transitively, nearest first, without repeats', () => {
    expect(ids(registry.descendantKinds('province'))).toEqual([
      'district',
      'commune',
      'ward',
      'specialZone',
      'agency',
      'enterprise',
      'school',
      'township',
      'residentialArea',
    ]);
    expect(new Set(ids(registry.descendantKinds('district')))).toEqual(
      new Set(['commune', 'ward', 'specialZone', 'township', 'residentialArea', 'agency', 'enterprise', 'school']),
    );
    expect(ids(registry.descendantKinds('ward'))).toEqual(['residentialArea', 'agency', 'enterprise', 'school']);
    expect(registry.descendantKinds('school')).toEqual([]);
    expect(registry.descendantKinds('nope')).toEqual([]);
  });
});

describe('createUnitKindRegistry: provincial additions', () => {
  it('adds a religious establishment under the commune-level kinds', () => {
    const registry = nationalRegistry([religiousEstablishment]);
    expect(registry.get('religiousEstablishment')?.title.vi).toBe('Cơ sở tôn giáo');
    expect(registry.canBeChildOf('religiousEstablishment', 'ward')).toBe(true);
    expect(registry.canBeChildOf('religiousEstablishment', 'province')).toBe(false);
    expect(ids(registry.kindsAtLevel('organisation'))).toContain('religiousEstablishment');
    expect(ids(registry.descendantKinds('commune'))).toContain('religiousEstablishment');
    expect(ids(registry.all()).at(-1)).toBe('religiousEstablishment');
  });

  it('counts an added commune-level kind as commune level', () => {
    const registry = nationalRegistry([kind('islandCommune', ['province'], 'commune')]);
    expect(registry.isCommuneLevel('islandCommune')).toBe(true);
  });

  it('lets an addition hang below another addition', () => {
    const registry = nationalRegistry([religiousEstablishment, kind('pagodaGroup', ['religiousEstablishment'])]);
    expect(registry.canBeChildOf('pagodaGroup', 'religiousEstablishment')).toBe(true);
    expect(ids(registry.descendantKinds('ward'))).toContain('pagodaGroup');
  });

  it('does not change the national list it was given', () => {
    nationalRegistry([religiousEstablishment]);
    expect(nationalUnitKinds.some((k) => k.id === 'religiousEstablishment')).toBe(false);
  });
});

describe('createUnitKindRegistry: issues', () => {
  it('reports a duplicate id, including one that clashes with a national kind', () => {
    const result = createUnitKindRegistry(nationalUnitKinds, [kind('school', ['province']), kind('school', [])]);
    expect(result).toEqual({ ok: false, errors: [{ code: 'duplicateId', kindId: 'school' }] });
  });

  it('reports a parent kind that does not exist', () => {
    const result = createUnitKindRegistry(nationalUnitKinds, [kind('temple', ['hamlet', 'ward', 'pagoda'])]);
    expect(result).toEqual({
      ok: false,
      errors: [
        { code: 'unknownParent', kindId: 'temple', parentKindId: 'hamlet' },
        { code: 'unknownParent', kindId: 'temple', parentKindId: 'pagoda' },
      ],
    });
  });

  it('reports a kind that is its own parent', () => {
    const result = createUnitKindRegistry([kind('a', ['a'])]);
    expect(result).toEqual({ ok: false, errors: [{ code: 'parentCycle', kindIds: ['a'] }] });
  });

  it('reports a longer cycle once, starting from its smallest id', () => {
    const result = createUnitKindRegistry([kind('root', []), kind('c', ['b']), kind('b', ['a', 'root']), kind('a', ['c'])]);
    expect(result).toEqual({ ok: false, errors: [{ code: 'parentCycle', kindIds: ['a', 'c', 'b'] }] });
  });

  it('reports a cycle that an addition closes through a national kind', () => {
    const national: UnitKind[] = [kind('top', []), kind('middle', ['top', 'extra'])];
    const result = createUnitKindRegistry(national, [kind('extra', ['middle'])]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([{ code: 'parentCycle', kindIds: ['extra', 'middle'] }]);
  });

  it('reports separate cycles separately', () => {
    const result = createUnitKindRegistry([kind('a', ['b']), kind('b', ['a']), kind('x', ['y']), kind('y', ['x'])]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual([
        { code: 'parentCycle', kindIds: ['a', 'b'] },
        { code: 'parentCycle', kindIds: ['x', 'y'] },
      ]);
    }
  });

  it('collects every kind of issue at once instead of stopping at the first', () => {
    const result = createUnitKindRegistry(nationalUnitKinds, [
      kind('agency', []),
      kind('orphan', ['missing']),
      kind('loop', ['loop']),
    ]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((issue) => issue.code)).toEqual(['duplicateId', 'unknownParent', 'parentCycle']);
  });

  it('accepts a diamond (two paths to the same ancestor) as no cycle', () => {
    const result = createUnitKindRegistry([kind('top', []), kind('left', ['top']), kind('right', ['top']), kind('bottom', ['left', 'right'])]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(ids(result.value.descendantKinds('top'))).toEqual(['left', 'right', 'bottom']);
  });

  it('handles an empty list', () => {
    const result = createUnitKindRegistry([]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.all()).toEqual([]);
  });
});
