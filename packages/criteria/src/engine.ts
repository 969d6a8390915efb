import type { ResolvedCriteriaSet } from './catalog.ts';
import type { GradeBand, Measure, OutcomeRule, SetRef } from './definition.ts';
import { describeChangeVi, expectedTextVi, STATUS_VI, type Status } from './explain.ts';
import {
  appliesTo,
  buildKernel,
  FLAG_BOTH_ZERO,
  FLAG_INVALID,
  FLAG_MISSING,
  FLAG_NO_LONGER_EFFECTIVE,
  FLAG_NO_PREVIOUS,
  FLAG_NOT_YET_EFFECTIVE,
  FLAG_OUT_OF_SCOPE,
  MET,
  NOT_APPLICABLE,
  NOT_ASSESSED,
  NOT_MET,
  runKernel,
  STATUS_BY_CODE,
  type CriterionInputs,
  type EvaluationContext,
  type Kernel,
  type KernelNode,
} from './kernel.ts';
import { formatNumberVi, formatPercentVi, type LocalizedText } from './text.ts';
import { nationalPrograms } from './templates/programs.ts';
import { nationalUnitKinds } from './unit-kinds.ts';

export type { Status } from './explain.ts';
export {
  appliesTo,
  compare,
  matchesAttributes,
  requiredChildCount,
  type ChildUnit,
  type CriterionInput,
  type CriterionInputs,
  type EvaluationContext,
  type EvidenceRef,
  type UnitFacts,
} from './kernel.ts';

/** Something that would move a criterion (and so its set) towards "met". */
export interface Hint {
  readonly criterionId: string;
  readonly code: string;
  readonly text: string;
  /** How many more units, criteria or points, where that is a count. */
  readonly needed?: number;
}

export interface ChildShareDetail {
  readonly type: 'childShare';
  readonly met: number;
  readonly total: number;
  readonly notAssessed: number;
  readonly percent: number | undefined;
  /** Children that must be met for the threshold to hold. */
  readonly requiredMet: number;
  /** How many more must be met; 0 when met. */
  readonly missing: number;
  /** How many met children could be lost before the criterion fails; 0 when not met. */
  readonly margin: number;
}

export interface ChangeDetail {
  readonly type: 'change';
  readonly percent: number;
  readonly previousValue: number;
}

export interface ScoreDetail {
  readonly type: 'score';
  readonly score: number;
  readonly maxScore: number;
  /** With criteria still unassessed the score could reach this. */
  readonly potentialScore: number;
  readonly grade?: GradeBand;
  /** The grades still possible while some criteria are unassessed, best first. */
  readonly possibleGrades?: readonly string[];
}

export interface CountDetail {
  readonly type: 'count';
  readonly met: number;
  readonly applicable: number;
  readonly notAssessed: number;
  /** How many must be met (N of M); for "all" rules, the required criteria that apply. */
  readonly requiredMet: number;
}

export type ResultDetail = ChildShareDetail | ChangeDetail | ScoreDetail | CountDetail;

export interface CriterionResult {
  readonly id: string;
  readonly code: string;
  readonly title: LocalizedText;
  readonly kind: 'group' | 'criterion';
  readonly parentId: string | undefined;
  readonly depth: number;
  readonly status: Status;
  readonly required: boolean;
  readonly critical: boolean;
  readonly unverified: boolean;
  readonly measureType: Measure['type'] | 'group';
  readonly value: boolean | number | null | undefined;
  /** The bar, in Vietnamese: "= 0 vụ", "≥ 70%", "20/20 tiêu chí". */
  readonly expected: string;
  readonly reason: string;
  readonly detail: ResultDetail | undefined;
  readonly invalidInput: boolean;
  readonly hints: readonly Hint[];
}

