import type { CriteriaSetDefinition } from '../definition.ts';
import { citing, placeholderCriteria } from './common.ts';

/*
 * Three provincial sets, as examples of what a province adds on top of the national templates.
 * Province codes are the 2025 codes (QĐ 19/2025/QĐ-TTg): Hải Phòng 31, Cao Bằng 04, Phú Thọ 25.
 * They are drafts: each province confirms its own text before publishing.
 */

const haiPhongSet = citing('Bộ tiêu chí xã nông thôn mới kiểu mẫu thành phố Hải Phòng, giai đoạn 2020–2025', 'Ủy ban nhân dân thành phố Hải Phòng');

/**
 * Hải Phòng's model NTM commune set 2020–2025: the 2016 indicator 19.2 plus the city's "tiêu chí 16".
 * Seed 000 (ANHP, Nov 2020) is the only source for the number 16.
 */
export const haiPhongModelNtmCommune2020 = {
  schemaVersion: 1,
  id: 'hai-phong-model-ntm-commune-2020',
  version: 1,
  programId: 'newRuralModelSecurity',
  owner: { scope: 'province', provinceCode: '31' },
  status: 'draft',
  title: {
    vi: 'Xã nông thôn mới kiểu mẫu thành phố Hải Phòng — an ninh, trật tự (chỉ tiêu 19.2 và tiêu chí 16, giai đoạn 2020–2025)',
    en: 'Hải Phòng model NTM commune — security and order (indicator 19.2 and criterion 16, 2020–2025)',
  },
  provenance: haiPhongSet({ source: 'seeds/000_4875a2382999761b', confidence: 'unverified' }),
  effectiveFrom: '2020-01-01',
  effectiveTo: '2025-12-31',
  appliesTo: { unitKinds: ['commune'] },
  unverified: true,
  notes: [
    'The city police reviewed 19.2 and “tiêu chí 16 trong Bộ tiêu chí xã NTM kiểu mẫu thành phố Hải Phòng, giai đoạn 2020–2025” together for 2020 (seed 000); the number 16 has no other source.',
    'Quyết định 157/QĐ-UBND (14 Jan 2022) later set the city’s 2021–2025 model-commune criteria (19 criteria); whether it replaced this set is not verified.',
    'The dates cover the period named in the source; the exact dates of the city decision were not found.',
  ],
  extends: { setId: 'ntm-19-2-2016', version: 1 },
  changes: [
    {
      op: 'add',
      criterion: {
        id: 'hai-phong-model-ntm-2020.c16',
        code: '16',
        title: {
          vi: 'Tiêu chí 16 “Giữ vững an ninh, trật tự xã hội nông thôn” (xã nông thôn mới kiểu mẫu; số hiệu và nội dung chưa được xác minh)',
          en: 'Criterion 16 “Rural security and social order maintained” (model commune; number and content not yet verified)',
        },
        provenance: haiPhongSet({ clause: 'Tiêu chí 16', source: 'seeds/000_4875a2382999761b', confidence: 'unverified' }),
        unverified: true,
        measure: { type: 'boolean' },
      },
    },
  ],
} satisfies CriteriaSetDefinition;

const plan2166 = citing('Kế hoạch 2166/KH-CAT', 'Công an tỉnh Cao Bằng');
const ngocDao = (confidence: 'verified' | 'partial' | 'unverified') =>
  plan2166({ source: confidence === 'unverified' ? 'seeds/004_9ffb574aabcff4d8' : 'ngocdao', confidence });

/**
 * Xã Ngọc Đào (Hà Quảng, Cao Bằng), typical commune of the movement in 2021: the criteria the district
 * steering committee set on 12 Aug 2021 under the provincial police's Kế hoạch 2166/KH-CAT.
 */
