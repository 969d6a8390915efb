import type { CriteriaSetDefinition } from '../definition.ts';
import { BCA, citing, placeholderCriteria, PRIME_MINISTER } from './common.ts';

// New Rural Development (nông thôn mới) is for rural communes (xã); wards and townships are outside it.
const ntmUnitKinds = ['commune'];

const qd1980 = citing('Quyết định 1980/QĐ-TTg', PRIME_MINISTER);
const indicator2016 = (confidence: 'verified' | 'partial' | 'unverified') =>
  qd1980({ article: 'Tiêu chí 19', clause: 'Chỉ tiêu 19.2', source: 'vietnam.vn-en', confidence });

/** Chỉ tiêu 19.2 for 2016–2020 (QĐ 1980/QĐ-TTg): three contents, all must hold. */
export const newRural192From2016 = {
  schemaVersion: 1,
  id: 'ntm-19-2-2016',
  version: 1,
  programId: 'newRural192',
  owner: { scope: 'national' },
  status: 'published',
  title: {
    vi: 'Chỉ tiêu 19.2 “Xã đạt chuẩn an toàn về an ninh, trật tự xã hội và đảm bảo bình yên” (Quyết định 1980/QĐ-TTg, giai đoạn 2016–2020)',
    en: 'NTM indicator 19.2, commune safe in security and social order (Decision 1980/QĐ-TTg, 2016–2020)',
  },
  provenance: qd1980({ article: 'Tiêu chí 19', clause: 'Chỉ tiêu 19.2', effectiveFrom: '2016-10-17', source: 'tvpl-69', confidence: 'verified' }),
  effectiveFrom: '2016-10-17',
  effectiveTo: '2022-03-07',
  appliesTo: { unitKinds: ntmUnitKinds },
  notes: [
    'The three contents come from a secondary summary (vietnam.vn-en); the exact wording of QĐ 1980 was not retrieved.',
    'Used until the 2021–2025 criteria of QĐ 318/QĐ-TTg (8 Mar 2022); the result is judged at recognition time.',
    'Provinces could tailor the indicator for mountainous, coastal, island or peri-urban communes (QĐ 69/QĐ-BNN-VPĐP): extend this set rather than copy it.',
  ],
  rule: { type: 'all' },
  criteria: [
    {
      id: 'ntm-19-2-2016.no-prolonged-complaints',
      code: '1',
      title: { vi: 'Không có khiếu kiện đông người kéo dài', en: 'No prolonged mass complaints' },
      provenance: indicator2016('partial'),
      measure: { type: 'number', comparator: '=', threshold: 0, unit: 'vụ' },
    },
    {
      id: 'ntm-19-2-2016.no-serious-crime',
      code: '2',
      title: { vi: 'Không để xảy ra trọng án', en: 'No serious crime' },
      provenance: indicator2016('partial'),
      measure: { type: 'number', comparator: '=', threshold: 0, unit: 'vụ' },
    },
    {
      id: 'ntm-19-2-2016.crime-reduced',
      code: '3',
      title: {
        vi: 'Tội phạm và tệ nạn xã hội được kiềm chế, giảm so với các năm trước',
        en: 'Crime and social evils contained and falling against earlier years',
      },
      provenance: indicator2016('partial'),
      note: 'Read as "fewer cases than the previous year" (< 0%); a province that reads "kiềm chế" as "not more" can override the comparator to <=.',
      criteria: [
        {
          id: 'ntm-19-2-2016.crime-reduced.crime',
          code: '3.1',
          title: { vi: 'Số vụ phạm tội giảm so với năm trước', en: 'Fewer criminal cases than the previous year' },
          provenance: indicator2016('partial'),
          measure: { type: 'change', comparator: '<', thresholdPercent: 0, unit: 'vụ', whenBothZero: 'met' },
        },
        {
          id: 'ntm-19-2-2016.crime-reduced.social-evils',
          code: '3.2',
          title: { vi: 'Số vụ tệ nạn xã hội giảm so với năm trước', en: 'Fewer social-evil cases than the previous year' },
          provenance: indicator2016('partial'),
          measure: { type: 'change', comparator: '<', thresholdPercent: 0, unit: 'vụ', whenBothZero: 'met' },
        },
      ],
    },
  ],
} satisfies CriteriaSetDefinition;

const hd04 = citing('Hướng dẫn 04/HD-BCA-V05', BCA);
const content2021 = (confidence: 'verified' | 'partial' | 'unverified') =>
  hd04({ article: 'Chỉ tiêu 19.2', source: 'lawnet-04', confidence });

/**
 * Chỉ tiêu 19.2 for 2021–2025 (QĐ 318/QĐ-TTg, assessed under Hướng dẫn 04/HD-BCA-V05): eight contents,
 * of which 1–3 are known; plus the TT124 commune result that Công văn 3371/BCA-V05 made the meaning
 * of "xã không phức tạp về an ninh, trật tự".
 */
