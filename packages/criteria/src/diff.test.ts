import { describe, expect, it } from 'vitest';
import type { ResolvedCriteriaSet } from './catalog.ts';
import { createCatalog, resolveCriteriaSet } from './catalog.ts';
import type { CriteriaSetDefinition, CriterionDefinition, GradeBand } from './definition.ts';
import type { SetDiff } from './diff.ts';
import { diffCriteriaSets, diffWithParent } from './diff.ts';

type Writable<T> = T extends readonly (infer U)[]
  ? Writable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Writable<T[K]> }
    : T;
type DraftSet = Writable<CriteriaSetDefinition>;
type DraftCriterion = Writable<CriterionDefinition>;

const leaf = (id: string, code: string, extra: Partial<DraftCriterion> = {}): DraftCriterion => ({
  id,
  code,
  title: { vi: `Tiêu chí ${code}` },
  measure: { type: 'boolean' },
  ...extra,
});

const national: CriteriaSetDefinition = {
  schemaVersion: 1,
  id: 'an-toan',
  version: 1,
  programId: 'p',
  owner: { scope: 'national' },
  status: 'published',
  title: { vi: 'Bộ tiêu chí an toàn' },
  appliesTo: { unitKinds: ['commune', 'ward'] },
  rule: { type: 'all' },
  criteria: [
    {
      id: 'thon-dat',
      code: '1',
      title: { vi: 'Tỷ lệ thôn đạt an toàn' },
      measure: { type: 'childShare', programId: 'p', childKinds: ['residentialArea'], comparator: '>=', thresholdPercent: 70 },
    },
    {
      id: 'vu-viec',
      code: '2',
      title: { vi: 'Số vụ việc nghiêm trọng' },
      measure: { type: 'number', comparator: '<=', threshold: 0, unit: 'vụ' },
    },
    {
      id: 'phong-trao',
      code: '3',
      title: { vi: 'Phong trào toàn dân' },
      criteria: [leaf('pt-1', '3.1'), leaf('pt-2', '3.2'), leaf('pt-3', '3.3')],
    },
    {
      id: 'diem',
      code: '4',
      title: { vi: 'Chấm điểm' },
      rule: {
        type: 'score',
        bands: [
          { grade: 'tot', title: { vi: 'Tốt' }, minScore: 8, passing: true },
          { grade: 'kha', title: { vi: 'Khá' }, minScore: 5, passing: true },
          { grade: 'yeu', title: { vi: 'Yếu' }, minScore: 0, passing: false },
        ],
      },
      criteria: [
        leaf('d-1', '4.1', { measure: { type: 'score', maxPoints: 5 } }),
        leaf('d-2', '4.2', { measure: { type: 'score', maxPoints: 5 } }),
      ],
    },
    {
      id: 'nhom-khac',
      code: '5',
      title: { vi: 'Nhóm khác' },
      criteria: [leaf('nk-1', '5.1')],
    },
  ],
};

function resolve(def: CriteriaSetDefinition): ResolvedCriteriaSet {
  const result = resolveCriteriaSet(def, () => undefined);
  if (!result.ok) throw new Error(`unexpected issues: ${JSON.stringify(result.errors)}`);
  return result.value;
}

function find(list: DraftCriterion[] | undefined, id: string): DraftCriterion | undefined {
  for (const node of list ?? []) {
    if (node.id === id) return node;
    const found = find(node.criteria, id);
    if (found) return found;
  }
  return undefined;
}

/** A copy of `from` as version 2, changed by `edit`. */
function revise(edit: (draft: DraftSet, at: (id: string) => DraftCriterion) => void, from = national): CriteriaSetDefinition {
  const draft = JSON.parse(JSON.stringify(from)) as DraftSet;
  draft.version = from.version + 1;
  edit(draft, (id) => {
    const node = find(draft.criteria, id);
    if (!node) throw new Error(`no criterion ${id}`);
    return node;
  });
  return draft as CriteriaSetDefinition;
}

function diff(edit: (draft: DraftSet, at: (id: string) => DraftCriterion) => void, from = national): SetDiff {
  return diffCriteriaSets(resolve(from), resolve(revise(edit, from)));
}

