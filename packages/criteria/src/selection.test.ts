import { describe, expect, it } from 'vitest';
import { createCatalog } from './catalog.ts';
import type { CriteriaSetDefinition } from './definition.ts';
import { selectCriteriaSet } from './selection.ts';

function set(id: string, version: number, overrides: Partial<CriteriaSetDefinition> = {}): CriteriaSetDefinition {
  return {
    schemaVersion: 1,
    id,
    version,
    programId: 'safeSecurityOrder',
    owner: { scope: 'national' },
    status: 'published',
    title: { vi: id },
    appliesTo: { unitKinds: ['commune', 'ward'] },
    rule: { type: 'all' },
    criteria: [{ id: `${id}.1`, code: '1', title: { vi: 'Tiêu chí 1' }, measure: { type: 'boolean' } }],
    ...overrides,
  };
}

const catalog = createCatalog({
  programs: [{ id: 'safeSecurityOrder', title: { vi: 'An toàn về ANTT' } }],
  sets: [
    set('tt23-commune', 1, { effectiveTo: '2022-02-09', status: 'retired' }),
    set('tt124-commune', 1, { effectiveFrom: '2022-02-10' }),
    set('tt124-commune', 2, { effectiveFrom: '2022-02-10', status: 'draft' }),
    set('hai-phong-commune', 1, { effectiveFrom: '2022-02-10', owner: { scope: 'province', provinceCode: '31' }, appliesTo: { unitKinds: ['commune'] } }),
  ],
});
if (!catalog.ok) throw new Error(JSON.stringify(catalog.errors));
const sets = [...catalog.value.sets.values()];

describe('selectCriteriaSet', () => {
  it.each([
    ['a 2020 commune falls under TT23 (retired since)', { onDate: '2020-11-15', provinceCode: '01' }, 'commune', 'tt23-commune@1'],
    ['a 2024 commune elsewhere uses the national TT124 set, never the draft', { onDate: '2024-11-15', provinceCode: '01' }, 'commune', 'tt124-commune@1'],
    ['a Hải Phòng commune uses its province set', { onDate: '2024-11-15', provinceCode: '31' }, 'commune', 'hai-phong-commune@1'],
    ['a Hải Phòng ward is not covered by the commune-only province set', { onDate: '2024-11-15', provinceCode: '31' }, 'ward', 'tt124-commune@1'],
    ['a village has no set in this program', { onDate: '2024-11-15', provinceCode: '31' }, 'residentialArea', undefined],
  ])('%s', (_name, query, kind, expected) => {
    const chosen = selectCriteriaSet(sets, { programId: 'safeSecurityOrder', unit: { kind }, ...query });
    expect(chosen && `${chosen.ref.setId}@${chosen.ref.version}`).toBe(expected);
  });
});
