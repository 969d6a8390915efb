import { describe, expect, it } from 'vitest';
import { parseTarget, pickTarget, type StoredTarget } from './targets.ts';

const target = (overrides: Partial<StoredTarget> & { title: string }): StoredTarget => ({
  programId: 'newRural192',
  areaPath: '',
  unitKinds: ['commune'],
  fromYear: 2021,
  thresholdPercent: 80,
  ...overrides,
});

const question = { programId: 'newRural192', periodYear: 2026, unitKinds: ['commune'], areaPath: '31/10507' };

describe('pickTarget', () => {
  const nation = target({ title: 'quốc gia 80%' });
  const haiPhong = target({ title: 'Hải Phòng 90%', areaPath: '31', thresholdPercent: 90 });
  const haiPhongOld = target({ title: 'Hải Phòng 85% (2021–2025)', areaPath: '31', thresholdPercent: 85, toYear: 2025 });
  const haNoi = target({ title: 'Hà Nội 95%', areaPath: '01', thresholdPercent: 95 });

  it("takes the province's own before the nation's, and never another province's", () => {
    expect(pickTarget([nation, haiPhong, haNoi], question)?.title).toBe('Hải Phòng 90%');
    expect(pickTarget([nation, haNoi], question)?.title).toBe('quốc gia 80%');
    expect(pickTarget([nation, haiPhong], { ...question, areaPath: '' })?.title).toBe('quốc gia 80%');
  });

  it('keeps to its years, program, kinds and record', () => {
    expect(pickTarget([haiPhongOld], question)).toBeUndefined();
    expect(pickTarget([haiPhongOld], { ...question, periodYear: 2025 })?.title).toBe('Hải Phòng 85% (2021–2025)');
    expect(pickTarget([haiPhong], { ...question, periodYear: 2020 })).toBeUndefined();
    expect(pickTarget([haiPhong], { ...question, programId: 'safeSecurityOrder' })).toBeUndefined();
    expect(pickTarget([haiPhong], { ...question, unitKinds: ['residentialArea'] })).toBeUndefined();
    expect(pickTarget([{ ...haiPhong, retired: true }, nation], question)?.title).toBe('quốc gia 80%');
  });

  it('prefers, in one area, the target begun most recently', () => {
    const newer = target({ title: 'Hải Phòng 2026', areaPath: '31', fromYear: 2026 });
    expect(pickTarget([haiPhong, newer], question)?.title).toBe('Hải Phòng 2026');
  });

  it('does not mistake a code that starts like the area for it', () => {
    expect(pickTarget([target({ title: '3', areaPath: '3' })], question)).toBeUndefined();
  });
});

describe('parseTarget', () => {
  const valid = { programId: 'newRural192', areaPath: '31', unitKinds: ['commune', 'commune'], fromYear: 2026, thresholdPercent: 80, title: 'Ít nhất 80% xã đạt 19.2' };

  it('accepts a target, without repeated kinds', () => {
    expect(parseTarget(valid)).toEqual({ ok: true, value: { ...valid, unitKinds: ['commune'] } });
  });

  it.each([
    [{ thresholdPercent: 0 }, 'thresholdPercent'],
    [{ thresholdPercent: 120 }, 'thresholdPercent'],
    [{ thresholdPercent: '80%' }, 'thresholdPercent'],
    [{ fromYear: 1990 }, 'fromYear'],
    [{ fromYear: 2026.5 }, 'fromYear'],
    [{ toYear: 2025 }, 'toYear'],
    [{ unitKinds: [] }, 'unitKinds'],
    [{ title: '  ' }, 'title'],
    [{ colour: 'đỏ' }, ''],
  ])('refuses %j at "%s"', (change, path) => {
    const result = parseTarget({ ...valid, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((issue) => issue.path)).toContain(path);
  });
});
