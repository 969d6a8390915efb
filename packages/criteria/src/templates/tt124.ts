import type { CriteriaSetDefinition, CriterionDefinition } from '../definition.ts';
import { BCA, citing, communeLevelKinds } from './common.ts';

const tt124 = citing('Thông tư 124/2021/TT-BCA', BCA);

const setProvenance = tt124({ effectiveFrom: '2022-02-10', source: 'tvpl-tt124', confidence: 'verified' });

/** TT124 Art. 4 cl. 3 as the §12 reading letters it: a, b, c, d, đ, e, g. */
const article4Clause3: CriterionDefinition = {
  id: 'tt124-kdc.no-incidents',
  code: '3',
  title: { vi: 'Không để xảy ra các hoạt động, vụ việc quy định tại khoản 3 Điều 4', en: 'None of the activities listed in Art. 4 cl. 3 occurs' },
  provenance: tt124({ article: 'Điều 4', clause: 'Khoản 3', source: 'lawnet-101615', confidence: 'partial' }),
  criteria: [
    {
      id: 'tt124-kdc.no-incidents.a',
      code: '3a',
      title: {
        vi: 'Không xảy ra hoạt động chống Đảng, chống chính quyền, phá hoại khối đại đoàn kết toàn dân tộc',
        en: 'No anti-Party or anti-government activity, or undermining of national unity',
      },
      provenance: tt124({ article: 'Điều 4', clause: 'Khoản 3 điểm a', source: 'lawnet-101615', confidence: 'partial' }),
      measure: { type: 'boolean' },
    },
    {
      id: 'tt124-kdc.no-incidents.b',
      code: '3b',
      title: {
        vi: 'Không xảy ra hoạt động phá hoại các mục tiêu, công trình trọng điểm về kinh tế, văn hóa, xã hội, an ninh, quốc phòng',
        en: 'No sabotage of key economic, cultural, social, security or defence targets',
      },
      provenance: tt124({ article: 'Điều 4', clause: 'Khoản 3 điểm b', source: 'lawnet-101615', confidence: 'partial' }),
      measure: { type: 'boolean' },
    },
    {
      id: 'tt124-kdc.no-incidents.c',
      code: '3c',
      title: {
        vi: 'Không xảy ra hoạt động tuyên truyền, phát triển tín ngưỡng, tôn giáo trái pháp luật',
        en: 'No propagation or development of illegal beliefs or religions',
      },
      provenance: tt124({ article: 'Điều 4', clause: 'Khoản 3 điểm c', source: 'baovinhlong', confidence: 'partial' }),
      measure: { type: 'boolean' },
    },
    {
      id: 'tt124-kdc.no-incidents.d',
      code: '3d',
      title: {
        vi: 'Không xảy ra việc lợi dụng tín ngưỡng, tôn giáo, dân tộc, tranh chấp, khiếu kiện gây phức tạp về an ninh, trật tự',
        en: 'No exploitation of beliefs, religion, ethnicity, disputes or complaints that complicates security and order',
      },
      provenance: tt124({ article: 'Điều 4', clause: 'Khoản 3 điểm d', source: 'baovinhlong', confidence: 'partial' }),
      measure: { type: 'boolean' },
    },
    {
      id: 'tt124-kdc.no-incidents.dd',
      code: '3đ',
      title: { vi: 'Không xảy ra hoạt động ly khai, đòi tự trị', en: 'No separatist or autonomy-seeking activity' },
      provenance: tt124({ article: 'Điều 4', clause: 'Khoản 3 điểm đ', source: 'lawnet-101615', confidence: 'partial' }),
      measure: { type: 'boolean' },
    },
    {
      id: 'tt124-kdc.no-incidents.e',
      code: '3e',
      title: {
        vi: 'Không xảy ra mâu thuẫn, tranh chấp phức tạp, kéo dài trong nội bộ nhân dân',
        en: 'No complicated, prolonged conflicts or disputes among residents',
      },
      provenance: tt124({ article: 'Điều 4', clause: 'Khoản 3 điểm e', source: 'baovinhlong', confidence: 'partial' }),
      measure: { type: 'boolean' },
    },
    {
      id: 'tt124-kdc.no-incidents.g',
      code: '3g',
      title: {
        vi: 'Không xảy ra việc kích động, cưỡng ép, lôi kéo, mua chuộc người dân tụ tập đông người khiếu kiện, gây rối trật tự',
        en: 'No inciting, coercing, enticing or bribing people to gather in crowds to complain or disturb order',
      },
      provenance: tt124({ article: 'Điều 4', clause: 'Khoản 3 điểm g', source: 'lawnet-101615', confidence: 'partial' }),
      note: 'The source text of point g is cut off after "mua chuộc"; the end of the sentence follows the English summary.',
      measure: { type: 'boolean' },
    },
  ],
};

