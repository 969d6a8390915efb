import type { CriteriaSetDefinition, GradeBand, OutcomeRule } from '../definition.ts';
import { BCA, citing, communeLevelKinds } from './common.ts';

const qd510 = citing('Quyết định 510/QĐ-BCA-V05', BCA);

/**
 * The four levels are known; the points that separate them are not (domain reference §5, §12). These
 * bands are placeholders, each marked unverified, for a province to replace.
 */
export const placeholderGradeBands: readonly GradeBand[] = [
  { grade: 'excellent', title: { vi: 'Xuất sắc', en: 'Excellent' }, minScore: 90, passing: true, requires: 'allCritical', unverified: true },
  { grade: 'good', title: { vi: 'Khá', en: 'Good' }, minScore: 70, passing: true, unverified: true },
  { grade: 'average', title: { vi: 'Trung bình', en: 'Average' }, minScore: 50, passing: true, unverified: true },
  { grade: 'weak', title: { vi: 'Yếu', en: 'Weak' }, minScore: 0, passing: false, unverified: true },
];

const scoreRule: OutcomeRule = { type: 'score', bands: placeholderGradeBands };

const sharedNotes = [
  'Each unit self-scores a 100-point sheet (columns “Điểm chuẩn / Điểm tự chấm”) and is graded xuất sắc, khá, trung bình or yếu.',
  'The point bands of the four levels were not found in public text: 90/70/50/0 are placeholders, marked unverified.',
  'No item is marked critical yet, so “excellent needs every critical item” has nothing to gate until a province marks some.',
];

/** The residential-area sheet: its items were not retrieved, so one 100-point placeholder holds the total. */
export const movementClassificationResidentialArea = {
  schemaVersion: 1,
  id: 'movement-classification-kdc',
  version: 1,
  programId: 'movementClassification',
  owner: { scope: 'national' },
  status: 'published',
  title: {
    vi: 'Bảng chấm điểm phân loại phong trào Toàn dân bảo vệ an ninh Tổ quốc — khu dân cư (Quyết định 510/QĐ-BCA-V05)',
    en: 'Movement classification sheet — residential areas (Decision 510/QĐ-BCA-V05)',
  },
  provenance: qd510({ effectiveFrom: '2022-01-20', source: 'tvpl-510', confidence: 'verified' }),
  effectiveFrom: '2022-01-20',
  appliesTo: { unitKinds: ['residentialArea'] },
  periodSchemeId: 'tt124',
  unverified: true,
  notes: [...sharedNotes, 'The items of the residential-area sheet were not retrieved; until a province enters them, the total goes into one placeholder item.'],
  rule: scoreRule,
  criteria: [
    {
      id: 'movement-classification-kdc.items',
      code: '1',
      title: {
        vi: 'Các nội dung chấm điểm của khu dân cư (chưa được xác minh; tỉnh nhập theo bảng chấm điểm)',
        en: 'The residential-area scoring items (not yet verified; the province enters them from the sheet)',
      },
      provenance: qd510({ source: 'thuvienbieumau', confidence: 'unverified' }),
      unverified: true,
      measure: { type: 'score', maxPoints: 100 },
    },
  ],
} satisfies CriteriaSetDefinition;

/** The commune-level sheet: as for residential areas, one 100-point placeholder. */
export const movementClassificationCommune = {
  schemaVersion: 1,
  id: 'movement-classification-commune',
  version: 1,
  programId: 'movementClassification',
  owner: { scope: 'national' },
  status: 'published',
  title: {
    vi: 'Bảng chấm điểm phân loại phong trào Toàn dân bảo vệ an ninh Tổ quốc — cấp xã (Quyết định 510/QĐ-BCA-V05)',
    en: 'Movement classification sheet — commune level (Decision 510/QĐ-BCA-V05)',
  },
  provenance: qd510({ effectiveFrom: '2022-01-20', source: 'tvpl-510', confidence: 'verified' }),
  effectiveFrom: '2022-01-20',
  appliesTo: { unitKinds: [...communeLevelKinds] },
  periodSchemeId: 'tt124',
  unverified: true,
  notes: [...sharedNotes, 'The items of the commune sheet were not retrieved; until a province enters them, the total goes into one placeholder item.'],
  rule: scoreRule,
  criteria: [
    {
      id: 'movement-classification-commune.items',
      code: '1',
      title: {
        vi: 'Các nội dung chấm điểm của cấp xã (chưa được xác minh; tỉnh nhập theo bảng chấm điểm)',
        en: 'The commune-level scoring items (not yet verified; the province enters them from the sheet)',
      },
      provenance: qd510({ source: 'thuvienbieumau', confidence: 'unverified' }),
      unverified: true,
      measure: { type: 'score', maxPoints: 100 },
    },
  ],
} satisfies CriteriaSetDefinition;