/** The parts of each change worth asserting on, in order. */
const summary = (d: SetDiff) => d.changes.map((c) => [c.code, c.kind, c.field ?? '', c.severity]);

describe('diffCriteriaSets', () => {
  it('finds nothing between identical sets', () => {
    const d = diff(() => {});
    expect(d).toEqual({
      from: { setId: 'an-toan', version: 1 },
      to: { setId: 'an-toan', version: 2 },
      changes: [],
      breaking: false,
      counts: { breaking: 0, safe: 0 },
    });
  });

  it('ignores set metadata and the origin each criterion records', () => {
    const d = diff((s) => {
      s.title = { vi: 'Bộ tiêu chí an toàn (sửa đổi)' };
      s.notes = ['ghi chú'];
      s.status = 'draft';
    });
    expect(d.changes).toEqual([]);
  });

  it('reports a reworded title as one safe change', () => {
    const d = diff((_, at) => {
      at('vu-viec').title = { vi: 'Số vụ việc rất nghiêm trọng' };
    });
    expect(d.changes).toEqual([
      {
        criterionId: 'vu-viec',
        code: '2',
        kind: 'changed',
        field: 'title',
        before: { vi: 'Số vụ việc nghiêm trọng' },
        after: { vi: 'Số vụ việc rất nghiêm trọng' },
        severity: 'safe',
        reason: 'Sửa tên tiêu chí',
      },
    ]);
    expect(d.breaking).toBe(false);
    expect(d.counts).toEqual({ breaking: 0, safe: 1 });
  });

  it.each([
    ['description', (c: DraftCriterion) => void (c.description = { vi: 'Mô tả' })],
    ['provenance', (c: DraftCriterion) => void (c.provenance = { issuer: 'Bộ Công an', document: 'TT 124/2021' })],
    ['note', (c: DraftCriterion) => void (c.note = 'ghi chú')],
    ['unverified', (c: DraftCriterion) => void (c.unverified = true)],
  ])('treats %s as safe', (field, edit) => {
    const d = diff((_, at) => edit(at('vu-viec')));
    expect(summary(d)).toEqual([['2', 'changed', field, 'safe']]);
  });

  describe('thresholds', () => {
    const share = (percent: number, comparator: '>=' | '>' = '>=') =>
      diff((_, at) => {
        at('thon-dat').measure = {
          type: 'childShare',
          programId: 'p',
          childKinds: ['residentialArea'],
          comparator,
          thresholdPercent: percent,
        };
      });

    it('treats a higher childShare bar under ≥ as breaking', () => {
      const d = share(80);
      expect(d.changes).toEqual([
        expect.objectContaining({
          criterionId: 'thon-dat',
          field: 'measure.thresholdPercent',
          before: 70,
          after: 80,
          severity: 'breaking',
          reason: 'Nâng ngưỡng từ ≥ 70% lên ≥ 80% (chặt hơn)',
        }),
      ]);
      expect(d.breaking).toBe(true);
    });

    it('treats a lower childShare bar under ≥ as safe', () => {
      const d = share(60);
      expect(d.changes).toEqual([
        expect.objectContaining({ field: 'measure.thresholdPercent', before: 70, after: 60, severity: 'safe' }),
      ]);
      expect(d.changes[0]?.reason).toBe('Hạ ngưỡng từ ≥ 70% xuống ≥ 60% (nới lỏng)');
      expect(d.breaking).toBe(false);
    });

    it('treats ≥ → > at the same threshold as breaking and reports it as one comparator change', () => {
      const d = share(70, '>');
      expect(d.changes).toEqual([
        expect.objectContaining({
          field: 'measure.comparator',
          before: { comparator: '>=', thresholdPercent: 70 },
          after: { comparator: '>', thresholdPercent: 70 },
          severity: 'breaking',
        }),
      ]);
    });

    const count = (threshold: number, comparator: '<=' | '<' | '=' | '>=' = '<=', from = national) =>
      diff((_, at) => {
        at('vu-viec').measure = { type: 'number', comparator, threshold, unit: 'vụ' };
      }, from);
    const oneAllowed = revise((_, at) => {
      at('vu-viec').measure = { type: 'number', comparator: '<=', threshold: 1, unit: 'vụ' };
    });

    it('treats ≤ 0 → ≤ 1 as looser, so safe', () => {
      expect(summary(count(1))).toEqual([['2', 'changed', 'measure.threshold', 'safe']]);
      expect(count(1).changes[0]?.reason).toBe('Nâng ngưỡng từ ≤ 0 vụ lên ≤ 1 vụ (nới lỏng)');
    });

    it('treats ≤ 1 → ≤ 0 as tighter, so breaking', () => {
      const d = count(0, '<=', oneAllowed);
      expect(summary(d)).toEqual([['2', 'changed', 'measure.threshold', 'breaking']]);
      expect(d.changes[0]?.reason).toBe('Hạ ngưỡng từ ≤ 1 vụ xuống ≤ 0 vụ (chặt hơn)');
    });

    it('treats ≤ 0 → < 1 as looser and < 1 → ≤ 0 as tighter', () => {
      expect(count(1, '<').changes[0]?.severity).toBe('safe');
      const strict = revise((_, at) => {
        at('vu-viec').measure = { type: 'number', comparator: '<', threshold: 1, unit: 'vụ' };
      });
      expect(count(0, '<=', strict).changes[0]?.severity).toBe('breaking');
    });

    it('treats any change of an = threshold as breaking, and = → ≥ as looser', () => {
      const exact = revise((_, at) => {
        at('vu-viec').measure = { type: 'number', comparator: '=', threshold: 3 };
      });
      expect(count(2, '=', exact).changes.map((c) => c.severity)).toContain('breaking');
      expect(count(4, '=', exact).changes.map((c) => c.severity)).toContain('breaking');
      const widened = diffCriteriaSets(
        resolve(exact),
        resolve(revise((_, at) => void (at('vu-viec').measure = { type: 'number', comparator: '>=', threshold: 3 }), exact)),
      );
      expect(summary(widened)).toEqual([['2', 'changed', 'measure.comparator', 'safe']]);
    });

    it('treats a change of unit as breaking: stored values were entered in the old one', () => {
      const d = diff((_, at) => {
        at('vu-viec').measure = { type: 'number', comparator: '<=', threshold: 0, unit: 'trường hợp' };
      });
      expect(summary(d)).toEqual([['2', 'changed', 'measure.unit', 'breaking']]);
    });

    it('reads a percent change: down ≥ 5% → down ≥ 10% is tighter', () => {
      const down = (percent: number) => (s: DraftSet, at: (id: string) => DraftCriterion) => {
        void s;
        at('vu-viec').measure = { type: 'change', comparator: '<=', thresholdPercent: -percent };
      };
      const five = revise(down(5));
      const tighter = diffCriteriaSets(resolve(five), resolve(revise(down(10), five)));
      expect(tighter.changes).toEqual([
        expect.objectContaining({ field: 'measure.thresholdPercent', severity: 'breaking', reason: 'Đổi yêu cầu từ giảm ≥ 5% thành giảm ≥ 10% (chặt hơn)' }),
      ]);
      const looser = diffCriteriaSets(resolve(five), resolve(revise(down(3), five)));
      expect(looser.changes[0]?.severity).toBe('safe');
    });

    it('treats a changed measure type, child kinds or program as breaking', () => {
      const d = diff((_, at) => {
        at('thon-dat').measure = {
          type: 'childShare',
          programId: 'q',
          childKinds: ['residentialArea', 'agency'],
          comparator: '>=',
          thresholdPercent: 70,
        };
        at('vu-viec').measure = { type: 'boolean' };
      });
      expect(summary(d)).toEqual([
        ['1', 'changed', 'measure.childKinds', 'breaking'],
        ['1', 'changed', 'measure.programId', 'breaking'],
        ['2', 'changed', 'measure', 'breaking'],
      ]);
    });

    it('treats score maxPoints as breaking and minPoints by direction', () => {
      const withMin = revise((_, at) => void (at('d-1').measure = { type: 'score', maxPoints: 5, minPoints: 2 }));
      const d = (measure: { type: 'score'; maxPoints: number; minPoints?: number }) =>
        summary(diffCriteriaSets(resolve(withMin), resolve(revise((_, at) => void (at('d-1').measure = measure), withMin))));
      expect(d({ type: 'score', maxPoints: 5, minPoints: 3 })).toEqual([['4.1', 'changed', 'measure.minPoints', 'breaking']]);
      expect(d({ type: 'score', maxPoints: 5, minPoints: 1 })).toEqual([['4.1', 'changed', 'measure.minPoints', 'safe']]);
      expect(d({ type: 'score', maxPoints: 5 })).toEqual([['4.1', 'changed', 'measure.minPoints', 'safe']]);
      expect(d({ type: 'score', maxPoints: 6, minPoints: 2 })).toEqual([['4.1', 'changed', 'measure.maxPoints', 'breaking']]);
    });
  });

  describe('added and removed criteria', () => {
    it('treats an added optional criterion under an "all" rule as safe', () => {
      const d = diff((_, at) => {
        at('phong-trao').criteria!.push(leaf('pt-4', '3.4', { required: false }));
      });
      expect(d.changes).toEqual([
        expect.objectContaining({ criterionId: 'pt-4', code: '3.4', kind: 'added', severity: 'safe', reason: 'Thêm tiêu chí không bắt buộc' }),
      ]);
      expect(d.changes[0]?.field).toBeUndefined();
      expect(d.breaking).toBe(false);
    });

    it('treats an added required criterion as breaking', () => {
      const d = diff((s) => {
        s.criteria!.push(leaf('moi', '6'));
      });
      expect(summary(d)).toEqual([['6', 'added', '', 'breaking']]);
      expect(d.changes[0]?.after).toMatchObject({ id: 'moi', required: true });
    });

    it('treats an added optional criterion under a score rule as breaking: the maximum changes', () => {
      const d = diff((_, at) => {
        at('diem').criteria!.push(leaf('d-3', '4.3', { required: false, measure: { type: 'score', maxPoints: 2 } }));
      });
      expect(summary(d)).toEqual([['4.3', 'added', '', 'breaking']]);
    });

    it('treats an added optional but critical criterion as breaking', () => {
      const d = diff((s) => void s.criteria!.push(leaf('moi', '6', { required: false, critical: true })));
      expect(summary(d)).toEqual([['6', 'added', '', 'breaking']]);
    });

    it('reports an added group once, not each of its sub-criteria', () => {
      const d = diff((s) => {
        s.criteria!.push({ id: 'g6', code: '6', title: { vi: 'Nhóm 6' }, criteria: [leaf('g6-1', '6.1'), leaf('g6-2', '6.2')] });
      });
      expect(summary(d)).toEqual([['6', 'added', '', 'breaking']]);
      expect(d.changes[0]?.reason).toBe('Thêm nhóm tiêu chí bắt buộc: đơn vị phải đạt thêm');
    });

    it('treats a removed criterion as breaking, even an optional one', () => {
      const optional = revise((_, at) => void (at('pt-2').required = false));
      const d = diffCriteriaSets(resolve(optional), resolve(revise((_, at) => void at('phong-trao').criteria!.splice(1, 1), optional)));
      expect(d.changes).toEqual([
        expect.objectContaining({ criterionId: 'pt-2', code: '3.2', kind: 'removed', severity: 'breaking' }),
      ]);
      expect(d.changes[0]?.before).toMatchObject({ id: 'pt-2' });
    });

    it('reports a removed group once, counting its sub-criteria', () => {
      const d = diff((s) => void s.criteria!.splice(2, 1));
      expect(summary(d)).toEqual([['3', 'removed', '', 'breaking']]);
      expect(d.changes[0]?.reason).toBe('Bỏ nhóm tiêu chí cùng 3 tiêu chí con: kết quả đã lưu mất tiêu chí tương ứng');
    });
  });

  describe('rules', () => {
    const twenty: CriteriaSetDefinition = {
      ...national,
      id: 'ntm',
      rule: { type: 'atLeast', count: 20 },
      criteria: Array.from({ length: 21 }, (_, i) => leaf(`tc-${i + 1}`, String(i + 1))),
    };

    it('treats atLeast 20 → 18 as safe and 18 → 20 as breaking', () => {
      const eighteen = revise((s) => void (s.rule = { type: 'atLeast', count: 18 }), twenty);
      const lowered = diffCriteriaSets(resolve(twenty), resolve(eighteen));
      expect(lowered.changes).toEqual([
        {
          criterionId: '',
          code: '',
          kind: 'changed',
          field: 'rule.count',
          before: 20,
          after: 18,
          severity: 'safe',
          reason: 'Giảm số tiêu chí cần đạt từ 20 xuống 18',
        },
      ]);
      const raised = diffCriteriaSets(resolve(eighteen), resolve(twenty));
      expect(summary(raised)).toEqual([['', 'changed', 'rule.count', 'breaking']]);
    });

    it('treats switching between count and percent, or the rule type, as breaking', () => {
      const percent = revise((s) => void (s.rule = { type: 'atLeast', percent: 90 }), twenty);
      expect(summary(diffCriteriaSets(resolve(twenty), resolve(percent)))).toEqual([['', 'changed', 'rule', 'breaking']]);
      const all = revise((s) => void (s.rule = { type: 'all' }), twenty);
      expect(summary(diffCriteriaSets(resolve(twenty), resolve(all)))).toEqual([['', 'changed', 'rule', 'breaking']]);
      const group = diff((_, at) => void (at('phong-trao').rule = { type: 'atLeast', count: 2 }));
      expect(summary(group)).toEqual([['3', 'changed', 'rule', 'breaking']]);
    });

    it('treats an added optional criterion under atLeast as breaking: the tally changes', () => {
      const d = diffCriteriaSets(resolve(twenty), resolve(revise((s) => void s.criteria!.push(leaf('tc-22', '22', { required: false })), twenty)));
      expect(summary(d)).toEqual([['22', 'added', '', 'breaking']]);
    });

    const bands = (edit: (bands: Writable<GradeBand>[]) => void) =>
      diff((_, at) => {
        const rule = at('diem').rule;
        if (rule?.type !== 'score') throw new Error('expected a score rule');
        edit(rule.bands);
      });

    it('treats a raised band minScore as breaking and a lowered one as safe', () => {
      const raised = bands((b) => void (b[0]!.minScore = 9));
      expect(raised.changes).toEqual([
        expect.objectContaining({
          criterionId: 'diem',
          field: 'rule.bands[tot].minScore',
          before: 8,
          after: 9,
          severity: 'breaking',
          reason: 'Nâng điểm sàn mức “Tốt” từ 8 lên 9',
        }),
      ]);
      expect(summary(bands((b) => void (b[1]!.minScore = 4)))).toEqual([['4', 'changed', 'rule.bands[kha].minScore', 'safe']]);
    });

    it('treats a lowered non-passing band above a passing one as breaking', () => {
      const odd = revise((_, at) => {
        at('diem').rule = {
          type: 'score',
          bands: [
            { grade: 'chua', title: { vi: 'Chưa xét' }, minScore: 9, passing: false },
            { grade: 'kha', title: { vi: 'Khá' }, minScore: 5, passing: true },
          ],
        };
      });
      const lowered = revise((_, at) => {
        const rule = at('diem').rule;
        if (rule?.type === 'score') rule.bands[0]!.minScore = 7;
      }, odd);
      expect(summary(diffCriteriaSets(resolve(odd), resolve(lowered)))).toEqual([['4', 'changed', 'rule.bands[chua].minScore', 'breaking']]);
    });

    it('classifies band passing, removal, addition and gates', () => {
      expect(summary(bands((b) => void (b[1]!.passing = false)))).toEqual([['4', 'changed', 'rule.bands[kha].passing', 'breaking']]);
      expect(summary(bands((b) => void b.splice(1, 1)))).toEqual([['4', 'changed', 'rule.bands', 'breaking']]);
      expect(
        summary(bands((b) => void b.splice(2, 0, { grade: 'tb', title: { vi: 'Trung bình' }, minScore: 3, passing: true }))),
      ).toEqual([['4', 'changed', 'rule.bands', 'safe']]);
      expect(summary(bands((b) => void (b[0]!.requires = 'allCritical')))).toEqual([['4', 'changed', 'rule.bands[tot].requires', 'breaking']]);
      expect(summary(bands((b) => void (b[0]!.title = { vi: 'Tốt lắm' })))).toEqual([['4', 'changed', 'rule.bands[tot].title', 'safe']]);
    });

    it('treats a removed band gate as safe', () => {
      const gated = revise((_, at) => {
        const rule = at('diem').rule;
        if (rule?.type === 'score') rule.bands[0]!.requires = 'allRequired';
      });
      const d = diffCriteriaSets(resolve(gated), resolve(revise(() => {}, gated)));
      expect(d.changes).toEqual([]);
      const ungated = diffCriteriaSets(resolve(gated), resolve(national));
      expect(summary(ungated)).toEqual([['4', 'changed', 'rule.bands[tot].requires', 'safe']]);
    });
  });

  describe('flags', () => {
    it('treats a criterion made critical as breaking, and the reverse as safe', () => {
      const critical = diff((_, at) => void (at('pt-1').critical = true));
      expect(critical.changes).toEqual([
        expect.objectContaining({ criterionId: 'pt-1', field: 'critical', before: false, after: true, severity: 'breaking' }),
      ]);
      expect(diffCriteriaSets(resolve(revise((_, at) => void (at('pt-1').critical = true))), resolve(national)).changes).toEqual([
        expect.objectContaining({ field: 'critical', severity: 'safe' }),
      ]);
    });

    it('treats required false → true as breaking, true → false as safe', () => {
      expect(summary(diff((_, at) => void (at('pt-1').required = false)))).toEqual([['3.1', 'changed', 'required', 'safe']]);
      const optional = revise((_, at) => void (at('pt-1').required = false));
      expect(summary(diffCriteriaSets(resolve(optional), resolve(national)))).toEqual([['3.1', 'changed', 'required', 'breaking']]);
    });

    it('treats weight as breaking only inside a score rule', () => {
      expect(summary(diff((_, at) => void (at('d-1').weight = 2)))).toEqual([['4.1', 'changed', 'weight', 'breaking']]);
      expect(summary(diff((_, at) => void (at('pt-1').weight = 2)))).toEqual([['3.1', 'changed', 'weight', 'safe']]);
    });
  });

  describe('scope', () => {
    it('treats wider applicability of a required criterion as breaking and narrower as safe', () => {
      const narrow = revise((_, at) => void (at('pt-1').appliesTo = { unitKinds: ['commune'] }));
      const widened = diffCriteriaSets(resolve(narrow), resolve(national));
      expect(widened.changes).toEqual([
        expect.objectContaining({ field: 'appliesTo', severity: 'breaking', reason: 'Mở rộng phạm vi áp dụng (thêm đơn vị phải đáp ứng)' }),
      ]);
      expect(summary(diffCriteriaSets(resolve(national), resolve(narrow)))).toEqual([['3.1', 'changed', 'appliesTo', 'safe']]);
    });

    it('treats fewer attribute conditions as wider', () => {
      const conditioned = revise(
        (_, at) => void (at('pt-1').appliesTo = { unitKinds: ['commune'], attributes: [{ attribute: 'bienGioi', equals: true }] }),
      );
      const relaxed = revise((_, at) => void (at('pt-1').appliesTo = { unitKinds: ['commune'] }), conditioned);
      expect(summary(diffCriteriaSets(resolve(conditioned), resolve(relaxed)))).toEqual([['3.1', 'changed', 'appliesTo', 'breaking']]);
    });

    it('treats wider applicability of an optional criterion under "all" as safe', () => {
      const narrow = revise((_, at) => {
        at('pt-1').appliesTo = { unitKinds: ['commune'] };
        at('pt-1').required = false;
      });
      const wide = revise((_, at) => void (at('pt-1').appliesTo = { unitKinds: ['commune', 'ward'] }), narrow);
      expect(summary(diffCriteriaSets(resolve(narrow), resolve(wide)))).toEqual([['3.1', 'changed', 'appliesTo', 'safe']]);
    });

    it('treats narrower applicability under a score rule as breaking: points can be lost', () => {
      const d = diff((_, at) => void (at('d-1').appliesTo = { unitKinds: ['commune'] }));
      expect(summary(d)).toEqual([['4.1', 'changed', 'appliesTo', 'breaking']]);
    });

    it('treats a later start or an earlier end as safe, the reverse as breaking', () => {
      const dated = revise((_, at) => {
        at('pt-1').effectiveFrom = '2026-01-01';
        at('pt-1').effectiveTo = '2030-12-31';
      });
      const shorter = revise((_, at) => {
        at('pt-1').effectiveFrom = '2027-01-01';
        at('pt-1').effectiveTo = '2029-12-31';
      }, dated);
      const d = diffCriteriaSets(resolve(dated), resolve(shorter));
      expect(summary(d)).toEqual([
        ['3.1', 'changed', 'effectiveFrom', 'safe'],
        ['3.1', 'changed', 'effectiveTo', 'safe'],
      ]);
      expect(d.changes[0]?.reason).toBe('Đổi ngày bắt đầu hiệu lực từ 01/01/2026 sang 01/01/2027 (áp dụng ngắn hơn)');
      expect(summary(diffCriteriaSets(resolve(shorter), resolve(dated)))).toEqual([
        ['3.1', 'changed', 'effectiveFrom', 'breaking'],
        ['3.1', 'changed', 'effectiveTo', 'breaking'],
      ]);
      expect(summary(diffCriteriaSets(resolve(dated), resolve(national)))).toEqual([
        ['3.1', 'changed', 'effectiveFrom', 'breaking'],
        ['3.1', 'changed', 'effectiveTo', 'breaking'],
      ]);
    });

    it('applies the same logic to the set itself', () => {
      const d = diff((s) => {
        s.appliesTo = { unitKinds: ['commune', 'ward', 'specialZone'] };
        s.effectiveFrom = '2026-01-01';
      });
      expect(d.changes).toEqual([
        expect.objectContaining({ criterionId: '', code: '', field: 'appliesTo', severity: 'breaking' }),
        expect.objectContaining({ criterionId: '', code: '', field: 'effectiveFrom', severity: 'safe' }),
      ]);
    });
  });

  describe('identity and place', () => {
    it('sees a renumbered criterion as one safe code change, not removed and added', () => {
      const d = diff((_, at) => void (at('vu-viec').code = '2a'));
      expect(d.changes).toEqual([
        {
          criterionId: 'vu-viec',
          code: '2a',
          kind: 'changed',
          field: 'code',
          before: '2',
          after: '2a',
          severity: 'safe',
          reason: 'Đổi số hiệu từ 2 thành 2a (định danh giữ nguyên)',
        },
      ]);
    });

    it('matches by id even when codes are swapped', () => {
      const d = diff((_, at) => {
        at('pt-1').code = '3.2';
        at('pt-2').code = '3.1';
      });
      expect(summary(d)).toEqual([
        ['3.2', 'changed', 'code', 'safe'],
        ['3.1', 'changed', 'code', 'safe'],
      ]);
    });

    it('treats a move between two "all" groups on a required path as safe', () => {
      const d = diff((s, at) => {
        const [moved] = at('phong-trao').criteria!.splice(2, 1);
        at('nhom-khac').criteria!.push(moved!);
        void s;
      });
      expect(d.changes).toEqual([
        expect.objectContaining({ criterionId: 'pt-3', kind: 'moved', field: 'parent', before: 'phong-trao', after: 'nhom-khac', severity: 'safe' }),
      ]);
      expect(d.changes[0]?.reason).toBe('Chuyển từ nhóm 3 sang nhóm 5');
    });

    it('treats a move into a score group, or out of an optional group, as breaking', () => {
      const intoScore = diff((_, at) => {
        const [moved] = at('phong-trao').criteria!.splice(2, 1);
        at('diem').criteria!.push({ ...moved!, measure: { type: 'score', maxPoints: 1 } });
      });
      expect(summary(intoScore)).toEqual([
        ['3.3', 'changed', 'measure', 'breaking'],
        ['3.3', 'moved', 'parent', 'breaking'],
      ]);
      const optionalGroup = revise((_, at) => {
        at('nhom-khac').required = false;
        at('nhom-khac').criteria!.push(leaf('nk-2', '5.2'));
      });
      const out = revise((s, at) => void s.criteria!.push(at('nhom-khac').criteria!.shift()!), optionalGroup);
      const d = diffCriteriaSets(resolve(optionalGroup), resolve(out));
      expect(summary(d)).toEqual([['5.1', 'moved', 'parent', 'breaking']]);
      expect(d.changes[0]?.after).toBe('');
    });

    it('orders changes by the tree of the new version, removed ones where they were', () => {
      const d = diff((s, at) => {
        at('diem').title = { vi: 'Chấm điểm (mới)' };
        at('pt-1').critical = true;
        at('pt-1').title = { vi: 'Tên mới' };
        at('phong-trao').criteria!.splice(1, 1);
        s.criteria!.splice(1, 1);
        s.criteria!.unshift(leaf('dau', '0', { required: false }));
        s.rule = { type: 'atLeast', count: 4 };
      });
      expect(summary(d)).toEqual([
        ['', 'changed', 'rule', 'breaking'],
        ['0', 'added', '', 'breaking'],
        ['2', 'removed', '', 'breaking'],
        ['3.1', 'changed', 'critical', 'breaking'],
        ['3.1', 'changed', 'title', 'safe'],
        ['3.2', 'removed', '', 'breaking'],
        ['4', 'changed', 'title', 'safe'],
      ]);
      expect(d.counts).toEqual({ breaking: 5, safe: 2 });
    });
  });
});