/** Khu dân cư — TT124 Art. 4: all five criteria must be met. */
export const tt124ResidentialArea = {
  schemaVersion: 1,
  id: 'tt124-residential-area',
  version: 1,
  programId: 'safeSecurityOrder',
  owner: { scope: 'national' },
  status: 'published',
  title: {
    vi: 'Khu dân cư đạt tiêu chuẩn “An toàn về an ninh, trật tự” (Thông tư 124/2021/TT-BCA, Điều 4)',
    en: 'Residential area “safe in security and order” (Circular 124/2021/TT-BCA, Art. 4)',
  },
  provenance: { ...setProvenance, article: 'Điều 4' },
  effectiveFrom: '2022-02-10',
  appliesTo: { unitKinds: ['residentialArea'] },
  periodSchemeId: 'tt124',
  notes: ['Criteria 4 and 5 of Art. 4 were not retrieved; they ship as unverified checkboxes for the province to confirm.'],
  rule: { type: 'all' },
  criteria: [
    {
      id: 'tt124-kdc.registration',
      code: '1',
      title: {
        vi: 'Quý I hằng năm, chi bộ có nghị quyết, khu dân cư đăng ký phấn đấu và 100% hộ gia đình đăng ký tham gia',
        en: 'In quarter 1, a Party-cell resolution, the area registers, and every household registers',
      },
      provenance: tt124({ article: 'Điều 4', clause: 'Khoản 1', source: 'tvpl-5CFA0', confidence: 'verified' }),
      criteria: [
        {
          id: 'tt124-kdc.registration.resolution',
          code: '1.1',
          title: { vi: 'Chi bộ có nghị quyết về công tác bảo đảm an ninh, trật tự trong quý I', en: 'Party-cell resolution on security and order in quarter 1' },
          provenance: tt124({ article: 'Điều 4', clause: 'Khoản 1', source: 'tvpl-5CFA0', confidence: 'verified' }),
          measure: { type: 'boolean' },
        },
        {
          id: 'tt124-kdc.registration.area',
          code: '1.2',
          title: { vi: 'Khu dân cư đăng ký phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự”', en: 'The residential area registers for the standard' },
          provenance: tt124({ article: 'Điều 4', clause: 'Khoản 1', source: 'tvpl-5CFA0', confidence: 'verified' }),
          measure: { type: 'boolean' },
        },
        {
          id: 'tt124-kdc.registration.households',
          code: '1.3',
          title: { vi: '100% hộ gia đình trong khu dân cư đăng ký tham gia', en: 'Every household in the area registers to take part' },
          provenance: tt124({ article: 'Điều 4', clause: 'Khoản 1', source: 'lawnet-101615', confidence: 'verified' }),
          measure: { type: 'boolean' },
        },
      ],
    },
    {
      id: 'tt124-kdc.policy',
      code: '2',
      title: {
        vi: 'Thực hiện đầy đủ chủ trương của Đảng, chính sách, pháp luật của Nhà nước và quy định của địa phương về bảo đảm an ninh, trật tự',
        en: 'Party and State policy and local rules on security and order are fully implemented',
      },
      provenance: tt124({ article: 'Điều 4', clause: 'Khoản 2', source: 'lawnet-101615', confidence: 'verified' }),
      measure: { type: 'boolean' },
    },
    article4Clause3,
    {
      id: 'tt124-kdc.criterion-4',
      code: '4',
      title: {
        vi: 'Tiêu chí 4 (nội dung chưa được xác minh; có thể về tội phạm, tệ nạn xã hội và vi phạm pháp luật khác)',
        en: 'Criterion 4 (content not yet verified; probably crime, social evils and other violations)',
      },
      provenance: tt124({ article: 'Điều 4', clause: 'Khoản 4', source: 'tvpl-tt124', confidence: 'unverified' }),
      unverified: true,
      measure: { type: 'boolean' },
    },
    {
      id: 'tt124-kdc.criterion-5',
      code: '5',
      title: {
        vi: 'Tiêu chí 5 (nội dung chưa được xác minh; có thể về lực lượng nòng cốt và mô hình bảo đảm an ninh, trật tự ở cơ sở)',
        en: 'Criterion 5 (content not yet verified; probably grassroots forces and models)',
      },
      provenance: tt124({ article: 'Điều 4', clause: 'Khoản 5', source: 'tvpl-tt124', confidence: 'unverified' }),
      unverified: true,
      measure: { type: 'boolean' },
    },
  ],
} satisfies CriteriaSetDefinition;