const article7 = (confidence: 'verified' | 'partial' | 'unverified', clause?: string) =>
  qd510({ article: 'Điều 7', ...(clause && { clause }), source: 'thuvienbieumau', confidence });

/** Agencies, enterprises and schools (QĐ 510 Art. 7): items 1–4a are known; the other 88 points are a placeholder. */
export const movementClassificationOrganisation = {
  schemaVersion: 1,
  id: 'movement-classification-organisation',
  version: 1,
  programId: 'movementClassification',
  owner: { scope: 'national' },
  status: 'published',
  title: {
    vi: 'Bảng chấm điểm phân loại phong trào Toàn dân bảo vệ an ninh Tổ quốc — cơ quan, doanh nghiệp, cơ sở giáo dục (Quyết định 510/QĐ-BCA-V05, Điều 7)',
    en: 'Movement classification sheet — agencies, enterprises and schools (Decision 510/QĐ-BCA-V05, Art. 7)',
  },
  provenance: qd510({ article: 'Điều 7', effectiveFrom: '2022-01-20', source: 'tvpl-510', confidence: 'verified' }),
  effectiveFrom: '2022-01-20',
  appliesTo: { unitKinds: ['agency', 'enterprise', 'school'] },
  periodSchemeId: 'tt124',
  unverified: true,
  notes: [...sharedNotes, 'Items 1, 2, 3 and 4a and their points are from a published copy of the sheet; the rest of the sheet (88 points from item 4b on) is one placeholder.'],
  rule: scoreRule,
  criteria: [
    {
      id: 'movement-classification-organisation.resolution-plan',
      code: '1',
      title: {
        vi: 'Quý I có nghị quyết, kế hoạch về công tác bảo vệ an ninh, trật tự; sơ kết, tổng kết và thực hiện chế độ thông tin, báo cáo',
        en: 'Quarter-1 resolution and plan, reviews and reporting discipline',
      },
      provenance: article7('partial', 'Mục 1'),
      measure: { type: 'score', maxPoints: 3 },
    },
    {
      id: 'movement-classification-organisation.propaganda',
      code: '2',
      title: {
        vi: 'Tuyên truyền, phổ biến đến từ 90% trở lên đảng viên, cán bộ, công nhân viên, người lao động',
        en: 'Propaganda reaching at least 90% of members and staff',
      },
      provenance: article7('partial', 'Mục 2'),
      measure: { type: 'score', maxPoints: 3 },
    },
    {
      id: 'movement-classification-organisation.movement-day',
      code: '3',
      title: {
        vi: 'Tổ chức hoặc tham gia “Ngày hội toàn dân bảo vệ an ninh Tổ quốc” và các hoạt động chuyên đề',
        en: 'Organising or joining the movement day (Ngày hội TDBVANTQ) and themed events',
      },
      provenance: article7('partial', 'Mục 3'),
      measure: { type: 'score', maxPoints: 5 },
    },
    {
      id: 'movement-classification-organisation.coordination-regulation',
      code: '4a',
      title: {
        vi: 'Có quy chế hoặc kế hoạch phối hợp với chính quyền, Công an địa phương',
        en: 'A coordination regulation or plan with the local government and police',
      },
      provenance: article7('partial', 'Mục 4a'),
      measure: { type: 'score', maxPoints: 1 },
    },
    {
      id: 'movement-classification-organisation.remaining',
      code: '4b+',
      title: {
        vi: 'Thực hiện quy chế phối hợp và các nội dung chấm điểm còn lại (nội dung và điểm chuẩn chưa được xác minh)',
        en: 'Carrying out the coordination and the remaining items (content and points not yet verified)',
      },
      provenance: article7('unverified'),
      unverified: true,
      measure: { type: 'score', maxPoints: 88 },
    },
  ],
} satisfies CriteriaSetDefinition;