export const caoBangNgocDaoTypicalCommune2021 = {
  schemaVersion: 1,
  id: 'cao-bang-ngoc-dao-typical-commune-2021',
  version: 1,
  programId: 'typicalMovementUnit',
  owner: { scope: 'province', provinceCode: '04' },
  status: 'draft',
  title: {
    vi: 'Xã Ngọc Đào điển hình về phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2021 (Kế hoạch 2166/KH-CAT, Công an tỉnh Cao Bằng)',
    en: 'Ngọc Đào typical movement commune 2021 (Plan 2166/KH-CAT, Cao Bằng provincial police)',
  },
  provenance: plan2166({ effectiveFrom: '2021-06-15', source: 'ngocdao', confidence: 'verified' }),
  effectiveFrom: '2021-06-15',
  effectiveTo: '2021-12-31',
  appliesTo: { unitKinds: ['commune'] },
  unverified: true,
  notes: [
    'Xã Ngọc Đào had 13 hamlets (xóm). The plan was reviewed before 15 Sep and concluded before 15 Dec 2021.',
    'Criteria 1 and 2 are confirmed by the source page (criterion 2 is cut off); the others come from the seed article only and are unverified.',
  ],
  rule: { type: 'all' },
  criteria: [
    {
      id: 'ngoc-dao-2021.propaganda',
      code: '1',
      title: {
        vi: '100% xóm được tổ chức tuyên truyền, phổ biến, giáo dục pháp luật và công tác phòng, chống tội phạm',
        en: 'Every hamlet receives legal and crime-prevention propaganda',
      },
      provenance: ngocDao('verified'),
      measure: { type: 'boolean' },
    },
    {
      id: 'ngoc-dao-2021.consultation',
      code: '2',
      title: {
        vi: 'Tổ chức lấy ý kiến Nhân dân tham gia đánh giá tình hình và biện pháp bảo đảm an ninh, trật tự đến 100% xóm',
        en: 'Residents of every hamlet consulted on the security situation and measures',
      },
      provenance: ngocDao('partial'),
      measure: { type: 'boolean' },
    },
    {
      id: 'ngoc-dao-2021.hamlets-recognised',
      code: '3',
      title: {
        vi: 'Trên 95% xóm được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”',
        en: 'More than 95% of hamlets recognised “safe in security and order”',
      },
      provenance: ngocDao('unverified'),
      unverified: true,
      measure: {
        type: 'childShare',
        programId: 'safeSecurityOrder',
        childKinds: ['residentialArea'],
        comparator: '>',
        thresholdPercent: 95,
        childLabel: 'xóm',
      },
    },
    {
      id: 'ngoc-dao-2021.organisations-recognised',
      code: '4',
      title: {
        vi: 'Trên 90% cơ quan, nhà trường, trạm y tế (thuộc xã) được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”',
        en: 'More than 90% of the commune’s agencies, schools and health stations recognised',
      },
      provenance: ngocDao('unverified'),
      unverified: true,
      note: 'Health stations (trạm y tế) are public service units, so they are agencies here.',
      measure: {
        type: 'childShare',
        programId: 'safeSecurityOrder',
        childKinds: ['agency', 'school'],
        comparator: '>',
        thresholdPercent: 90,
        childLabel: 'cơ quan, nhà trường, trạm y tế',
      },
    },
    {
      id: 'ngoc-dao-2021.mass-model',
      code: '5',
      title: {
        vi: 'Xây dựng ít nhất 01 mô hình quần chúng tham gia bảo đảm an ninh, trật tự',
        en: 'At least one mass model taking part in security and order',
      },
      provenance: ngocDao('unverified'),
      unverified: true,
      measure: { type: 'number', comparator: '>=', threshold: 1, unit: 'mô hình' },
    },
    {
      id: 'ngoc-dao-2021.released-prisoners',
      code: '6',
      title: {
        vi: '100% người chấp hành xong án phạt tù trở về địa phương được xóa án tích theo quy định',
        en: 'Every released prisoner returning to the commune has the record cleared as the law provides',
      },
      provenance: ngocDao('unverified'),
      unverified: true,
      measure: { type: 'boolean' },
    },
    {
      id: 'ngoc-dao-2021.no-anti-party',
      code: '7',
      title: {
        vi: 'Không để xảy ra các hoạt động chống đối Đảng, chính quyền, phá hoại khối đại đoàn kết dân tộc',
        en: 'No activity against the Party or government, or undermining national unity',
      },
      provenance: ngocDao('unverified'),
      unverified: true,
      measure: { type: 'boolean' },
    },
    {
      id: 'ngoc-dao-2021.no-serious-incidents',
      code: '8',
      title: {
        vi: 'Không để tội phạm, tệ nạn xã hội, cháy nổ, tai nạn giao thông nghiêm trọng xảy ra',
        en: 'No serious crime, social evils, fires or traffic accidents',
      },
      provenance: ngocDao('unverified'),
      unverified: true,
      criteria: [
        {
          id: 'ngoc-dao-2021.no-serious-incidents.crime',
          code: '8.1',
          title: { vi: 'Số vụ tội phạm, tệ nạn xã hội nghiêm trọng', en: 'Serious crime and social-evil cases' },
          provenance: ngocDao('unverified'),
          unverified: true,
          measure: { type: 'number', comparator: '=', threshold: 0, unit: 'vụ' },
        },
        {
          id: 'ngoc-dao-2021.no-serious-incidents.fire',
          code: '8.2',
          title: { vi: 'Số vụ cháy, nổ nghiêm trọng', en: 'Serious fires and explosions' },
          provenance: ngocDao('unverified'),
          unverified: true,
          measure: { type: 'number', comparator: '=', threshold: 0, unit: 'vụ' },
        },
        {
          id: 'ngoc-dao-2021.no-serious-incidents.traffic',
          code: '8.3',
          title: { vi: 'Số vụ tai nạn giao thông nghiêm trọng', en: 'Serious traffic accidents' },
          provenance: ngocDao('unverified'),
          unverified: true,
          measure: { type: 'number', comparator: '=', threshold: 0, unit: 'vụ' },
        },
      ],
    },
  ],
} satisfies CriteriaSetDefinition;