export const newRural192From2021 = {
  schemaVersion: 1,
  id: 'ntm-19-2-2021',
  version: 1,
  programId: 'newRural192',
  owner: { scope: 'national' },
  status: 'published',
  title: {
    vi: 'Chỉ tiêu 19.2 về an ninh, trật tự — xã nông thôn mới (Quyết định 318/QĐ-TTg, Hướng dẫn 04/HD-BCA-V05, giai đoạn 2021–2025)',
    en: 'NTM indicator 19.2, security and order (Decision 318/QĐ-TTg, Guidance 04/HD-BCA-V05, 2021–2025)',
  },
  provenance: hd04({ article: 'Chỉ tiêu 19.2', source: 'media.anhp.vn-d59473', confidence: 'partial' }),
  effectiveFrom: '2022-03-08',
  appliesTo: { unitKinds: ntmUnitKinds },
  unverified: true,
  notes: [
    'Hướng dẫn 04/HD-BCA-V05 (18 Mar 2024): a commune meets 19.2 when it meets all 8 contents at the time it is proposed for recognition. Contents 4–8 were not retrieved; they ship optional and unverified until a province confirms them.',
    'Criterion TT124 follows the same commune’s result in “An toàn về an ninh, trật tự” (Công văn 3371/BCA-V05, 26 Sep 2022); it may turn out to be one of contents 4–8.',
    'The period is 2021–2025; no end date is set because the successor criteria were not known.',
  ],
  rule: { type: 'all' },
  criteria: [
    {
      id: 'ntm-19-2-2021.resolution-plan',
      code: '1',
      title: {
        vi: 'Hằng năm, Đảng ủy xã có nghị quyết, Ủy ban nhân dân xã có kế hoạch về công tác bảo đảm an ninh, trật tự; lãnh đạo, chỉ đạo hiệu quả phong trào toàn dân bảo vệ an ninh Tổ quốc',
        en: 'Yearly Party-committee resolution and People’s Committee plan on security and order; the movement effectively directed',
      },
      provenance: content2021('partial'),
      measure: { type: 'boolean' },
    },
    {
      id: 'ntm-19-2-2021.no-tt124-activities',
      code: '2',
      title: {
        vi: 'Không để xảy ra các hoạt động quy định tại các điểm a đến e khoản 3 Điều 4 Thông tư 124/2021/TT-BCA (chống Đảng, chống chính quyền; phá hoại; tôn giáo trái pháp luật; lợi dụng tín ngưỡng, tôn giáo, dân tộc; ly khai, tự trị)',
        en: 'None of the activities of Circular 124 Art. 4 cl. 3 points a–e (anti-Party, sabotage, illegal religion, exploitation, separatism)',
      },
      provenance: content2021('partial'),
      measure: { type: 'boolean' },
    },
    {
      id: 'ntm-19-2-2021.no-prolonged-complaints',
      code: '3',
      title: {
        vi: 'Không có khiếu kiện đông người kéo dài trái pháp luật',
        en: 'No prolonged mass complaints contrary to law',
      },
      provenance: content2021('partial'),
      note: 'For example crowds re-complaining about cases already resolved lawfully.',
      measure: { type: 'number', comparator: '=', threshold: 0, unit: 'vụ' },
    },
    {
      id: 'ntm-19-2-2021.safe-security-order',
      code: 'TT124',
      title: {
        vi: 'Xã được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự” theo Điều 5 Thông tư 124/2021/TT-BCA',
        en: 'The commune is recognised “safe in security and order” under Circular 124 Art. 5',
      },
      provenance: { issuer: BCA, document: 'Công văn 3371/BCA-V05', source: 'hanam-3371', confidence: 'verified' },
      measure: { type: 'programOutcome', programId: 'safeSecurityOrder' },
    },
    ...placeholderCriteria({
      idPrefix: 'ntm-19-2-2021.content',
      from: 4,
      to: 8,
      title: (n) => `Nội dung ${n} (chưa được xác minh; theo Hướng dẫn 04/HD-BCA-V05)`,
      provenance: content2021('unverified'),
      required: false,
    }),
  ],
} satisfies CriteriaSetDefinition;

/** 19.2 in the advanced (nâng cao) set: the basic 2021 contents plus a stricter bar not yet known. */
export const newRural192AdvancedFrom2021 = {
  schemaVersion: 1,
  id: 'ntm-19-2-advanced-2021',
  version: 1,
  programId: 'newRural192Advanced',
  owner: { scope: 'national' },
  status: 'published',
  title: {
    vi: 'Chỉ tiêu 19.2 về an ninh, trật tự — xã nông thôn mới nâng cao (Quyết định 318/QĐ-TTg, giai đoạn 2021–2025)',
    en: 'NTM indicator 19.2, security and order, advanced commune (Decision 318/QĐ-TTg, 2021–2025)',
  },
  provenance: hd04({ article: 'Chỉ tiêu 19.2', source: 'hanoimoi', confidence: 'partial' }),
  effectiveFrom: '2022-03-08',
  appliesTo: { unitKinds: ntmUnitKinds },
  unverified: true,
  notes: [
    'BCA uses the same number 19.2 in the advanced set with a stricter bar (hanoimoi, camau); what the stricter bar is was not retrieved.',
    'Until it is confirmed, this set inherits the basic 2021 contents and adds one optional, unverified criterion for the stricter bar.',
  ],
  extends: { setId: 'ntm-19-2-2021', version: 1 },
  changes: [
    {
      op: 'add',
      criterion: {
        id: 'ntm-19-2-advanced-2021.stricter-bar',
        code: 'NC',
        title: {
          vi: 'Yêu cầu cao hơn đối với xã nông thôn mới nâng cao (nội dung chưa được xác minh)',
          en: 'The stricter bar for advanced communes (content not yet verified)',
        },
        provenance: content2021('unverified'),
        unverified: true,
        required: false,
        measure: { type: 'boolean' },
      },
    },
  ],
} satisfies CriteriaSetDefinition;
