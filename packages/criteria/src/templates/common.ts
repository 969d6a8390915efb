import type { CriterionDefinition, Measure, Provenance } from '../definition.ts';

/*
 * Conventions shared by every template:
 * - A boolean measure is a checkbox whose title states the requirement ("Không để xảy ra …"), so
 *   `true` always means "the requirement holds". Counts of incidents use `number` with `= 0`.
 * - Content the domain reference marks [U] carries `unverified: true` and provenance confidence
 *   `unverified`, and its title says so; it stays visible so a province can confirm or replace it.
 */

export const BCA = 'Bộ Công an';
export const PRIME_MINISTER = 'Thủ tướng Chính phủ';

/** Xã, phường, đặc khu, and the township (thị trấn) that old records still use. */
export const communeLevelKinds = ['commune', 'ward', 'specialZone', 'township'] as const;

/** Where a document's criteria come from; `cite(detail)` adds the article, source and confidence. */
export function citing(document: string, issuer: string): (detail?: Omit<Provenance, 'issuer' | 'document'>) => Provenance {
  return (detail = {}) => ({ issuer, document, ...detail });
}

export interface PlaceholderOptions {
  /** The criterion ids are `${idPrefix}.c${number}`, zero-padded to two digits. */
  readonly idPrefix: string;
  readonly from: number;
  readonly to: number;
  readonly title: (n: number) => string;
  readonly provenance: Provenance;
  /** Whether the placeholder blocks an "all" rule until a province fills it in. */
  readonly required?: boolean;
  readonly note?: string;
  readonly measure?: Measure;
}

/** Numbered criteria whose content no public text gives: shipped visibly, marked unverified. */
export function placeholderCriteria(options: PlaceholderOptions): CriterionDefinition[] {
  const criteria: CriterionDefinition[] = [];
  for (let n = options.from; n <= options.to; n++) {
    criteria.push({
      id: `${options.idPrefix}.c${String(n).padStart(2, '0')}`,
      code: String(n),
      title: { vi: options.title(n) },
      provenance: { ...options.provenance, confidence: 'unverified' },
      unverified: true,
      ...(options.required !== undefined && { required: options.required }),
      ...(options.note !== undefined && { note: options.note }),
      measure: options.measure ?? { type: 'boolean' },
    });
  }
  return criteria;
}
