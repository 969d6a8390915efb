import { describe, expect, it } from 'vitest';
import { formatDateVi, formatShare, formatSigned, unitKindLabel } from './format.ts';

describe('format', () => {
  it('writes dates day first', () => {
    expect(formatDateVi('2026-11-15')).toBe('15/11/2026');
    expect(formatDateVi(null)).toBe('—');
  });

  it('writes shares and changes the Vietnamese way', () => {
    expect(formatShare(84.2105)).toBe('84,2%');
    expect(formatShare(null)).toBe('—');
    expect(formatSigned(5)).toBe('+5');
    expect(formatSigned(-7)).toBe('-7');
  });

  it('names unit kinds as the domain does', () => {
    expect(unitKindLabel('ward')).toBe('Phường');
    expect(unitKindLabel('residentialArea')).toBe('Khu dân cư');
    expect(unitKindLabel('somethingNew')).toBe('somethingNew');
  });
});
