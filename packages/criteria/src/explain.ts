import type { Comparator, Measure } from './definition.ts';
import { formatNumberVi, formatPercentVi } from './text.ts';

/** The four outcomes of a criterion, a group or a whole set. */
export type Status = 'met' | 'notMet' | 'notAssessed' | 'notApplicable';

export const STATUS_VI: Readonly<Record<Status, string>> = {
  met: 'Đạt',
  notMet: 'Chưa đạt',
  notAssessed: 'Chưa đánh giá',
  notApplicable: 'Không áp dụng',
};

const COMPARATOR_SYMBOL: Readonly<Record<Comparator, string>> = {
  '=': '=',
  '<': '<',
  '<=': '≤',
  '>': '>',
  '>=': '≥',
};

export function comparatorSymbol(comparator: Comparator): string {
  return COMPARATOR_SYMBOL[comparator];
}

function withUnit(value: string, unit: string | undefined): string {
  return unit ? `${value} ${unit}` : value;
}

/** How a change in percent reads: −5 → "giảm 5%", 3 → "tăng 3%". */
export function describeChangeVi(percent: number): string {
  if (percent === 0) return 'không đổi';
  if (!Number.isFinite(percent)) return 'tăng (kỳ trước bằng 0)';
  return percent < 0 ? `giảm ${formatPercentVi(-percent)}` : `tăng ${formatPercentVi(percent)}`;
}

/** The bar a measure sets, in Vietnamese: "≤ 0 vụ", "≥ 70%", "giảm ≥ 5%", "có". */
export function expectedTextVi(measure: Measure): string {
  switch (measure.type) {
    case 'boolean':
      return measure.expected === false ? 'không' : 'có';
    case 'number':
      return `${comparatorSymbol(measure.comparator)} ${withUnit(formatNumberVi(measure.threshold, 2), measure.unit)}`;
    case 'change': {
      const t = measure.thresholdPercent;
      // "down by at least 5%" is written `<= -5`; say it the way a report would.
      if (t < 0 && (measure.comparator === '<=' || measure.comparator === '<')) {
        return `giảm ${measure.comparator === '<=' ? '≥' : '>'} ${formatPercentVi(-t)}`;
      }
      if (t === 0 && measure.comparator === '<') return 'giảm so với kỳ trước';
      if (t === 0 && measure.comparator === '<=') return 'không tăng so với kỳ trước';
      return `mức thay đổi ${comparatorSymbol(measure.comparator)} ${formatPercentVi(t)}`;
    }
    case 'childShare':
      return `${comparatorSymbol(measure.comparator)} ${formatPercentVi(measure.thresholdPercent)}`;
    case 'score':
      return measure.minPoints === undefined
        ? `tối đa ${formatNumberVi(measure.maxPoints, 2)} điểm`
        : `≥ ${formatNumberVi(measure.minPoints, 2)}/${formatNumberVi(measure.maxPoints, 2)} điểm`;
    case 'programOutcome':
      return 'đạt';
    case 'evidence':
      return measure.documentKind ? `có ${measure.documentKind}` : 'có tài liệu kèm theo';
  }
}
