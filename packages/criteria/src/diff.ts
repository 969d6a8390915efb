import { walkCriteria, type Catalog, type ResolvedCriteriaSet, type ResolvedCriterion } from './catalog.ts';
import type { Applicability, Comparator, GradeBand, Measure, OutcomeRule, SetRef } from './definition.ts';
import { expectedTextVi } from './explain.ts';
import { formatNumberVi, formatPercentVi } from './text.ts';

export type ChangeSeverity = 'breaking' | 'safe';

export type ChangeKind = 'added' | 'removed' | 'changed' | 'moved';

export interface CriterionChange {
  /** `''` for the set itself. */
  readonly criterionId: string;
  /** The code in `after` (in `before` for a removed criterion); `''` for the set itself. */
  readonly code: string;
  readonly kind: ChangeKind;
  /** What changed: `title`, `measure.threshold`, `rule.count`, `rule.bands[tot].minScore`, `parent`…; absent for added and removed. */
  readonly field?: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly severity: ChangeSeverity;
  /** A short Vietnamese explanation, e.g. "Nâng ngưỡng từ ≥ 70% lên ≥ 80% (chặt hơn)". */
  readonly reason: string;
}

export interface SetDiff {
  readonly from: SetRef;
  readonly to: SetRef;
  /** In the tree order of `after`, removed criteria where they were in `before`; then by field. */
  readonly changes: readonly CriterionChange[];
  readonly breaking: boolean;
  readonly counts: { readonly breaking: number; readonly safe: number };
}

interface Draft {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly breaking: boolean;
  readonly reason: string;
}

function draft(field: string, before: unknown, after: unknown, breaking: boolean, reason: string): Draft {
  return { field, before, after, breaking, reason };
}

const severityOf = (breaking: boolean): ChangeSeverity => (breaking ? 'breaking' : 'safe');

/** Structural equality over plain data; a property set to `undefined` counts as absent. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => same(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (!same(left[key], right[key])) return false;
  return true;
}

/** "Nâng ngưỡng từ A lên B" / "Hạ ngưỡng từ A xuống B"; `verbs` are the rising and falling verbs. */
function shift(verbs: readonly [string, string], what: string, from: string, to: string, up: boolean): string {
  return `${up ? verbs[0] : verbs[1]} ${what} từ ${from} ${up ? 'lên' : 'xuống'} ${to}`;
}

const RAISE = ['Nâng', 'Hạ'] as const;
const GROW = ['Tăng', 'Giảm'] as const;