export interface Evaluation {
  readonly set: SetRef;
  readonly programId: string;
  readonly status: Status;
  readonly reason: string;
  readonly detail: ScoreDetail | CountDetail | undefined;
  /** Grade band for a scored set. */
  readonly grade: GradeBand | undefined;
  /** Every criterion, parents before children. */
  readonly criteria: readonly CriterionResult[];
  /** Leaf criteria still waiting for an input. */
  readonly missingInputs: readonly string[];
  readonly invalidInputs: readonly string[];
  /** What would turn a "not met" set into "met". Empty otherwise. */
  readonly whatWouldChange: readonly Hint[];
  readonly summary: string;
}

/**
 * An evaluation without its full criteria list, with the criteria not met instead: what reports and
 * drill-downs show, a tenth of the size. The database stores one beside each stored explanation,
 * derived by the same rule as {@link summarizeEvaluation}.
 */
export interface EvaluationSummary extends Omit<Evaluation, 'criteria'> {
  /** Criteria and groups whose status is `notMet`, parents before children. */
  readonly failingCriteria: readonly CriterionResult[];
}

/** The criteria and groups not met, in the evaluation's order (parents before children). */
export function failingCriteria(evaluation: Pick<Evaluation, 'criteria'>): CriterionResult[] {
  return evaluation.criteria.filter((criterion) => criterion.status === 'notMet');
}

export function summarizeEvaluation(evaluation: Evaluation): EvaluationSummary {
  const { criteria: _criteria, ...rest } = evaluation;
  return { ...rest, failingCriteria: failingCriteria(evaluation) };
}

export interface EngineLabels {
  /** Vietnamese names of unit kinds, used in share-of-children explanations. */
  readonly unitKinds?: Readonly<Record<string, string>>;
  /** Vietnamese names of programs, used where one program follows another. */
  readonly programs?: Readonly<Record<string, string>>;
}

const DEFAULT_KIND_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  nationalUnitKinds.map((kind) => [kind.id, kind.title.vi.toLowerCase()]),
);
const DEFAULT_PROGRAM_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  nationalPrograms.map((program) => [program.id, program.title.vi]),
);

/** A criteria set prepared once for many evaluations. Not shared across threads. */
export interface CompiledCriteriaSet {
  readonly set: ResolvedCriteriaSet;
  readonly kernel: Kernel;
  readonly labels: Required<EngineLabels>;
  /** The bar of each node, by kernel index. */
  readonly expected: readonly string[];
}

function ruleExpected(rule: OutcomeRule, childCount: number): string {
  switch (rule.type) {
    case 'all':
      return 'đạt tất cả tiêu chí bắt buộc';
    case 'atLeast':
      return rule.count !== undefined ? `${rule.count}/${childCount} tiêu chí` : `≥ ${formatPercentVi(rule.percent ?? 0)} tiêu chí`;
    case 'score':
      return rule.bands.map((band) => `${band.title.vi} ≥ ${formatNumberVi(band.minScore, 2)}`).join('; ');
  }
}

export function compileCriteriaSet(set: ResolvedCriteriaSet, labels: EngineLabels = {}): CompiledCriteriaSet {
  const kernel = buildKernel(set);
  return {
    set,
    kernel,
    labels: {
      unitKinds: { ...DEFAULT_KIND_LABELS, ...labels.unitKinds },
      programs: { ...DEFAULT_PROGRAM_LABELS, ...labels.programs },
    },
    expected: kernel.nodes.map((node) =>
      node.measure ? expectedTextVi(node.measure) : ruleExpected(node.rule ?? { type: 'all' }, node.children.length),
    ),
  };
}

const compiledCache = new WeakMap<ResolvedCriteriaSet, CompiledCriteriaSet>();

/** The set compiled once and kept while the set lives; a compiled set is returned as it is. */
export function compiledFor(set: ResolvedCriteriaSet | CompiledCriteriaSet): CompiledCriteriaSet {
  if ('kernel' in set) return set;
  let compiled = compiledCache.get(set);
  if (!compiled) {
    compiled = compileCriteriaSet(set);
    compiledCache.set(set, compiled);
  }
  return compiled;
}

