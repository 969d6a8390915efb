/** Text shown to people: Vietnamese always, English when someone has written it. */
export interface LocalizedText {
  readonly vi: string;
  readonly en?: string;
}

/** ISO calendar date `YYYY-MM-DD`; kept as a string so no time zone ever shifts a deadline. */
export type IsoDate = string;

/**
 * Vietnamese number formatting (decimal comma, dot for thousands) without `Intl`, because reasons are
 * built for every criterion of every assessment and must stay cheap.
 */
export function formatNumberVi(value: number, maxFractionDigits = 1): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && value > -1000 && value < 1000) return String(value);
  const factor = 10 ** maxFractionDigits;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  const [whole = '0', fraction] = String(rounded).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const sign = value < 0 && rounded !== 0 ? '-' : '';
  return fraction ? `${sign}${grouped},${fraction}` : `${sign}${grouped}`;
}

export function formatPercentVi(percent: number): string {
  return `${formatNumberVi(percent, 1)}%`;
}

/**
 * Folds Vietnamese text to plain lower-case ASCII so that "hai phong" finds "Hải Phòng".
 * `đ` is not a combining mark, so NFD alone leaves it; it is mapped by hand.
 */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}
