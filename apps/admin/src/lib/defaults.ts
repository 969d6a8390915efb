/** What reports open on when the address names nothing else. */
export const DEFAULT_PROGRAM_ID = 'safeSecurityOrder';
export const DEFAULT_DRILL_DOWN_OUTCOME = 'notMet';
export const PAGE_SIZE = 20;

export function currentYear(): number {
  return new Date().getFullYear();
}

/** Period years offered in pickers: next year back to six years ago. */
export function selectableYears(now = currentYear()): number[] {
  return Array.from({ length: 8 }, (_, index) => now + 1 - index);
}