/**
 * The outcome alone, without explanation: for roll-ups and impact previews over thousands of units.
 * Same rules as {@link evaluate}, which calls the same kernel. Units already held as columns (stored
 * rows) go faster through `evaluateBatch`, which gives the same statuses.
 */
export function evaluateStatus(
  set: ResolvedCriteriaSet | CompiledCriteriaSet,
  inputs: CriterionInputs,
  context: EvaluationContext,
): Status {
  const compiled = compiledFor(set);
  if (!appliesTo(compiled.set.appliesTo, context.unit)) return 'notApplicable';
  runKernel(compiled.kernel, inputs, context);
  return STATUS_BY_CODE[compiled.kernel.state.status[0]!]!;
}

// ---------------------------------------------------------------------------------------------
// Explanation: reads the kernel's numbers, writes Vietnamese.

const NO_HINTS: readonly Hint[] = [];

interface Explained {
  readonly reason: string;
  readonly detail: ResultDetail | undefined;
  readonly hints: readonly Hint[];
  readonly value: boolean | number | null | undefined;
}

interface Run {
  readonly compiled: CompiledCriteriaSet;
  readonly inputs: CriterionInputs;
  readonly results: CriterionResult[];
  readonly missing: string[];
  readonly invalid: string[];
}

function codesOf(kernel: Kernel, indexes: readonly number[]): string {
  return indexes.map((index) => kernel.nodes[index]!.criterion!.code).join(', ');
}

function scopeReason(flags: number, node: KernelNode): string {
  if (flags & FLAG_NOT_YET_EFFECTIVE) return `Không áp dụng: có hiệu lực từ ${node.criterion!.effectiveFrom}`;
  if (flags & FLAG_NO_LONGER_EFFECTIVE) return `Không áp dụng: hết hiệu lực từ ${node.criterion!.effectiveTo}`;
  return 'Không áp dụng cho đơn vị này';
}

function hint(node: KernelNode, text: string, needed?: number): Hint[] {
  const criterion = node.criterion!;
  return [needed === undefined ? { criterionId: criterion.id, code: criterion.code, text } : { criterionId: criterion.id, code: criterion.code, text, needed }];
}