const article5 = (confidence: 'verified' | 'partial' | 'unverified', source = 'hanam-3371') =>
  tt124({ article: 'Điều 5', source, confidence });

/** Xã, phường, thị trấn (and đặc khu since 2025) — TT124 Art. 5, read with the §12 addendum. */
export const tt124Commune = {
  schemaVersion: 1,
  id: 'tt124-commune',
  version: 1,
  programId: 'safeSecurityOrder',
  owner: { scope: 'national' },
  status: 'published',
  title: {
    vi: 'Xã, phường, thị trấn đạt tiêu chuẩn “An toàn về an ninh, trật tự” (Thông tư 124/2021/TT-BCA, Điều 5)',
    en: 'Commune, ward or township “safe in security and order” (Circular 124/2021/TT-BCA, Art. 5)',
  },
  provenance: { ...setProvenance, article: 'Điều 5' },
  effectiveFrom: '2022-02-10',
  appliesTo: { unitKinds: [...communeLevelKinds] },
  periodSchemeId: 'tt124',
  notes: [
    'Criterion numbers follow the order of the sources (hanam-3371, baovinhlong), not verified clause numbers.',
    'The 70% share counts residential areas, agencies, enterprises and schools together (TT124), unlike TT23, which counted residential areas only.',
    'A further condition beginning "Đồng…" was cut off in the source; it ships as an optional, unverified criterion.',
  ],
  rule: { type: 'all' },
  criteria: [
    {
      id: 'tt124-commune.resolution-plan',
      code: '1',
      title: {
        vi: 'Quý I hằng năm, Đảng ủy có nghị quyết, Ủy ban nhân dân có kế hoạch về bảo đảm an ninh, trật tự và đăng ký phấn đấu',
        en: 'In quarter 1, a Party-committee resolution, a People’s Committee plan and registration',
      },
      provenance: article5('partial'),
      criteria: [
        {
          id: 'tt124-commune.resolution-plan.resolution',
          code: '1.1',
          title: { vi: 'Đảng ủy có nghị quyết về công tác bảo đảm an ninh, trật tự', en: 'Party-committee resolution on security and order' },
          provenance: article5('partial'),
          measure: { type: 'boolean' },
        },
        {
          id: 'tt124-commune.resolution-plan.plan',
          code: '1.2',
          title: { vi: 'Ủy ban nhân dân có kế hoạch về công tác bảo đảm an ninh, trật tự', en: 'People’s Committee plan on security and order' },
          provenance: article5('partial'),
          measure: { type: 'boolean' },
        },
        {
          id: 'tt124-commune.resolution-plan.registration',
          code: '1.3',
          title: { vi: 'Đăng ký phấn đấu đạt tiêu chuẩn “An toàn về an ninh, trật tự”', en: 'Registration for the standard' },
          provenance: article5('partial'),
          measure: { type: 'boolean' },
        },
      ],
    },
    {
      id: 'tt124-commune.movement-model',
      code: '2',
      title: {
        vi: 'Xây dựng, củng cố, duy trì ít nhất 01 mô hình phong trào toàn dân bảo vệ an ninh Tổ quốc hoạt động hiệu quả',
        en: 'At least one effective movement model built, consolidated or maintained',
      },
      provenance: article5('partial'),
      measure: { type: 'boolean' },
    },
    {
      id: 'tt124-commune.kdc-criteria',
      code: '3',
      title: { vi: 'Đạt các tiêu chí quy định tại khoản 2, 3, 4 Điều 4', en: 'Meets Art. 4 cl. 2, 3 and 4' },
      provenance: article5('partial'),
      criteria: [
        {
          id: 'tt124-commune.kdc-criteria.policy',
          code: '3.1',
          title: {
            vi: 'Đạt tiêu chí tại khoản 2 Điều 4: thực hiện đầy đủ chủ trương, chính sách, pháp luật và quy định của địa phương về bảo đảm an ninh, trật tự',
            en: 'Art. 4 cl. 2: policy and local rules fully implemented',
          },
          provenance: article5('partial'),
          measure: { type: 'boolean' },
        },
        {
          id: 'tt124-commune.kdc-criteria.no-incidents',
          code: '3.2',
          title: {
            vi: 'Đạt tiêu chí tại khoản 3 Điều 4: không để xảy ra các hoạt động, vụ việc tại các điểm a đến g',
            en: 'Art. 4 cl. 3: none of the activities in points a–g occurs',
          },
          provenance: article5('partial'),
          measure: { type: 'boolean' },
        },
        {
          id: 'tt124-commune.kdc-criteria.criterion-4',
          code: '3.3',
          title: {
            vi: 'Đạt tiêu chí tại khoản 4 Điều 4 (nội dung khoản 4 chưa được xác minh)',
            en: 'Art. 4 cl. 4 (content of clause 4 not yet verified)',
          },
          provenance: tt124({ article: 'Điều 4', clause: 'Khoản 4', source: 'tvpl-tt124', confidence: 'unverified' }),
          unverified: true,
          measure: { type: 'boolean' },
        },
      ],
    },
    {
      id: 'tt124-commune.police',
      code: '4',
      title: {
        vi: 'Công an xã chủ động nắm chắc tình hình, kịp thời tham mưu, đề xuất; không có cá nhân vi phạm bị xử lý kỷ luật',
        en: 'Commune police keep on top of the situation and advise in time; no individual disciplined',
      },
      provenance: article5('partial'),
      measure: { type: 'boolean' },
    },
    {
      id: 'tt124-commune.children',
      code: '5',
      title: {
        vi: '100% khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục trên địa bàn đăng ký, trong đó có từ 70% trở lên được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”',
        en: 'All residential areas, agencies, enterprises and schools registered, at least 70% of them recognised',
      },
      provenance: article5('partial', 'baovinhlong'),
      criteria: [
        {
          id: 'tt124-commune.children.registered',
          code: '5.1',
          title: {
            vi: '100% khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục thuộc thẩm quyền hoặc được ủy quyền quản lý trên địa bàn đăng ký',
            en: 'Every residential area, agency, enterprise and school the commune manages has registered',
          },
          provenance: article5('partial', 'baovinhlong'),
          measure: { type: 'boolean' },
        },
        {
          id: 'tt124-commune.children.recognised',
          code: '5.2',
          title: {
            vi: 'Từ 70% trở lên khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”',
            en: 'At least 70% of them recognised “safe in security and order”',
          },
          provenance: article5('partial', 'baovinhlong'),
          measure: {
            type: 'childShare',
            programId: 'safeSecurityOrder',
            childKinds: ['residentialArea', 'agency', 'enterprise', 'school'],
            comparator: '>=',
            thresholdPercent: 70,
          },
        },
      ],
    },
    {
      id: 'tt124-commune.unread-condition',
      code: '6',
      title: {
        vi: 'Điều kiện bắt đầu bằng “Đồng…” (nội dung chưa được xác minh; văn bản nguồn bị cắt)',
        en: 'The condition beginning “Đồng…” (content not yet verified; the source is cut off)',
      },
      provenance: article5('unverified'),
      unverified: true,
      required: false,
      measure: { type: 'boolean' },
    },
  ],
} satisfies CriteriaSetDefinition;