function formatDateVi(date: string | undefined): string {
  if (date === undefined) return 'không giới hạn';
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

// ---------------------------------------------------------------------------------------------
// Bars: a comparator and a threshold accept an interval of values. A change is safe exactly when the
// new interval contains the old one.

interface Interval {
  readonly lo: number;
  readonly loOpen: boolean;
  readonly hi: number;
  readonly hiOpen: boolean;
}

function intervalOf(comparator: Comparator, threshold: number): Interval {
  switch (comparator) {
    case '>=':
      return { lo: threshold, loOpen: false, hi: Infinity, hiOpen: true };
    case '>':
      return { lo: threshold, loOpen: true, hi: Infinity, hiOpen: true };
    case '<=':
      return { lo: -Infinity, loOpen: true, hi: threshold, hiOpen: false };
    case '<':
      return { lo: -Infinity, loOpen: true, hi: threshold, hiOpen: true };
    case '=':
      return { lo: threshold, loOpen: false, hi: threshold, hiOpen: false };
  }
}

function contains(outer: Interval, inner: Interval): boolean {
  const lo = outer.lo < inner.lo || (outer.lo === inner.lo && (!outer.loOpen || inner.loOpen));
  const hi = outer.hi > inner.hi || (outer.hi === inner.hi && (!outer.hiOpen || inner.hiOpen));
  return lo && hi;
}

type Direction = 'tighter' | 'looser' | 'incomparable';

const DIRECTION_VI: Readonly<Record<Direction, string>> = {
  tighter: 'chặt hơn',
  looser: 'nới lỏng',
  incomparable: 'không so sánh được',
};

function barChange(
  field: 'threshold' | 'thresholdPercent',
  before: { readonly comparator: Comparator; readonly threshold: number; readonly text: string },
  after: { readonly comparator: Comparator; readonly threshold: number; readonly text: string },
  verbs: boolean,
): Draft[] {
  if (before.comparator === after.comparator && before.threshold === after.threshold) return [];
  const old = intervalOf(before.comparator, before.threshold);
  const next = intervalOf(after.comparator, after.threshold);
  const direction: Direction = contains(next, old) ? 'looser' : contains(old, next) ? 'tighter' : 'incomparable';
  const tail = ` (${DIRECTION_VI[direction]})`;
  const breaking = direction !== 'looser';
  if (before.comparator !== after.comparator) {
    return [
      draft(
        'measure.comparator',
        { comparator: before.comparator, [field]: before.threshold },
        { comparator: after.comparator, [field]: after.threshold },
        breaking,
        `Đổi yêu cầu từ ${before.text} thành ${after.text}${tail}`,
      ),
    ];
  }
  const up = after.threshold > before.threshold;
  const reason = verbs
    ? `${shift(RAISE, 'ngưỡng', before.text, after.text, up)}${tail}`
    : `Đổi yêu cầu từ ${before.text} thành ${after.text}${tail}`;
  return [draft(`measure.${field}`, before.threshold, after.threshold, breaking, reason)];
}

// ---------------------------------------------------------------------------------------------
// Measures

const MEASURE_VI: Readonly<Record<Measure['type'], string>> = {
  boolean: 'có/không',
  number: 'số liệu',
  change: 'mức thay đổi so với kỳ trước',
  childShare: 'tỷ lệ đơn vị cấp dưới đạt',
  score: 'chấm điểm',
  programOutcome: 'kết quả chương trình khác',
  evidence: 'tài liệu kèm theo',
};

function diffMeasure(before: Measure, after: Measure): Draft[] {
  if (before.type !== after.type) {
    return [draft('measure', before, after, true, `Đổi cách đo từ ${MEASURE_VI[before.type]} sang ${MEASURE_VI[after.type]}`)];
  }
  const drafts: Draft[] = [];
  const text = { before: expectedTextVi(before), after: expectedTextVi(after) };
  if (before.type === 'boolean' && after.type === 'boolean') {
    const wasExpected = before.expected ?? true;
    const nowExpected = after.expected ?? true;
    if (wasExpected !== nowExpected) {
      drafts.push(draft('measure.expected', wasExpected, nowExpected, true, `Đổi kết quả yêu cầu từ “${text.before}” thành “${text.after}”`));
    }
  } else if (before.type === 'number' && after.type === 'number') {
    drafts.push(
      ...barChange('threshold', { ...before, text: text.before }, { ...after, text: text.after }, true),
      ...unitChange(before.unit, after.unit),
    );
  } else if (before.type === 'change' && after.type === 'change') {
    drafts.push(
      ...barChange(
        'thresholdPercent',
        { comparator: before.comparator, threshold: before.thresholdPercent, text: text.before },
        { comparator: after.comparator, threshold: after.thresholdPercent, text: text.after },
        false,
      ),
      ...unitChange(before.unit, after.unit),
    );
    const wasZero = before.whenBothZero ?? 'met';
    const nowZero = after.whenBothZero ?? 'met';
    if (wasZero !== nowZero) {
      drafts.push(
        draft(
          'measure.whenBothZero',
          wasZero,
          nowZero,
          nowZero === 'notMet',
          `Khi cả hai kỳ đều bằng 0: ${nowZero === 'met' ? 'chuyển thành đạt' : 'chuyển thành chưa đạt'}`,
        ),
      );
    }
  } else if (before.type === 'childShare' && after.type === 'childShare') {
    drafts.push(
      ...barChange(
        'thresholdPercent',
        { comparator: before.comparator, threshold: before.thresholdPercent, text: text.before },
        { comparator: after.comparator, threshold: after.thresholdPercent, text: text.after },
        true,
      ),
    );
    if (before.programId !== after.programId) {
      drafts.push(draft('measure.programId', before.programId, after.programId, true, 'Đổi chương trình dùng để xét đơn vị cấp dưới'));
    }
    if (!same(before.childKinds, after.childKinds)) {
      drafts.push(draft('measure.childKinds', before.childKinds, after.childKinds, true, 'Đổi loại đơn vị cấp dưới được tính'));
    }
    if (!same(before.childAttributes, after.childAttributes)) {
      drafts.push(draft('measure.childAttributes', before.childAttributes, after.childAttributes, true, 'Đổi điều kiện lọc đơn vị cấp dưới'));
    }
    if (before.childLabel !== after.childLabel) {
      drafts.push(draft('measure.childLabel', before.childLabel, after.childLabel, false, 'Sửa tên gọi đơn vị cấp dưới'));
    }
  } else if (before.type === 'score' && after.type === 'score') {
    if (before.maxPoints !== after.maxPoints) {
      drafts.push(
        draft(
          'measure.maxPoints',
          before.maxPoints,
          after.maxPoints,
          true,
          `Đổi điểm tối đa từ ${formatNumberVi(before.maxPoints, 2)} thành ${formatNumberVi(after.maxPoints, 2)}`,
        ),
      );
    }
    if (before.minPoints !== after.minPoints) drafts.push(minPointsChange(before.minPoints, after.minPoints));
  } else if (before.type === 'programOutcome' && after.type === 'programOutcome') {
    if (before.programId !== after.programId) {
      drafts.push(draft('measure.programId', before.programId, after.programId, true, 'Đổi chương trình được tham chiếu'));
    }
  } else if (before.type === 'evidence' && after.type === 'evidence') {
    if (before.documentKind !== after.documentKind) {
      drafts.push(
        draft(
          'measure.documentKind',
          before.documentKind,
          after.documentKind,
          true,
          'Đổi loại tài liệu yêu cầu: tài liệu đã nộp có thể không còn phù hợp',
        ),
      );
    }
  }
  return drafts;
}

function unitChange(before: string | undefined, after: string | undefined): Draft[] {
  if (before === after) return [];
  return [
    draft(
      'measure.unit',
      before,
      after,
      true,
      `Đổi đơn vị đo từ “${before ?? 'không ghi'}” thành “${after ?? 'không ghi'}”: số liệu đã nhập theo đơn vị cũ`,
    ),
  ];
}

function minPointsChange(before: number | undefined, after: number | undefined): Draft {
  // The engine's bar without minPoints is "any positive score".
  const raised = (after ?? Number.MIN_VALUE) > (before ?? Number.MIN_VALUE);
  const reason =
    before === undefined
      ? `Đặt điểm tối thiểu ${formatNumberVi(after ?? 0, 2)}`
      : after === undefined
        ? `Bỏ điểm tối thiểu ${formatNumberVi(before, 2)}`
        : shift(RAISE, 'điểm tối thiểu', formatNumberVi(before, 2), formatNumberVi(after, 2), raised);
  return draft('measure.minPoints', before, after, raised, reason);
}

// ---------------------------------------------------------------------------------------------
// Rules

const RULE_VI: Readonly<Record<OutcomeRule['type'], string>> = {
  all: 'đạt tất cả tiêu chí bắt buộc',
  atLeast: 'đạt tối thiểu một số tiêu chí',
  score: 'chấm điểm xếp loại',
};

const GATE_VI: Readonly<Record<NonNullable<GradeBand['requires']>, string>> = {
  allCritical: 'đạt mọi tiêu chí then chốt',
  allRequired: 'đạt mọi tiêu chí bắt buộc',
};

function atLeastText(rule: { readonly count?: number; readonly percent?: number }): string {
  return rule.count !== undefined ? `${rule.count} tiêu chí` : `${formatPercentVi(rule.percent ?? 100)} số tiêu chí`;
}

function diffRule(before: OutcomeRule, after: OutcomeRule): Draft[] {
  if (before.type !== after.type) {
    return [draft('rule', before, after, true, `Đổi quy tắc đánh giá từ “${RULE_VI[before.type]}” sang “${RULE_VI[after.type]}”`)];
  }
  if (before.type === 'atLeast' && after.type === 'atLeast') {
    if (before.count !== undefined && after.count !== undefined) {
      if (before.count === after.count) return [];
      const up = after.count > before.count;
      return [
        draft('rule.count', before.count, after.count, up, shift(GROW, 'số tiêu chí cần đạt', String(before.count), String(after.count), up)),
      ];
    }
    if (before.percent !== undefined && after.percent !== undefined) {
      if (before.percent === after.percent) return [];
      const up = after.percent > before.percent;
      return [
        draft(
          'rule.percent',
          before.percent,
          after.percent,
          up,
          shift(GROW, 'tỷ lệ tiêu chí cần đạt', formatPercentVi(before.percent), formatPercentVi(after.percent), up),
        ),
      ];
    }
    return [draft('rule', before, after, true, `Đổi yêu cầu từ ${atLeastText(before)} thành ${atLeastText(after)} (không so sánh được)`)];
  }
  if (before.type === 'score' && after.type === 'score') return diffBands(before.bands, after.bands);
  return [];
}

function diffBands(before: readonly GradeBand[], after: readonly GradeBand[]): Draft[] {
  const drafts: Draft[] = [];
  const beforeByGrade = new Map(before.map((band) => [band.grade, band]));
  const afterGrades = new Set(after.map((band) => band.grade));
  // A non-passing band placed above a passing one takes units away from it.
  const shadowsPassing = (band: GradeBand, bands: readonly GradeBand[], minScore: number): boolean =>
    !band.passing && bands.some((other) => other.passing && other.minScore < minScore);

  for (const band of before) {
    if (!afterGrades.has(band.grade)) {
      drafts.push(draft('rule.bands', band, undefined, true, `Bỏ mức xếp loại “${band.title.vi}”`));
    }
  }
  for (const band of after) {
    const old = beforeByGrade.get(band.grade);
    const name = `“${band.title.vi}”`;
    if (!old) {
      drafts.push(
        draft(
          'rule.bands',
          undefined,
          band,
          shadowsPassing(band, after, band.minScore),
          `Thêm mức xếp loại ${name} từ ${formatNumberVi(band.minScore, 2)} điểm`,
        ),
      );
      continue;
    }
    const at = `rule.bands[${band.grade}]`;
    if (old.minScore !== band.minScore) {
      const up = band.minScore > old.minScore;
      drafts.push(
        draft(
          `${at}.minScore`,
          old.minScore,
          band.minScore,
          up || shadowsPassing(old, before, old.minScore),
          shift(RAISE, `điểm sàn mức ${name}`, formatNumberVi(old.minScore, 2), formatNumberVi(band.minScore, 2), up),
        ),
      );
    }
    if (old.passing !== band.passing) {
      drafts.push(
        draft(
          `${at}.passing`,
          old.passing,
          band.passing,
          !band.passing,
          band.passing ? `Mức ${name} được tính là đạt` : `Mức ${name} không còn được tính là đạt`,
        ),
      );
    }
    if (old.requires !== band.requires) {
      const reason =
        band.requires === undefined
          ? `Mức ${name} bỏ điều kiện ${GATE_VI[old.requires ?? 'allRequired']}`
          : old.requires === undefined
            ? `Mức ${name} thêm điều kiện ${GATE_VI[band.requires]}`
            : `Mức ${name} đổi điều kiện từ ${GATE_VI[old.requires]} thành ${GATE_VI[band.requires]}`;
      drafts.push(draft(`${at}.requires`, old.requires, band.requires, band.requires !== undefined, reason));
    }
    if (!same(old.title, band.title)) {
      drafts.push(draft(`${at}.title`, old.title, band.title, false, `Sửa tên mức xếp loại “${old.title.vi}” thành ${name}`));
    }
    if ((old.unverified ?? false) !== (band.unverified ?? false)) {
      drafts.push(draft(`${at}.unverified`, old.unverified ?? false, band.unverified ?? false, false, unverifiedReason(band.unverified ?? false)));
    }
  }
  return drafts;
}

// ---------------------------------------------------------------------------------------------
// Scope: who and when a criterion or the set applies to.

type Reach = 'same' | 'wider' | 'narrower' | 'different';

function compareMembers<T>(before: readonly T[], after: readonly T[]): Reach {
  const inAfter = before.every((item) => after.some((other) => same(item, other)));
  const inBefore = after.every((item) => before.some((other) => same(item, other)));
  if (inAfter && inBefore) return 'same';
  if (inAfter) return 'wider';
  if (inBefore) return 'narrower';
  return 'different';
}

function combine(parts: readonly Reach[]): Reach {
  const moved = new Set(parts.filter((part) => part !== 'same'));
  if (moved.size === 0) return 'same';
  if (moved.size > 1 || moved.has('different')) return 'different';
  return [...moved][0] ?? 'different';
}

function compareApplicability(before: Applicability | undefined, after: Applicability | undefined): Reach {
  const wasKinds = before?.unitKinds;
  const nowKinds = after?.unitKinds;
  const kinds: Reach =
    wasKinds === undefined
      ? nowKinds === undefined
        ? 'same'
        : 'narrower'
      : nowKinds === undefined
        ? 'wider'
        : compareMembers(wasKinds, nowKinds);
  // Attribute conditions are ANDed: fewer conditions let more units in.
  const attributes = compareMembers(after?.attributes ?? [], before?.attributes ?? []);
  return combine([kinds, attributes]);
}

interface Stakes {
  /** Failing it can fail a unit: required, critical, or under a rule other than "all". */
  readonly counts: boolean;
  /** Holding fewer units to it can only help them: the parent's rule is "all". */
  readonly monotone: boolean;
}

function reachBreaks(reach: Reach, stakes: Stakes): boolean {
  if (reach === 'narrower') return !stakes.monotone;
  return stakes.counts;
}

function reachTail(reach: Reach, stakes: Stakes, wider: string, narrower: string): string {
  if (reach === 'narrower' && !stakes.monotone) return ` (${narrower}; nhóm không theo quy tắc “đạt tất cả” nên kết quả có thể giảm)`;
  if (reach === 'narrower') return ` (${narrower})`;
  if (reach === 'wider') return ` (${wider})`;
  return '';
}

function diffScope(
  before: { readonly appliesTo?: Applicability; readonly effectiveFrom?: string; readonly effectiveTo?: string },
  after: { readonly appliesTo?: Applicability; readonly effectiveFrom?: string; readonly effectiveTo?: string },
  stakes: Stakes,
): Draft[] {
  const drafts: Draft[] = [];
  const reach = compareApplicability(before.appliesTo, after.appliesTo);
  if (reach !== 'same') {
    const verb = reach === 'wider' ? 'Mở rộng' : reach === 'narrower' ? 'Thu hẹp' : 'Thay đổi';
    drafts.push(
      draft(
        'appliesTo',
        before.appliesTo,
        after.appliesTo,
        reachBreaks(reach, stakes),
        `${verb} phạm vi áp dụng${reachTail(reach, stakes, 'thêm đơn vị phải đáp ứng', 'ít đơn vị phải đáp ứng hơn')}`,
      ),
    );
  }
  const { effectiveFrom: wasFrom, effectiveTo: wasTo } = before;
  const { effectiveFrom: nowFrom, effectiveTo: nowTo } = after;
  if (wasFrom !== nowFrom) {
    const later: Reach = nowFrom !== undefined && (wasFrom === undefined || nowFrom > wasFrom) ? 'narrower' : 'wider';
    const what =
      wasFrom === undefined
        ? `Đặt ngày bắt đầu hiệu lực ${formatDateVi(nowFrom)}`
        : nowFrom === undefined
          ? `Bỏ ngày bắt đầu hiệu lực ${formatDateVi(wasFrom)}`
          : `Đổi ngày bắt đầu hiệu lực từ ${formatDateVi(wasFrom)} sang ${formatDateVi(nowFrom)}`;
    drafts.push(
      draft(
        'effectiveFrom',
        wasFrom,
        nowFrom,
        reachBreaks(later, stakes),
        `${what}${reachTail(later, stakes, 'áp dụng lâu hơn', 'áp dụng ngắn hơn')}`,
      ),
    );
  }
  if (wasTo !== nowTo) {
    const earlier: Reach = nowTo !== undefined && (wasTo === undefined || nowTo < wasTo) ? 'narrower' : 'wider';
    const what =
      wasTo === undefined
        ? `Đặt ngày hết hiệu lực ${formatDateVi(nowTo)}`
        : nowTo === undefined
          ? `Bỏ ngày hết hiệu lực ${formatDateVi(wasTo)}`
          : `Đổi ngày hết hiệu lực từ ${formatDateVi(wasTo)} sang ${formatDateVi(nowTo)}`;
    drafts.push(
      draft(
        'effectiveTo',
        wasTo,
        nowTo,
        reachBreaks(earlier, stakes),
        `${what}${reachTail(earlier, stakes, 'áp dụng lâu hơn', 'áp dụng ngắn hơn')}`,
      ),
    );
  }
  return drafts;
}

// ---------------------------------------------------------------------------------------------
// Trees

interface Entry {
  readonly node: ResolvedCriterion;
  readonly parent: ResolvedCriterion | undefined;
  /** Position in a pre-order walk of the tree. */
  readonly order: number;
}

interface Tree {
  readonly set: ResolvedCriteriaSet;
  /** By id, in tree order. */
  readonly entries: ReadonlyMap<string, Entry>;
}

function indexTree(set: ResolvedCriteriaSet): Tree {
  const entries = new Map<string, Entry>();
  let order = 0;
  for (const { node, parent } of walkCriteria(set.criteria)) entries.set(node.id, { node, parent, order: order++ });
  return { set, entries };
}

function parentRule(tree: Tree, entry: Entry): OutcomeRule {
  return entry.parent?.rule ?? tree.set.rule;
}

function counts(node: ResolvedCriterion, rule: OutcomeRule): boolean {
  return node.required || node.critical || rule.type !== 'all';
}

/** Whether a criterion failing here fails the whole set: every ancestor is an "all" group that counts. */
function decisive(tree: Tree, entry: Entry): boolean {
  let parent = entry.parent;
  while (parent) {
    if (parent.rule?.type !== 'all' || !(parent.required || parent.critical)) return false;
    parent = tree.entries.get(parent.id)?.parent;
  }
  return tree.set.rule.type === 'all';
}

function where(parent: ResolvedCriterion | undefined): string {
  return parent ? `nhóm ${parent.code}` : 'cấp cao nhất của bộ';
}

function unverifiedReason(unverified: boolean): string {
  return unverified ? 'Đánh dấu nội dung chưa kiểm chứng' : 'Xác nhận nội dung (bỏ đánh dấu chưa kiểm chứng)';
}

const noun = (node: ResolvedCriterion): string => (node.kind === 'group' ? 'nhóm tiêu chí' : 'tiêu chí');

function addedReason(node: ResolvedCriterion, rule: OutcomeRule): string {
  const what = `Thêm ${noun(node)}`;
  if (rule.type === 'score') return `${what} vào nhóm chấm điểm: đổi tổng điểm tối đa`;
  if (rule.type === 'atLeast') return `${what} vào nhóm “đạt tối thiểu”: đổi số tiêu chí được tính`;
  if (node.critical) return `${what} then chốt`;
  if (node.required) return `${what} bắt buộc: đơn vị phải đạt thêm`;
  return `${what} không bắt buộc`;
}

function compareNodes(oldTree: Tree, old: Entry, newTree: Tree, next: Entry): Draft[] {
  const a = old.node;
  const b = next.node;
  const drafts: Draft[] = [];
  const oldRule = parentRule(oldTree, old);
  const newRule = parentRule(newTree, next);

  if ((old.parent?.id ?? '') !== (next.parent?.id ?? '')) {
    const safe = decisive(oldTree, old) && decisive(newTree, next);
    drafts.push(
      draft(
        'parent',
        old.parent?.id ?? '',
        next.parent?.id ?? '',
        !safe,
        `Chuyển từ ${where(old.parent)} sang ${where(next.parent)}${safe ? '' : ': đổi cách tính kết quả của nhóm'}`,
      ),
    );
  }
  if (a.code !== b.code) drafts.push(draft('code', a.code, b.code, false, `Đổi số hiệu từ ${a.code} thành ${b.code} (định danh giữ nguyên)`));
  if (!same(a.title, b.title)) drafts.push(draft('title', a.title, b.title, false, 'Sửa tên tiêu chí'));
  if (!same(a.description, b.description)) drafts.push(draft('description', a.description, b.description, false, 'Sửa mô tả'));
  if (!same(a.provenance, b.provenance)) drafts.push(draft('provenance', a.provenance, b.provenance, false, 'Sửa căn cứ pháp lý'));
  if (a.note !== b.note) drafts.push(draft('note', a.note, b.note, false, 'Sửa ghi chú'));
  if (a.unverified !== b.unverified) drafts.push(draft('unverified', a.unverified, b.unverified, false, unverifiedReason(b.unverified)));

  if (a.measure && b.measure) drafts.push(...diffMeasure(a.measure, b.measure));
  else if (a.measure && b.criteria) {
    drafts.push(draft('measure', a.measure, undefined, true, 'Chuyển từ tiêu chí đo trực tiếp thành nhóm tiêu chí con'));
  } else if (a.criteria && b.measure) {
    drafts.push(draft('measure', undefined, b.measure, true, 'Chuyển từ nhóm tiêu chí con thành tiêu chí đo trực tiếp'));
  } else if (a.kind !== b.kind) {
    drafts.push(draft('kind', a.kind, b.kind, false, 'Đổi cách hiển thị (nhóm hay tiêu chí)'));
  }
  if (a.rule && b.rule) drafts.push(...diffRule(a.rule, b.rule));

  if (a.required !== b.required) {
    const reason = b.required ? 'Chuyển thành tiêu chí bắt buộc' : 'Chuyển thành tiêu chí không bắt buộc';
    drafts.push(draft('required', a.required, b.required, b.required, reason));
  }
  if (a.critical !== b.critical) {
    const reason = b.critical ? 'Đánh dấu là tiêu chí then chốt' : 'Bỏ đánh dấu tiêu chí then chốt';
    drafts.push(draft('critical', a.critical, b.critical, b.critical, reason));
  }
  if (a.weight !== b.weight) {
    const scored = oldRule.type === 'score' || newRule.type === 'score';
    drafts.push(
      draft(
        'weight',
        a.weight,
        b.weight,
        scored,
        `Đổi trọng số từ ${formatNumberVi(a.weight, 2)} thành ${formatNumberVi(b.weight, 2)}${
          scored ? ' trong nhóm chấm điểm' : ' (nhóm không chấm điểm nên không ảnh hưởng kết quả)'
        }`,
      ),
    );
  }
  drafts.push(
    ...diffScope(a, b, {
      counts: counts(a, oldRule) || counts(b, newRule),
      monotone: oldRule.type === 'all' && newRule.type === 'all',
    }),
  );
  return drafts;
}

function diffSetFields(before: ResolvedCriteriaSet, after: ResolvedCriteriaSet): Draft[] {
  const drafts: Draft[] = [];
  if (before.programId !== after.programId) {
    drafts.push(draft('programId', before.programId, after.programId, true, 'Chuyển bộ tiêu chí sang chương trình khác'));
  }
  if (before.periodSchemeId !== after.periodSchemeId) {
    drafts.push(draft('periodSchemeId', before.periodSchemeId, after.periodSchemeId, true, 'Đổi cách chia kỳ đánh giá: kết quả đã lưu theo kỳ cũ'));
  }
  drafts.push(...diffRule(before.rule, after.rule));
  drafts.push(...diffScope(before, after, { counts: true, monotone: true }));
  return drafts;
}

// ---------------------------------------------------------------------------------------------

interface Placed {
  readonly change: CriterionChange;
  readonly order: number;
  readonly suborder: number;
}

function fromDraft(criterionId: string, code: string, kind: ChangeKind, d: Draft): CriterionChange {
  return {
    criterionId,
    code,
    kind,
    field: d.field,
    ...(d.before !== undefined && { before: d.before }),
    ...(d.after !== undefined && { after: d.after }),
    severity: severityOf(d.breaking),
    reason: d.reason,
  };
}

function removedCount(node: ResolvedCriterion, survivors: ReadonlyMap<string, Entry>): number {
  let total = 0;
  for (const { node: child } of walkCriteria(node.criteria ?? [])) if (!survivors.has(child.id)) total++;
  return total;
}

/**
 * What changed between two versions of a criteria set, or between a province variant and its parent.
 * As in a GraphQL schema diff, a change is **breaking** when it can turn a unit that met the set into
 * one that does not, or leaves stored results meaning something else; **safe** when it cannot.
 *
 * Breaking:
 * - a criterion removed (always); added when it *counts*: required, critical, or under an "atLeast"
 *   or "score" rule (the tally or the maximum moves); an optional one under "all" is safe;
 * - a measure bar that no longer accepts every value the old one did: `≥`/`>` raised, `≤`/`<` lowered,
 *   any `=` change, a comparator change unless it only widens (`=` → `≥`, `≤ 0` → `< 1`);
 * - measure type, leaf ↔ group, `childKinds`, `childAttributes`, `programId`, `unit`, `documentKind`,
 *   boolean `expected`, score `maxPoints`; score `minPoints` raised; `whenBothZero` met → notMet;
 * - rule type; `atLeast` count/percent raised or switched between the two; a band removed, its
 *   `minScore` raised, `passing` turned off, a `requires` gate added or changed, a non-passing band
 *   added or lowered above a passing one;
 * - `required` or `critical` false → true; `weight` when the parent rule scores points;
 * - `appliesTo` or effective dates widened for a criterion that counts, or narrowed under a rule other
 *   than "all" (points or met criteria a unit relied on disappear);
 * - a move to another group, unless both places are decisive (every ancestor an "all" group that
 *   counts, up to an "all" set).
 *
 * Safe: the reverse of each of the above, and `code`, `title`, `description`, `provenance`, `note`,
 * `unverified`, `kind`, band titles. The set itself is reported with `criterionId: ''`: its `rule`,
 * `appliesTo` and effective dates by the same logic, `programId` and `periodSchemeId` as breaking; its
 * metadata (title, notes, owner, status…) is not compared, since a province variant always differs there.
 *
 * Criteria are matched by id anywhere in the tree, never by code, so a renumbered criterion is one safe
 * `code` change. An added or removed group is one change; its sub-criteria are not listed again.
 *
 * @example
 * const diff = diffCriteriaSets(catalog.get({ setId: 'tt124', version: 1 })!, catalog.get({ setId: 'tt124', version: 2 })!);
 * for (const change of diff.changes) if (change.severity === 'breaking') warn(change.code, change.reason);
 */
export function diffCriteriaSets(before: ResolvedCriteriaSet, after: ResolvedCriteriaSet): SetDiff {
  const oldTree = indexTree(before);
  const newTree = indexTree(after);
  const placed: Placed[] = diffSetFields(before, after).map((d) => ({ change: fromDraft('', '', 'changed', d), order: -1, suborder: 0 }));

  for (const next of newTree.entries.values()) {
    const { node } = next;
    const old = oldTree.entries.get(node.id);
    if (old) {
      for (const d of compareNodes(oldTree, old, newTree, next)) {
        placed.push({ change: fromDraft(node.id, node.code, d.field === 'parent' ? 'moved' : 'changed', d), order: next.order, suborder: 0 });
      }
      continue;
    }
    // Sub-criteria of an added group come with it.
    if (next.parent && !oldTree.entries.has(next.parent.id)) continue;
    const rule = parentRule(newTree, next);
    placed.push({
      change: {
        criterionId: node.id,
        code: node.code,
        kind: 'added',
        after: node,
        severity: severityOf(counts(node, rule)),
        reason: addedReason(node, rule),
      },
      order: next.order,
      suborder: 0,
    });
  }

  // A removed criterion sits after the last criterion before it that survives.
  let anchor = -1;
  for (const old of oldTree.entries.values()) {
    const { node } = old;
    const survivor = newTree.entries.get(node.id);
    if (survivor) {
      anchor = survivor.order;
      continue;
    }
    if (old.parent && !newTree.entries.has(old.parent.id)) continue;
    const children = removedCount(node, newTree.entries);
    placed.push({
      change: {
        criterionId: node.id,
        code: node.code,
        kind: 'removed',
        before: node,
        severity: 'breaking',
        reason: `Bỏ ${noun(node)}${children > 0 ? ` cùng ${children} tiêu chí con` : ''}: kết quả đã lưu mất tiêu chí tương ứng`,
      },
      order: anchor,
      suborder: 1 + old.order,
    });
  }

  placed.sort((x, y) => {
    if (x.order !== y.order) return x.order - y.order;
    if (x.suborder !== y.suborder) return x.suborder - y.suborder;
    const fx = x.change.field ?? '';
    const fy = y.change.field ?? '';
    return fx < fy ? -1 : fx > fy ? 1 : 0;
  });
  const changes = placed.map((p) => p.change);
  const breaking = changes.filter((change) => change.severity === 'breaking').length;
  return {
    from: before.ref,
    to: after.ref,
    changes,
    breaking: breaking > 0,
    counts: { breaking, safe: changes.length - breaking },
  };
}

/**
 * What a set that `extends` another changes, diffed against its resolved parent: a province variant
 * against the national set it adapts. `undefined` when the set is unknown or extends nothing.
 *
 * @example
 * const diff = diffWithParent(catalog, { setId: 'tt124-hai-phong', version: 1 });
 * diff?.changes.map((c) => `${c.code}: ${c.reason}`);
 */
export function diffWithParent(catalog: Catalog, ref: SetRef): SetDiff | undefined {
  const set = catalog.get(ref);
  const parentRef = set?.definition.extends;
  if (!set || !parentRef) return undefined;
  const parent = catalog.get(parentRef);
  return parent ? diffCriteriaSets(parent, set) : undefined;
}
