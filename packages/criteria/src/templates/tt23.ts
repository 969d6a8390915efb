import type { CriteriaSetDefinition } from '../definition.ts';
import { BCA, citing } from './common.ts';

const tt23 = citing('Thông tư 23/2012/TT-BCA', BCA);
// Only clause 4 (the 70% rule) is numbered in the sources; the other clauses are cited by article.
const article6 = (clause?: string) =>
  tt23({ article: 'Điều 6', ...(clause && { clause }), source: 'tvpl-4EF3', confidence: 'verified' });

/**
 * Xã, phường, thị trấn under Thông tư 23/2012/TT-BCA Art. 6, replaced by TT124 on 10 Feb 2022. Kept
 * to evaluate and migrate historical results; 16 of 25 villages recognised fails, 18 are needed.
 */
export const tt23Commune = {
  schemaVersion: 1,
  id: 'tt23-commune',
  version: 1,
  programId: 'safeSecurityOrder',
  owner: { scope: 'national' },
  status: 'published',
  title: {
    vi: 'Xã, phường, thị trấn đạt tiêu chuẩn “An toàn về an ninh, trật tự” (Thông tư 23/2012/TT-BCA, Điều 6)',
    en: 'Commune, ward or township “safe in security and order” (Circular 23/2012/TT-BCA, Art. 6)',
  },
  provenance: tt23({ article: 'Điều 6', effectiveTo: '2022-02-09', source: 'tvpl-tt23', confidence: 'verified' }),
  effectiveTo: '2022-02-09',
  appliesTo: { unitKinds: ['commune', 'ward', 'township'] },
  notes: [
    'Historical: replaced by Thông tư 124/2021/TT-BCA from 10 Feb 2022. The date TT23 (signed 27 Apr 2012) came into force was not verified, so effectiveFrom is left out.',
    'The 70% share counts residential areas only (TT23 Art. 6 cl. 4); TT124 counts agencies, enterprises and schools too.',
    'The TT23 assessment windows were not verified, so no period scheme is attached.',
  ],
  rule: { type: 'all' },
  criteria: [
    {
      id: 'tt23-commune.resolution-plan',
      code: '1',
      title: {
        vi: 'Hằng năm có nghị quyết của Đảng ủy, kế hoạch của Ủy ban nhân dân về bảo đảm an ninh, trật tự và đăng ký phấn đấu',
        en: 'Yearly Party-committee resolution, People’s Committee plan and registration',
      },
      provenance: article6(),
      measure: { type: 'boolean' },
    },
    {
      id: 'tt23-commune.kdc-criteria',
      code: '2',
      title: {
        vi: 'Đạt các tiêu chí quy định tại khoản 2, 3, 4 Điều 5 (tiêu chí khu dân cư)',
        en: 'Meets the residential-area criteria of Art. 5 cl. 2–4',
      },
      provenance: article6(),
      note: 'The content of TT23 Art. 5 itself was not retrieved.',
      measure: { type: 'boolean' },
    },
    {
      id: 'tt23-commune.police-rating',
      code: '3',
      title: {
        vi: 'Công an xã và lực lượng bảo vệ dân phố được xếp loại từ “Đơn vị tiên tiến” trở lên; không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên',
        en: 'Commune police and civil guard rated at least “Advanced unit”; nobody disciplined at warning level or above',
      },
      provenance: article6(),
      measure: { type: 'boolean' },
    },
    {
      id: 'tt23-commune.kdc-share',
      code: '4',
      title: {
        vi: 'Có 70% số khu dân cư trở lên được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”',
        en: 'At least 70% of residential areas recognised “safe in security and order”',
      },
      provenance: article6('Khoản 4'),
      measure: {
        type: 'childShare',
        programId: 'safeSecurityOrder',
        childKinds: ['residentialArea'],
        comparator: '>=',
        thresholdPercent: 70,
      },
    },
  ],
} satisfies CriteriaSetDefinition;