const phuThoSet = citing(
  'Bộ tiêu chí xây dựng cơ quan, doanh nghiệp, cơ sở giáo dục điển hình về phong trào Toàn dân bảo vệ an ninh Tổ quốc tỉnh Phú Thọ',
  'Ủy ban nhân dân tỉnh Phú Thọ',
);

/** Phú Thọ's typical agency/enterprise/school set: 14 criteria, all must be met; their content is not known. */
export const phuThoTypicalOrganisation = {
  schemaVersion: 1,
  id: 'phu-tho-typical-organisation',
  version: 1,
  programId: 'typicalMovementUnit',
  owner: { scope: 'province', provinceCode: '25' },
  status: 'draft',
  title: {
    vi: 'Cơ quan, doanh nghiệp, cơ sở giáo dục điển hình về phong trào Toàn dân bảo vệ an ninh Tổ quốc — tỉnh Phú Thọ (14 tiêu chí)',
    en: 'Typical agency, enterprise or school of the movement — Phú Thọ province (14 criteria)',
  },
  provenance: phuThoSet({ source: 'phutho-851', confidence: 'verified' }),
  appliesTo: { unitKinds: ['agency', 'enterprise', 'school'] },
  unverified: true,
  notes: [
    'The provincial version of the QĐ 9745/QĐ-BCA-V05 set for agencies, enterprises and schools has 14 criteria (phutho-851); their titles and the issuing date were not retrieved.',
  ],
  rule: { type: 'atLeast', count: 14 },
  criteria: placeholderCriteria({
    idPrefix: 'phu-tho-typical-organisation',
    from: 1,
    to: 14,
    title: (n) => `Tiêu chí ${n} (nội dung chưa được xác minh; theo Bộ tiêu chí của tỉnh Phú Thọ)`,
    provenance: phuThoSet({ source: 'phutho-851' }),
  }),
} satisfies CriteriaSetDefinition;
