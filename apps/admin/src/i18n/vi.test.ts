import { describe, expect, it } from 'vitest';
import { t } from './index.ts';
import { vi } from './vi.ts';

describe('Vietnamese dictionary', () => {
  it('has a non-empty text for every key', () => {
    for (const [key, text] of Object.entries(vi)) expect(text.trim(), key).not.toBe('');
  });

  it('uses only well-formed {name} placeholders', () => {
    for (const [key, text] of Object.entries(vi)) {
      const braces = text.replace(/\{\w+\}/g, '');
      expect(braces, key).not.toMatch(/[{}]/);
    }
  });

  it('writes visible text in Vietnamese, not the English of the keys', () => {
    // A text equal to the last part of its key is an untranslated leftover.
    for (const [key, text] of Object.entries(vi)) expect(text.toLowerCase(), key).not.toBe(key.split('.').pop()!.toLowerCase());
  });
});

describe('t', () => {
  it('fills placeholders', () => {
    expect(t('report.heading', { program: 'An toàn về an ninh, trật tự', area: 'Thành phố Hải Phòng', year: '2026' })).toBe(
      'An toàn về an ninh, trật tự — Thành phố Hải Phòng, năm 2026',
    );
  });

  it('writes numbers the Vietnamese way', () => {
    expect(t('report.metOfUnitsValue', { met: 1063, units: 1216 })).toBe('1.063/1.216');
    expect(t('report.changePoints', { points: -6.14 })).toBe('-6,14 điểm phần trăm');
  });

  it('leaves a placeholder without a value visible', () => {
    expect(t('report.failureCount')).toBe('{count} đơn vị');
  });
});
