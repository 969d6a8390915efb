import { formatNumberVi, formatPercentVi, nationalUnitKinds } from '@antt/criteria';
import { t } from '../i18n/index.ts';

/** `2026-11-15` → `15/11/2026`, the way dates are written in Vietnamese documents. */
export function formatDateVi(date: string | null | undefined): string {
  if (!date) return t('common.dash');
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : date;
}

export function formatShare(percent: number | null | undefined): string {
  return percent === null || percent === undefined ? t('common.dash') : formatPercentVi(percent);
}

/** A signed count: `+3`, `-2`, `0`. */
export function formatSigned(value: number): string {
  return value > 0 ? `+${formatNumberVi(value, 2)}` : formatNumberVi(value, 2);
}

const kindTitles = new Map(nationalUnitKinds.map((kind) => [kind.id, kind.title.vi]));

/** The Vietnamese name of a unit kind, as the domain package names it. */
export function unitKindLabel(kind: string): string {
  return kindTitles.get(kind) ?? kind;
}