function explainLeaf(run: Run, node: KernelNode): Explained {
  const { compiled, inputs } = run;
  const s = compiled.kernel.state;
  const i = node.index;
  const status = s.status[i]!;
  const flags = s.flags[i]!;
  const measure = node.measure!;
  const expected = compiled.expected[i]!;
  const input = inputs[node.criterion!.id];
  const raw = input?.value;
  const shownValue = typeof raw === 'number' || typeof raw === 'boolean' ? raw : raw === null ? null : undefined;

  if (flags & FLAG_INVALID) {
    const wanted =
      measure.type === 'boolean'
        ? 'có hoặc không'
        : measure.type === 'score'
          ? `số điểm từ 0 đến ${formatNumberVi(measure.maxPoints, 2)}`
          : typeof raw === 'number' && measure.type === 'change'
            ? 'một số cho kỳ trước'
            : 'một số';
    return { reason: `Giá trị không hợp lệ: cần ${wanted}`, detail: undefined, hints: hint(node, `nhập lại giá trị (${wanted})`), value: shownValue };
  }
  if (flags & FLAG_MISSING) {
    const reason = measure.type === 'evidence' ? 'Chưa đánh giá: chưa đính kèm tài liệu' : 'Chưa đánh giá: chưa có số liệu';
    return { reason, detail: undefined, hints: NO_HINTS, value: undefined };
  }

  const verdict = status === MET ? 'Đạt' : 'Chưa đạt';
  switch (measure.type) {
    case 'childShare': {
      const met = s.a[i]!;
      const total = s.b[i]!;
      const pending = s.c[i]!;
      const requiredMet = s.d[i]!;
      const label = measure.childLabel ?? measure.childKinds.map((kind) => compiled.labels.unitKinds[kind] ?? kind).join(', ');
      if (total === 0) return { reason: `Không áp dụng: không có ${label} nào`, detail: undefined, hints: NO_HINTS, value: undefined };
      const percent = s.value[i]!;
      const missing = Math.max(0, requiredMet - met);
      const detail: ChildShareDetail = {
        type: 'childShare',
        met,
        total,
        notAssessed: pending,
        percent,
        requiredMet,
        missing,
        margin: status === MET ? met - requiredMet : 0,
      };
      const share = `${met}/${total} ${label} đạt (${formatPercentVi(percent)}), yêu cầu ${expected}`;
      const waiting = pending > 0 ? `, ${pending} chưa có kết quả` : '';
      const reason =
        status === MET
          ? `Đạt: ${share}`
          : status === NOT_MET
            ? `Chưa đạt: ${share}; cần ${requiredMet}, thiếu ${missing}${waiting}`
            : `Chưa đủ kết quả: ${share}; cần ${requiredMet}${waiting}`;
      return { reason, detail, hints: missing > 0 ? hint(node, `thêm ${missing} ${label} đạt`, missing) : NO_HINTS, value: percent };
    }
    case 'programOutcome': {
      const program = compiled.labels.programs[measure.programId] ?? measure.programId;
      const statusText = STATUS_VI[STATUS_BY_CODE[status]!];
      return {
        reason: `${statusText} theo kết quả “${program}” của cùng đơn vị`,
        detail: undefined,
        hints: status === NOT_MET ? hint(node, `đạt “${program}”`) : NO_HINTS,
        value: undefined,
      };
    }
    case 'evidence': {
      const document = expected.replace(/^có /, '');
      return status === MET
        ? { reason: `Đạt: có ${s.value[i]} tài liệu kèm theo`, detail: undefined, hints: NO_HINTS, value: true }
        : { reason: `Chưa đạt: không có ${document}`, detail: undefined, hints: hint(node, `đính kèm ${document}`), value: false };
    }
    case 'boolean': {
      const said = raw ? 'có' : 'không';
      return status === MET
        ? { reason: `Đạt: ${said}`, detail: undefined, hints: NO_HINTS, value: shownValue }
        : { reason: `Chưa đạt: ${said} (yêu cầu ${expected})`, detail: undefined, hints: hint(node, `chuyển thành “${expected}”`), value: shownValue };
    }
    case 'number': {
      const shown = `${formatNumberVi(raw as number, 2)}${measure.unit ? ` ${measure.unit}` : ''}`;
      return {
        reason: `${verdict}: ${shown} (yêu cầu ${expected})`,
        detail: undefined,
        hints: status === MET ? NO_HINTS : hint(node, `đưa về ${expected} (hiện ${shown})`),
        value: shownValue,
      };
    }
    case 'change': {
      if (flags & FLAG_NO_PREVIOUS) return { reason: 'Chưa đánh giá: thiếu số liệu kỳ trước', detail: undefined, hints: NO_HINTS, value: shownValue };
      const previous = s.b[i]!;
      const percent = s.a[i]!;
      const detail: ChangeDetail = { type: 'change', percent, previousValue: previous };
      if (flags & FLAG_BOTH_ZERO) {
        return { reason: `${verdict}: cả hai kỳ đều bằng 0 (yêu cầu ${expected})`, detail, hints: NO_HINTS, value: shownValue };
      }
      const unit = measure.unit ? ` ${measure.unit}` : '';
      const counts = `${formatNumberVi(raw as number, 2)}${unit} so với ${formatNumberVi(previous, 2)}${unit} kỳ trước`;
      const allowed = previous * (1 + measure.thresholdPercent / 100);
      return {
        reason: `${verdict}: ${describeChangeVi(percent)} (${counts}), yêu cầu ${expected}`,
        detail,
        hints: status === MET ? NO_HINTS : hint(node, `${expected} (tức khoảng ${formatNumberVi(allowed, 1)}${unit} trở xuống)`),
        value: shownValue,
      };
    }
    case 'score': {
      const value = s.value[i]!;
      const gap = measure.minPoints !== undefined ? measure.minPoints - value : 0;
      return {
        reason: `${verdict}: ${formatNumberVi(value, 2)}/${formatNumberVi(measure.maxPoints, 2)} điểm`,
        detail: undefined,
        hints: status === NOT_MET && gap > 0 ? hint(node, `thêm ${formatNumberVi(gap, 2)} điểm`, gap) : NO_HINTS,
        value,
      };
    }
  }
}

