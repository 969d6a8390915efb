import type { Program } from '../catalog.ts';
import { BCA, PRIME_MINISTER } from './common.ts';

/** The national evaluation tracks. Sets (national or provincial) belong to exactly one of them. */
export const nationalPrograms: readonly Program[] = [
  {
    id: 'safeSecurityOrder',
    title: { vi: 'An toàn về an ninh, trật tự', en: 'Safe in security and order' },
    description: {
      vi: 'Tiêu chuẩn “An toàn về an ninh, trật tự” đối với khu dân cư, xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục: Thông tư 23/2012/TT-BCA, thay bằng Thông tư 124/2021/TT-BCA từ ngày 10/02/2022, sửa đổi bởi Thông tư 48/2025/TT-BCA. Kết quả: đạt hoặc chưa đạt.',
      en: 'The Ministry of Public Security standard for residential areas, communes, agencies, enterprises and schools (Circular 23/2012, replaced by Circular 124/2021 from 10 Feb 2022, amended by Circular 48/2025). Pass or fail.',
    },
    provenance: {
      issuer: BCA,
      document: 'Thông tư 124/2021/TT-BCA',
      effectiveFrom: '2022-02-10',
      source: 'tvpl-tt124',
      confidence: 'verified',
    },
  },
  {
    id: 'newRural192',
    family: 'newRural',
    title: {
      vi: 'Chỉ tiêu 19.2 về an ninh, trật tự — xã nông thôn mới',
      en: 'New Rural Development indicator 19.2 (security and order), basic commune set',
    },
    description: {
      vi: 'Chỉ tiêu 19.2 của tiêu chí 19 “Quốc phòng và An ninh” trong Bộ tiêu chí quốc gia về xã nông thôn mới (Quyết định 1980/QĐ-TTg giai đoạn 2016–2020; Quyết định 318/QĐ-TTg giai đoạn 2021–2025).',
      en: 'Indicator 19.2 of criterion 19 "National defence and security" in the national NTM commune criteria (Decision 1980/QĐ-TTg for 2016–2020; Decision 318/QĐ-TTg for 2021–2025).',
    },
    provenance: { issuer: PRIME_MINISTER, document: 'Quyết định 1980/QĐ-TTg; Quyết định 318/QĐ-TTg', source: 'tvpl-69', confidence: 'verified' },
  },
  {
    id: 'newRural192Advanced',
    family: 'newRural',
    title: {
      vi: 'Chỉ tiêu 19.2 về an ninh, trật tự — xã nông thôn mới nâng cao',
      en: 'New Rural Development indicator 19.2 (security and order), advanced commune set',
    },
    description: {
      vi: 'Cùng số hiệu 19.2 trong Bộ tiêu chí xã nông thôn mới nâng cao (Quyết định 318/QĐ-TTg), với mức yêu cầu cao hơn.',
      en: 'The same number 19.2 in the advanced NTM commune set (Decision 318/QĐ-TTg), with a stricter bar.',
    },
    provenance: { issuer: PRIME_MINISTER, document: 'Quyết định 318/QĐ-TTg', source: 'baonghean-318', confidence: 'partial' },
  },
  {
    id: 'newRuralModelSecurity',
    family: 'newRural',
    title: {
      vi: 'Xã nông thôn mới kiểu mẫu — lĩnh vực an ninh, trật tự',
      en: 'Model New Rural commune, security-and-order field',
    },
    description: {
      vi: 'Xã nông thôn mới kiểu mẫu chọn lĩnh vực nổi trội là an ninh, trật tự (Quyết định 319/QĐ-TTg); bộ tiêu chí do từng tỉnh ban hành.',
      en: 'A model NTM commune whose outstanding field is security and order (Decision 319/QĐ-TTg); each province issues the criteria.',
    },
    provenance: { issuer: PRIME_MINISTER, document: 'Quyết định 319/QĐ-TTg', source: 'dantocphattrien', confidence: 'verified' },
  },
  {
    id: 'urbanCivilisedSecurity',
    title: {
      vi: 'Tiêu chí 4 “An ninh, trật tự đô thị” — đô thị văn minh',
      en: 'Civilised urban area, criterion 4 (urban security and order)',
    },
    description: {
      vi: 'Tiêu chí 4 trong 9 tiêu chí xét công nhận phường, thị trấn đạt chuẩn đô thị văn minh (Quyết định 04/2022/QĐ-TTg), đánh giá theo Hướng dẫn 12/HD-BCA-V05.',
      en: 'Criterion 4 of the 9 "civilised urban" criteria for wards and towns (Decision 04/2022/QĐ-TTg), assessed under Guidance 12/HD-BCA-V05.',
    },
    provenance: { issuer: PRIME_MINISTER, document: 'Quyết định 04/2022/QĐ-TTg', source: 'thanhhoa-dtvm', confidence: 'verified' },
  },
  {
    id: 'modelWardPolice',
    title: {
      vi: 'Công an phường điển hình, kiểu mẫu về an ninh, trật tự và văn minh đô thị',
      en: 'Model ward police for security, order and urban civility',
    },
    description: {
      vi: 'Bộ tiêu chí tạm thời của Bộ Công an; Bộ trưởng Bộ Công an quyết định công nhận. Kế hoạch 556/KH-BCA-V05: ít nhất 30% Công an phường đến năm 2025, 100% đến năm 2030.',
      en: 'A provisional criteria set of the Ministry of Public Security; the Minister recognises units. Plan 556/KH-BCA-V05 targets 30% of ward police by 2025 and all by 2030.',
    },
    provenance: { issuer: BCA, document: 'Kế hoạch 556/KH-BCA-V05', source: 'anhp', confidence: 'partial' },
  },
  {
    id: 'typicalMovementUnit',
    title: {
      vi: 'Xã, cơ quan điển hình về phong trào Toàn dân bảo vệ an ninh Tổ quốc',
      en: 'Typical commune or organisation of the All People Protect National Security movement',
    },
    description: {
      vi: 'Bộ tiêu chí tạm thời xây dựng xã, phường, thị trấn và cơ quan, doanh nghiệp, nhà trường điển hình về phong trào (Quyết định 9745/QĐ-BCA-V05 ngày 28/12/2022).',
      en: 'Provisional criteria for typical communes and typical agencies, enterprises and schools of the movement (Decision 9745/QĐ-BCA-V05, 28 Dec 2022).',
    },
    provenance: { issuer: BCA, document: 'Quyết định 9745/QĐ-BCA-V05', effectiveFrom: '2022-12-28', source: 'lawnet-9745', confidence: 'verified' },
  },
  {
    id: 'movementClassification',
    title: {
      vi: 'Đánh giá, phân loại phong trào Toàn dân bảo vệ an ninh Tổ quốc',
      en: 'Classification of the All People Protect National Security movement',
    },
    description: {
      vi: 'Chấm điểm trên thang 100 điểm và xếp loại xuất sắc, khá, trung bình, yếu (Quyết định 510/QĐ-BCA-V05 ngày 20/01/2022).',
      en: 'A 100-point sheet graded excellent, good, average or weak (Decision 510/QĐ-BCA-V05, 20 Jan 2022).',
    },
    provenance: { issuer: BCA, document: 'Quyết định 510/QĐ-BCA-V05', effectiveFrom: '2022-01-20', source: 'tvpl-510', confidence: 'verified' },
  },
];