describe('diffWithParent', () => {
  const haiPhong: CriteriaSetDefinition = {
    schemaVersion: 1,
    id: 'an-toan-hai-phong',
    version: 1,
    programId: 'p',
    owner: { scope: 'province', provinceCode: '31' },
    status: 'published',
    title: { vi: 'Bộ tiêu chí an toàn – Hải Phòng' },
    appliesTo: { unitKinds: ['commune', 'ward'] },
    extends: { setId: 'an-toan', version: 1 },
    changes: [
      { op: 'add', criterion: leaf('bien-dao', '16', { title: { vi: 'An ninh biển đảo' } }) },
      { op: 'override', targetId: 'thon-dat', set: { measure: { thresholdPercent: 80 } } },
    ],
  };

  const catalog = (() => {
    const result = createCatalog({ programs: [{ id: 'p', title: { vi: 'P' } }], sets: [national, haiPhong] });
    if (!result.ok) throw new Error(`unexpected issues: ${JSON.stringify(result.errors)}`);
    return result.value;
  })();

  it('lists exactly what the province variant changes', () => {
    const d = diffWithParent(catalog, { setId: 'an-toan-hai-phong', version: 1 });
    expect(d?.from).toEqual({ setId: 'an-toan', version: 1 });
    expect(d?.to).toEqual({ setId: 'an-toan-hai-phong', version: 1 });
    expect(d?.changes).toEqual([
      expect.objectContaining({ criterionId: 'thon-dat', code: '1', kind: 'changed', field: 'measure.thresholdPercent', before: 70, after: 80, severity: 'breaking' }),
      expect.objectContaining({ criterionId: 'bien-dao', code: '16', kind: 'added', severity: 'breaking' }),
    ]);
    expect(d?.breaking).toBe(true);
  });

  it('is undefined for a set without a parent or an unknown set', () => {
    expect(diffWithParent(catalog, { setId: 'an-toan', version: 1 })).toBeUndefined();
    expect(diffWithParent(catalog, { setId: 'khong-co', version: 1 })).toBeUndefined();
  });
});