interface GroupExplained extends Explained {
  readonly detail: ScoreDetail | CountDetail | undefined;
  readonly grade: GradeBand | undefined;
}

function explainGroup(run: Run, node: KernelNode, childHints: ReadonlyMap<number, readonly Hint[]>): GroupExplained {
  const kernel = run.compiled.kernel;
  const s = kernel.state;
  const g = node.index;
  const rule = node.rule!;
  const status = s.status[g]!;
  const met = s.a[g]!;
  const applicable = s.b[g]!;
  const notAssessed = s.c[g]!;
  const children = node.children;
  const failed = children.filter((c) => s.status[c] === NOT_MET);
  const criticalFailed = failed.filter((c) => kernel.nodes[c]!.critical);
  const requiredFailed = failed.filter((c) => kernel.nodes[c]!.required);
  const hintsOf = (indexes: readonly number[]): Hint[] => indexes.flatMap((c) => childHints.get(c) ?? NO_HINTS);
  const criticalNote = criticalFailed.length > 0 ? `tiêu chí then chốt ${codesOf(kernel, criticalFailed)} chưa đạt` : undefined;
  const none = { detail: undefined, grade: undefined, value: undefined };

  if (status === NOT_APPLICABLE) {
    return { ...none, reason: 'Không có tiêu chí nào áp dụng', hints: NO_HINTS };
  }

  if (rule.type === 'score') {
    const grade = s.grade[g]! >= 0 ? rule.bands[s.grade[g]!] : undefined;
    const best = s.bestGrade[g]! >= 0 ? rule.bands[s.bestGrade[g]!] : undefined;
    const score = s.value[g]!;
    const maxScore = s.d[g]!;
    const potentialScore = score + s.potential[g]! / node.weight;
    const possibleGrades = rule.bands
      .filter((band) => (!grade || band.minScore >= grade.minScore) && (!best || band.minScore <= best.minScore))
      .map((band) => band.grade);
    const detail: ScoreDetail = {
      type: 'score',
      score,
      maxScore,
      potentialScore,
      ...(grade && { grade }),
      ...(notAssessed > 0 && { possibleGrades }),
    };
    const scoreText = `${formatNumberVi(score, 2)}/${formatNumberVi(maxScore, 2)} điểm`;
    if (status === NOT_ASSESSED) {
      return { reason: `Chưa đủ kết quả: ${scoreText} tạm tính, ${notAssessed} tiêu chí chưa chấm`, detail, grade, hints: NO_HINTS, value: score };
    }
    if (status === MET) return { reason: `Xếp loại ${grade!.title.vi}: ${scoreText}`, detail, grade, hints: NO_HINTS, value: score };
    const nextPassing = [...rule.bands].reverse().find((band) => band.passing && band.minScore > score);
    const gap = nextPassing ? nextPassing.minScore - score : 0;
    const groupCode = node.criterion?.code ?? '';
    const groupId = node.criterion?.id ?? run.compiled.set.ref.setId;
    const hints: readonly Hint[] =
      nextPassing && gap > 0
        ? [{ criterionId: groupId, code: groupCode, text: `thêm ${formatNumberVi(gap, 2)} điểm để xếp loại ${nextPassing.title.vi}`, needed: gap }]
        : hintsOf(criticalFailed);
    const graded = grade ? `Xếp loại ${grade.title.vi}` : 'Không đủ điểm xếp loại';
    return { reason: `${graded}: ${scoreText}${criticalNote ? `; ${criticalNote}` : ''}`, detail, grade, hints, value: score };
  }

  if (rule.type === 'all') {
    const requiredApplicable = children.filter((c) => kernel.nodes[c]!.required && s.status[c] !== NOT_APPLICABLE).length;
    const detail: CountDetail = { type: 'count', met, applicable, notAssessed, requiredMet: requiredApplicable };
    const tally = `${met}/${applicable} tiêu chí đạt`;
    if (status === NOT_MET) {
      const failing = criticalNote ?? `chưa đạt tiêu chí ${codesOf(kernel, requiredFailed)}`;
      return { ...none, detail, reason: `Chưa đạt: ${failing} (${tally})`, hints: hintsOf([...new Set([...criticalFailed, ...requiredFailed])]) };
    }
    if (status === NOT_ASSESSED) {
      const pending = children.filter((c) => kernel.nodes[c]!.required && s.status[c] === NOT_ASSESSED).length;
      return { ...none, detail, reason: `Chưa đủ kết quả: ${pending} tiêu chí bắt buộc chưa đánh giá (${met}/${applicable} đạt)`, hints: NO_HINTS };
    }
    return { ...none, detail, reason: `Đạt: ${tally}`, hints: NO_HINTS };
  }

  const requiredMet = s.d[g]!;
  const detail: CountDetail = { type: 'count', met, applicable, notAssessed, requiredMet };
  const tally = `${met}/${applicable} tiêu chí đạt, yêu cầu ${requiredMet}/${applicable}`;
  if (status === MET) return { ...none, detail, reason: `Đạt: ${tally}`, hints: NO_HINTS };
  if (status === NOT_ASSESSED) return { ...none, detail, reason: `Chưa đủ kết quả: ${tally}, ${notAssessed} chưa đánh giá`, hints: NO_HINTS };
  if (criticalNote) return { ...none, detail, reason: `Chưa đạt: ${criticalNote} (${tally})`, hints: hintsOf(criticalFailed) };
  const deficit = requiredMet - met;
  const groupHint: Hint = {
    criterionId: node.criterion?.id ?? run.compiled.set.ref.setId,
    code: node.criterion?.code ?? '',
    text: `đạt thêm ${deficit} tiêu chí (trong số ${codesOf(kernel, failed)})`,
    needed: deficit,
  };
  return { ...none, detail, reason: `Chưa đạt: ${tally}; thiếu ${deficit}`, hints: [groupHint] };
}