const article6 = (confidence: 'verified' | 'partial' | 'unverified', clause?: string) =>
  tt124({ article: 'Điều 6', ...(clause && { clause }), source: 'tvpl-57C43', confidence });

/** Cơ quan, doanh nghiệp — TT124 Art. 6 (clause 1 verbatim; clause 2 summarised; the rest not retrieved). */
export const tt124AgencyEnterprise = {
  schemaVersion: 1,
  id: 'tt124-agency-enterprise',
  version: 1,
  programId: 'safeSecurityOrder',
  owner: { scope: 'national' },
  status: 'published',
  title: {
    vi: 'Cơ quan, doanh nghiệp đạt tiêu chuẩn “An toàn về an ninh, trật tự” (Thông tư 124/2021/TT-BCA, Điều 6)',
    en: 'Agency or enterprise “safe in security and order” (Circular 124/2021/TT-BCA, Art. 6)',
  },
  provenance: { ...setProvenance, article: 'Điều 6' },
  effectiveFrom: '2022-02-10',
  appliesTo: { unitKinds: ['agency', 'enterprise'] },
  periodSchemeId: 'tt124',
  notes: [
    'Armed-forces units and small and micro enterprises are outside TT124 (Art. 1).',
    'Criterion 1.1 applies unless the unit has the attribute hasPartyOrganisation = false (no Party organisation).',
    'The clauses of Art. 6 after clause 2 were not retrieved; one optional, unverified criterion stands in for them.',
  ],
  rule: { type: 'all' },
  criteria: [
    {
      id: 'tt124-agency.quarter-1',
      code: '1',
      title: {
        vi: 'Quý I hằng năm có nghị quyết, kế hoạch, đăng ký phấn đấu, nội quy, quy định; phổ biến đến 100% cán bộ, người lao động; có ít nhất 01 mô hình',
        en: 'Quarter 1: resolution, plan, registration, internal rules; all staff briefed; at least one model',
      },
      provenance: article6('partial', 'Khoản 1'),
      criteria: [
        {
          id: 'tt124-agency.quarter-1.party-resolution',
          code: '1.1',
          title: {
            vi: 'Tổ chức Đảng có nghị quyết chuyên đề riêng hoặc lồng ghép về công tác bảo đảm an ninh, trật tự (đối với nơi có tổ chức Đảng)',
            en: 'The Party organisation has a resolution on security and order, standalone or folded in (where one exists)',
          },
          provenance: article6('partial', 'Khoản 1'),
          appliesTo: { attributes: [{ attribute: 'hasPartyOrganisation', notIn: [false] }] },
          measure: { type: 'boolean' },
        },
        {
          id: 'tt124-agency.quarter-1.plan',
          code: '1.2',
          title: {
            vi: 'Cơ quan, doanh nghiệp có kế hoạch về bảo đảm an ninh, trật tự và đăng ký phấn đấu',
            en: 'A unit plan on security and order, and registration',
          },
          provenance: article6('partial', 'Khoản 1'),
          measure: { type: 'boolean' },
        },
        {
          id: 'tt124-agency.quarter-1.internal-rules',
          code: '1.3',
          title: {
            vi: 'Có nội quy, quy định bảo vệ cơ quan, doanh nghiệp, bảo vệ bí mật Nhà nước, bảo vệ chính trị nội bộ, an toàn lao động, phòng, chống cháy nổ, bảo vệ môi trường',
            en: 'Internal rules on unit protection, state secrets, internal political protection, labour safety, fire prevention and environment',
          },
          provenance: article6('partial', 'Khoản 1'),
          measure: { type: 'boolean' },
        },
        {
          id: 'tt124-agency.quarter-1.staff-briefed',
          code: '1.4',
          title: {
            vi: '100% cán bộ, công chức, viên chức, người lao động được phổ biến, quán triệt',
            en: 'Every official, employee and worker briefed',
          },
          provenance: article6('partial', 'Khoản 1'),
          measure: { type: 'boolean' },
        },
        {
          id: 'tt124-agency.quarter-1.movement-model',
          code: '1.5',
          title: {
            vi: 'Có ít nhất 01 mô hình phong trào toàn dân bảo vệ an ninh Tổ quốc hoạt động hiệu quả',
            en: 'At least one effective movement model',
          },
          provenance: article6('partial', 'Khoản 1'),
          measure: { type: 'boolean' },
        },
      ],
    },
    {
      id: 'tt124-agency.coordination',
      code: '2',
      title: {
        vi: 'Thực hiện đầy đủ chính sách, pháp luật và quy chế phối hợp với Công an địa phương về bảo đảm an ninh, trật tự',
        en: 'Policies and the coordination regulation with the local police fully implemented',
      },
      provenance: article6('partial', 'Khoản 2'),
      measure: { type: 'boolean' },
    },
    {
      id: 'tt124-agency.remaining',
      code: '3',
      title: {
        vi: 'Các tiêu chí còn lại của Điều 6 (nội dung chưa được xác minh)',
        en: 'The remaining criteria of Art. 6 (content not yet verified)',
      },
      provenance: article6('unverified'),
      unverified: true,
      required: false,
      measure: { type: 'boolean' },
    },
  ],
} satisfies CriteriaSetDefinition;

