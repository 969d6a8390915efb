import { describe, expect, it } from 'vitest';
import { foldDiacritics, formatNumberVi, formatPercentVi } from './text.ts';

describe('formatNumberVi', () => {
  it.each([
    [81.5126, '81,5'],
    [64, '64'],
    [1995, '1.995'],
    [-22.04, '-22'],
    [-0.01, '0'],
    [1234567.25, '1.234.567,3'],
  ])('%d → %s', (value, expected) => {
    expect(formatNumberVi(value)).toBe(expected);
  });

  it('formats percentages with a decimal comma', () => {
    expect(formatPercentVi((97 / 119) * 100)).toBe('81,5%');
  });
});

describe('foldDiacritics', () => {
  it('makes Vietnamese searchable without diacritics', () => {
    expect(foldDiacritics('Hải Phòng, Đặc khu Côn Đảo')).toBe('hai phong, dac khu con dao');
    expect(foldDiacritics('Thừa Thiên Huế')).toBe('thua thien hue');
  });

  it('folds precomposed and decomposed input alike', () => {
    expect(foldDiacritics('Ngọc Đào'.normalize('NFD'))).toBe(foldDiacritics('Ngọc Đào'.normalize('NFC')));
  });
});
