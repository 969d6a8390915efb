import { describe, expect, it } from 'vitest';
import { createCatalog } from './catalog.ts';
import { previewImpact, type ImpactCase } from './impact.ts';
import { sampleInputs } from './sample-inputs.ts';
import { haiPhongModelNtmCommune2020, nationalPrograms, newRural192From2016 } from './templates/index.ts';

describe('previewImpact', () => {
  it('counts the communes that criterion 16 would flip', () => {
    const catalog = createCatalog({ programs: nationalPrograms, sets: [newRural192From2016, haiPhongModelNtmCommune2020] });
    if (!catalog.ok) throw new Error(JSON.stringify(catalog.errors));
    const national = catalog.value.get({ setId: newRural192From2016.id, version: newRural192From2016.version })!;
    const haiPhong = catalog.value.get({ setId: haiPhongModelNtmCommune2020.id, version: haiPhongModelNtmCommune2020.version })!;
    const criterion16 = haiPhong.criteria.find((c) => c.code === '16')!;
    const full = sampleInputs(haiPhong);
    const cases: ImpactCase[] = Array.from({ length: 30 }, (_, index) => ({
      unit: `commune-${index}`,
      // Communes 0–22 meet the national indicator but not criterion 16; the rest meet both.
      inputs: { ...full, [criterion16.id]: { value: index >= 23 } },
      context: { unit: { kind: 'commune' } },
    }));
    const impact = previewImpact(national, haiPhong, cases);
    expect(impact.evaluated).toBe(30);
    expect(impact.metToNotMet).toHaveLength(23);
    expect(impact.unchanged).toBe(7);
    expect(impact.notMetToMet).toEqual([]);
  });
});
