import type { CriteriaSetDefinition } from '../definition.ts';
import { BCA, citing, placeholderCriteria } from './common.ts';

const provisionalSet = citing(
  'Bộ tiêu chí tạm thời xây dựng Công an phường điển hình, kiểu mẫu về an ninh, trật tự và văn minh đô thị',
  BCA,
);

/*
 * The criteria are flat, direct children of the set, because the yardstick is "N/N tiêu chí": an
 * `atLeast` rule counts direct children, so grouping them under areas would count areas instead.
 * No public text gives the titles or how many criteria fall in each area; the areas are listed in
 * `notes` and each placeholder's `note` so that a province can name and place them.
 */
const areas2023 =
  'Areas (plo-2021): building the ward police force; security and order; urban civility. Name this criterion from the provisional set.';
const areas2024 =
  'Areas (congan.kontum): Party building and the ward political system; premises, facilities, equipment and vehicles; building the ward police force; state management of security and order, crime prevention, administrative reform; urban civility. Name this criterion from the provisional set.';

const placeholderTitle = (n: number) => `Tiêu chí ${n} (tỉnh đặt tên theo Bộ tiêu chí tạm thời; nội dung chưa được xác minh)`;

/** Version 1: the 2023 nationwide pilot, 22 criteria, all must be met (Nghi Hương had 18/22). */
export const modelWardPolice2023 = {
  schemaVersion: 1,
  id: 'model-ward-police',
  version: 1,
  programId: 'modelWardPolice',
  owner: { scope: 'national' },
  status: 'published',
  title: {
    vi: 'Công an phường điển hình, kiểu mẫu về an ninh, trật tự và văn minh đô thị — Bộ tiêu chí tạm thời năm 2023 (22 tiêu chí)',
    en: 'Model ward police for security, order and urban civility — 2023 provisional set (22 criteria)',
  },
  provenance: provisionalSet({ source: 'cualo', confidence: 'verified' }),
  effectiveFrom: '2023-01-01',
  effectiveTo: '2023-12-31',
  appliesTo: { unitKinds: ['ward'] },
  unverified: true,
  notes: [
    'The 2023 pilot counted 22 criteria (cualo: Nghi Hương ward met 18/22); their titles are not in public text.',
    'A ward police unit must meet all 22; the Minister of Public Security recognises it on the provincial police’s proposal.',
    'The dates mark the assessment year the version was used for, not a document’s entry into force.',
  ],
  rule: { type: 'atLeast', count: 22 },
  criteria: placeholderCriteria({
    idPrefix: 'model-ward-police-2023',
    from: 1,
    to: 22,
    title: placeholderTitle,
    provenance: provisionalSet({ source: 'plo-2021' }),
    note: areas2023,
  }),
} satisfies CriteriaSetDefinition;

/** Version 2: from 2024, 20 criteria, all must be met. */
export const modelWardPolice2024 = {
  schemaVersion: 1,
  id: 'model-ward-police',
  version: 2,
  programId: 'modelWardPolice',
  owner: { scope: 'national' },
  status: 'published',
  title: {
    vi: 'Công an phường điển hình, kiểu mẫu về an ninh, trật tự và văn minh đô thị — Bộ tiêu chí tạm thời từ năm 2024 (20 tiêu chí)',
    en: 'Model ward police for security, order and urban civility — provisional set from 2024 (20 criteria)',
  },
  provenance: provisionalSet({ source: 'congan.kontum', confidence: 'partial' }),
  effectiveFrom: '2024-01-01',
  appliesTo: { unitKinds: ['ward'] },
  unverified: true,
  notes: [
    'From 2024 the set has 20 criteria (congan.kontum; Nghệ An 2024: “đạt 20/20 tiêu chí”); their titles are not in public text.',
    'Criterion ids are new in this version: which 2023 criterion became which 2024 one is not known.',
  ],
  rule: { type: 'atLeast', count: 20 },
  criteria: placeholderCriteria({
    idPrefix: 'model-ward-police-2024',
    from: 1,
    to: 20,
    title: placeholderTitle,
    provenance: provisionalSet({ source: 'congan.kontum' }),
    note: areas2024,
  }),
} satisfies CriteriaSetDefinition;