function resultOf(run: Run, node: KernelNode, explained: Explained): CriterionResult {
  const criterion = node.criterion!;
  const s = run.compiled.kernel.state;
  return {
    id: criterion.id,
    code: criterion.code,
    title: criterion.title,
    kind: criterion.kind,
    parentId: node.parent > 0 ? run.compiled.kernel.nodes[node.parent]!.criterion!.id : undefined,
    depth: node.depth,
    status: STATUS_BY_CODE[s.status[node.index]!]!,
    required: criterion.required,
    critical: criterion.critical,
    unverified: criterion.unverified,
    measureType: node.measure ? node.measure.type : 'group',
    value: explained.value,
    expected: run.compiled.expected[node.index]!,
    reason: explained.reason,
    detail: explained.detail,
    invalidInput: (s.flags[node.index]! & FLAG_INVALID) !== 0,
    hints: explained.hints,
  };
}

/** Explains one node (and everything under it) into `run.results`, parents first; returns its hints. */
function explainNode(run: Run, node: KernelNode): readonly Hint[] {
  const s = run.compiled.kernel.state;
  const slot = run.results.length;
  run.results.push(undefined as unknown as CriterionResult);
  const flags = s.flags[node.index]!;
  let explained: Explained;
  if (flags >= FLAG_OUT_OF_SCOPE) {
    explained = { reason: scopeReason(flags, node), detail: undefined, hints: NO_HINTS, value: undefined };
    // Children are still listed so the tree stays whole, each saying why it does not apply.
    for (const child of node.children) explainNode(run, run.compiled.kernel.nodes[child]!);
  } else if (node.rule) {
    const childHints = new Map<number, readonly Hint[]>();
    for (const child of node.children) childHints.set(child, explainNode(run, run.compiled.kernel.nodes[child]!));
    explained = explainGroup(run, node, childHints);
  } else {
    explained = explainLeaf(run, node);
    if (flags & FLAG_INVALID) run.invalid.push(node.criterion!.id);
    else if (s.status[node.index] === NOT_ASSESSED) run.missing.push(node.criterion!.id);
  }
  run.results[slot] = resultOf(run, node, explained);
  return explained.hints;
}

