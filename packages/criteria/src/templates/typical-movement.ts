import type { CriteriaSetDefinition } from '../definition.ts';
import { BCA, citing, communeLevelKinds, placeholderCriteria } from './common.ts';

const qd9745 = citing('Quyết định 9745/QĐ-BCA-V05', BCA);

const leadershipGroup = 'Group 1 of the provisional set: “Lãnh đạo của cấp ủy, chính quyền”.';

/**
 * Typical commune of the movement (QĐ 9745/QĐ-BCA-V05, 28 Dec 2022): 34 criteria, all must be met
 * (Sùng Phài had 28/34). The criteria are direct children of the set so that 34/34 counts criteria;
 * the grouping of the provisional set is only known for group 1 and is kept in notes.
 */
export const typicalCommune9745 = {
  schemaVersion: 1,
  id: 'typical-commune-9745',
  version: 1,
  programId: 'typicalMovementUnit',
  owner: { scope: 'national' },
  status: 'published',
  title: {
    vi: 'Xã, phường, thị trấn điển hình về phong trào Toàn dân bảo vệ an ninh Tổ quốc — Bộ tiêu chí tạm thời (Quyết định 9745/QĐ-BCA-V05, 34 tiêu chí)',
    en: 'Typical commune of the All People Protect National Security movement — provisional set (Decision 9745/QĐ-BCA-V05, 34 criteria)',
  },
  provenance: qd9745({ effectiveFrom: '2022-12-28', source: 'lawnet-9745', confidence: 'verified' }),
  effectiveFrom: '2022-12-28',
  appliesTo: { unitKinds: [...communeLevelKinds] },
  unverified: true,
  notes: [
    'The 34 criteria are grouped; group 1 is “Lãnh đạo của cấp ủy, chính quyền” and holds criteria 1 and 2. Criteria 3–34 were not retrieved.',
    'Kế hoạch 612/KH-BCA (10 Oct 2025) extends the scheme to special zones (đặc khu) after the 2025 reorganisation.',
  ],
  rule: { type: 'atLeast', count: 34 },
  criteria: [
    {
      id: 'typical-commune-9745.c01',
      code: '1',
      title: {
        vi: 'Triển khai thực hiện đầy đủ, hiệu quả phong trào toàn dân bảo vệ an ninh Tổ quốc ở tất cả các ban, ngành, đoàn thể và khu dân cư',
        en: 'The movement carried out fully and effectively in every department, mass organisation and residential area',
      },
      provenance: qd9745({ clause: 'Tiêu chí 1', source: 'lawnet-9745', confidence: 'partial' }),
      note: leadershipGroup,
      measure: { type: 'boolean' },
    },
    {
      id: 'typical-commune-9745.c02',
      code: '2',
      title: {
        vi: 'Quý I hằng năm, Đảng ủy có nghị quyết, Ủy ban nhân dân có chương trình, kế hoạch và Ban Chỉ đạo có chương trình công tác về bảo đảm an ninh, trật tự',
        en: 'Quarter 1: Party-committee resolution, People’s Committee programme or plan, and a steering-committee work programme',
      },
      provenance: qd9745({ clause: 'Tiêu chí 2', source: 'lawnet-9745', confidence: 'partial' }),
      note: leadershipGroup,
      measure: { type: 'boolean' },
    },
    ...placeholderCriteria({
      idPrefix: 'typical-commune-9745',
      from: 3,
      to: 34,
      title: (n) => `Tiêu chí ${n} (tỉnh đặt tên theo Bộ tiêu chí tạm thời ban hành kèm theo Quyết định 9745/QĐ-BCA-V05; nội dung chưa được xác minh)`,
      provenance: qd9745({ source: 'danviet' }),
    }),
  ],
} satisfies CriteriaSetDefinition;
