import type { CriteriaSetDefinition } from '../definition.ts';
import { BCA, citing, placeholderCriteria } from './common.ts';

const hd12 = citing('Hướng dẫn 12/HD-BCA-V05', BCA);

/**
 * Tiêu chí 4 "An ninh, trật tự đô thị" of QĐ 04/2022/QĐ-TTg, assessed under Hướng dẫn 12/HD-BCA-V05
 * (21 May 2024): a ward passes only if it meets all six contents. Content 1 is known.
 */
export const urbanCivilisedCriterion4 = {
  schemaVersion: 1,
  id: 'dtvm-4-2024',
  version: 1,
  programId: 'urbanCivilisedSecurity',
  owner: { scope: 'national' },
  status: 'published',
  title: {
    vi: 'Tiêu chí 4 “An ninh, trật tự đô thị” — phường, thị trấn đạt chuẩn đô thị văn minh (Quyết định 04/2022/QĐ-TTg, Hướng dẫn 12/HD-BCA-V05)',
    en: 'Civilised urban criterion 4, urban security and order (Decision 04/2022/QĐ-TTg, Guidance 12/HD-BCA-V05)',
  },
  provenance: hd12({ article: 'Tiêu chí 4', effectiveFrom: '2024-05-21', source: 'htpl-12', confidence: 'verified' }),
  effectiveFrom: '2024-05-21',
  appliesTo: { unitKinds: ['ward', 'township'] },
  unverified: true,
  notes: [
    'A ward or township passes criterion 4 only when it meets all 6 contents (Hướng dẫn 12/HD-BCA-V05). Contents 2–6 were not retrieved; they ship optional and unverified until a province confirms them, then become required.',
    'Townships (thị trấn) exist only in records before 1 Jul 2025.',
  ],
  rule: { type: 'all' },
  criteria: [
    {
      id: 'dtvm-4-2024.no-anti-party',
      code: '1',
      title: {
        vi: 'Không để xảy ra hoạt động chống Đảng, chống chính quyền, phá hoại khối đại đoàn kết',
        en: 'No anti-Party or anti-government activity, or undermining of national unity',
      },
      provenance: hd12({ article: 'Tiêu chí 4', clause: 'Nội dung 1', source: 'htpl-12', confidence: 'verified' }),
      measure: { type: 'boolean' },
    },
    ...placeholderCriteria({
      idPrefix: 'dtvm-4-2024.content',
      from: 2,
      to: 6,
      title: (n) => `Nội dung ${n} (chưa được xác minh; theo Hướng dẫn 12/HD-BCA-V05)`,
      provenance: hd12({ article: 'Tiêu chí 4', source: 'htpl-12' }),
      required: false,
    }),
  ],
} satisfies CriteriaSetDefinition;