function summarise(status: Status, hints: readonly Hint[], missing: number, reason: string): string {
  if (status === 'met') return `Đạt. ${reason}`;
  if (status === 'notApplicable') return reason;
  if (status === 'notAssessed') return `Chưa đủ kết quả: còn ${missing} tiêu chí chưa có số liệu.`;
  if (hints.length === 1) return `Chưa đạt. Nếu ${hints[0]!.text}${hints[0]!.code ? ` (tiêu chí ${hints[0]!.code})` : ''} thì đạt.`;
  if (hints.length === 0) return `Chưa đạt. ${reason}`;
  return `Chưa đạt. Cần khắc phục ${hints.length} điểm: ${hints.map((h) => `${h.code} — ${h.text}`).join('; ')}.`;
}

/**
 * Evaluates one unit against a criteria set. Pure and deterministic: the same set, inputs and
 * context always give the same explained result. Missing input is "not assessed", never "not met".
 *
 * @example
 * const result = evaluate(set, { 'tt124-commune.plan': { value: true } }, { unit: { kind: 'commune' }, children });
 * result.status;   // 'notMet'
 * result.summary;  // 'Chưa đạt. Nếu thêm 2 khu dân cư đạt (tiêu chí 5) thì đạt.'
 */
export function evaluate(
  set: ResolvedCriteriaSet | CompiledCriteriaSet,
  inputs: CriterionInputs,
  context: EvaluationContext,
): Evaluation {
  const compiled = compiledFor(set);
  const resolved = compiled.set;
  const base = { set: resolved.ref, programId: resolved.programId };

  if (!appliesTo(resolved.appliesTo, context.unit)) {
    const kind = compiled.labels.unitKinds[context.unit.kind] ?? context.unit.kind;
    const reason = `Không áp dụng: bộ tiêu chí không dành cho loại đơn vị “${kind}”`;
    return { ...base, status: 'notApplicable', reason, detail: undefined, grade: undefined, criteria: [], missingInputs: [], invalidInputs: [], whatWouldChange: [], summary: reason };
  }

  const kernel = compiled.kernel;
  runKernel(kernel, inputs, context);
  const run: Run = { compiled, inputs, results: [], missing: [], invalid: [] };
  const rootHints = new Map<number, readonly Hint[]>();
  for (const child of kernel.nodes[0]!.children) rootHints.set(child, explainNode(run, kernel.nodes[child]!));
  const root = explainGroup(run, kernel.nodes[0]!, rootHints);
  const status = STATUS_BY_CODE[kernel.state.status[0]!]!;
  const whatWouldChange = status === 'notMet' ? root.hints : NO_HINTS;
  return {
    ...base,
    status,
    reason: root.reason,
    detail: root.detail,
    grade: root.grade,
    criteria: run.results,
    missingInputs: run.missing,
    invalidInputs: run.invalid,
    whatWouldChange,
    summary: summarise(status, whatWouldChange, run.missing.length + run.invalid.length, root.reason),
  };
}