const article7 = (confidence: 'verified' | 'partial' | 'unverified') =>
  tt124({ article: 'Điều 7', source: 'baobariavungtau-979343', confidence });

/** Cơ sở giáo dục — TT124 Art. 7: six criteria, five known from a provincial summary. */
export const tt124School = {
  schemaVersion: 1,
  id: 'tt124-school',
  version: 1,
  programId: 'safeSecurityOrder',
  owner: { scope: 'national' },
  status: 'published',
  title: {
    vi: 'Cơ sở giáo dục đạt tiêu chuẩn “An toàn về an ninh, trật tự” (Thông tư 124/2021/TT-BCA, Điều 7)',
    en: 'Educational institution “safe in security and order” (Circular 124/2021/TT-BCA, Art. 7)',
  },
  provenance: { ...setProvenance, article: 'Điều 7' },
  effectiveFrom: '2022-02-10',
  appliesTo: { unitKinds: ['school'] },
  periodSchemeId: 'tt124',
  notes: [
    'Primary schools, kindergartens and nurseries are outside TT124 (Art. 1).',
    'Art. 7 has six criteria; the order here follows a provincial summary, and the sixth was not retrieved.',
  ],
  rule: { type: 'all' },
  criteria: [
    {
      id: 'tt124-school.movement-model',
      code: '1',
      title: { vi: 'Có mô hình phong trào toàn dân bảo vệ an ninh Tổ quốc hoạt động hiệu quả', en: 'A movement model in operation' },
      provenance: article7('partial'),
      measure: { type: 'boolean' },
    },
    {
      id: 'tt124-school.parents-board',
      code: '2',
      title: {
        vi: 'Phối hợp với Ban đại diện cha mẹ học sinh trong quản lý, giáo dục học sinh',
        en: 'Coordination with the parents’ representative board on managing students',
      },
      provenance: article7('partial'),
      measure: { type: 'boolean' },
    },
    {
      id: 'tt124-school.no-incidents',
      code: '3',
      title: {
        vi: 'Không để xảy ra vụ việc phức tạp về an ninh, trật tự, hoạt động kích động, tuyên truyền tín ngưỡng, tôn giáo trái pháp luật',
        en: 'No security incidents, incitement or illegal-belief propaganda',
      },
      provenance: article7('partial'),
      measure: { type: 'boolean' },
    },
    {
      id: 'tt124-school.no-violence',
      code: '4',
      title: { vi: 'Không để xảy ra bạo lực học đường', en: 'No school violence' },
      provenance: article7('partial'),
      measure: { type: 'boolean' },
    },
    {
      id: 'tt124-school.staff-tasks',
      code: '5',
      title: {
        vi: 'Cán bộ, giáo viên, nhân viên hoàn thành nhiệm vụ được giao',
        en: 'Staff complete their assigned tasks',
      },
      provenance: article7('partial'),
      measure: { type: 'boolean' },
    },
    {
      id: 'tt124-school.criterion-6',
      code: '6',
      title: { vi: 'Tiêu chí 6 (nội dung chưa được xác minh)', en: 'Criterion 6 (content not yet verified)' },
      provenance: article7('unverified'),
      unverified: true,
      measure: { type: 'boolean' },
    },
  ],
} satisfies CriteriaSetDefinition;
