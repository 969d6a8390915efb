import type { ResolvedCriteriaSet, ResolvedCriterion } from './catalog.ts';
import type { Applicability, AttributeCondition, AttributeValue, Comparator, GradeBand, Measure, OutcomeRule } from './definition.ts';
import type { Status } from './explain.ts';
import type { IsoDate } from './text.ts';

/*
 * The arithmetic of evaluation, done once per unit into preallocated typed arrays: no strings, no
 * objects. `evaluate` reads these numbers to build its explanation; `evaluateStatus` stops here. Both
 * therefore share one implementation of every rule.
 */

export interface CriterionInput {
  readonly value?: boolean | number | null;
  /** The same measure in the previous period, for "change" measures. */
  readonly previousValue?: number | null;
  readonly evidence?: readonly EvidenceRef[];
  readonly note?: string;
}

export interface EvidenceRef {
  readonly documentRef: string;
  readonly contentHash?: string;
  readonly documentKind?: string;
}

export type CriterionInputs = Readonly<Record<string, CriterionInput | undefined>>;

export interface UnitFacts {
  readonly kind: string;
  readonly attributes?: Readonly<Record<string, AttributeValue | undefined>>;
}

/** A child unit as a share-of-children rule sees it: its kind and its outcomes in the same period. */
export interface ChildUnit extends UnitFacts {
  readonly outcomes: Readonly<Record<string, Status | undefined>>;
}

export interface EvaluationContext {
  readonly unit: UnitFacts;
  readonly children?: readonly ChildUnit[];
  /** The same unit's outcomes in other programs for the same period. */
  readonly programOutcomes?: Readonly<Record<string, Status | undefined>>;
  /** The day effective dates are judged on, normally the period's last day. */
  readonly asOf?: IsoDate;
}

export const MET = 0;
export const NOT_MET = 1;
export const NOT_ASSESSED = 2;
export const NOT_APPLICABLE = 3;
export const STATUS_BY_CODE: readonly Status[] = ['met', 'notMet', 'notAssessed', 'notApplicable'];

/** Why a leaf is "not assessed" or what else is notable, as bits in `flags`. */
export const FLAG_MISSING = 1;
export const FLAG_INVALID = 2;
export const FLAG_BOTH_ZERO = 4;
export const FLAG_NO_PREVIOUS = 8;
export const FLAG_OUT_OF_SCOPE = 16;
export const FLAG_NOT_YET_EFFECTIVE = 32;
export const FLAG_NO_LONGER_EFFECTIVE = 64;

export function statusCode(status: Status | undefined): number {
  return status === 'met' ? MET : status === 'notMet' ? NOT_MET : status === 'notApplicable' ? NOT_APPLICABLE : NOT_ASSESSED;
}

function matchesCondition(condition: AttributeCondition, value: AttributeValue | undefined): boolean {
  if (condition.exists !== undefined) return (value !== undefined) === condition.exists;
  if (condition.equals !== undefined) return value === condition.equals;
  if (condition.in !== undefined) return value !== undefined && condition.in.includes(value);
  if (condition.notIn !== undefined) return value === undefined || !condition.notIn.includes(value);
  return true;
}

export function matchesAttributes(
  conditions: readonly AttributeCondition[] | undefined,
  attributes: UnitFacts['attributes'],
): boolean {
  if (!conditions) return true;
  for (const condition of conditions) {
    if (!matchesCondition(condition, attributes?.[condition.attribute])) return false;
  }
  return true;
}

/** Whether a criterion or set applies to a unit of this kind with these attributes. */
export function appliesTo(applicability: Applicability | undefined, unit: UnitFacts): boolean {
  if (!applicability) return true;
  if (applicability.unitKinds && !applicability.unitKinds.includes(unit.kind)) return false;
  return matchesAttributes(applicability.attributes, unit.attributes);
}

/** Smallest number of met children that satisfies the threshold; guards against float error. */
export function requiredChildCount(total: number, comparator: '>=' | '>', thresholdPercent: number): number {
  const exact = (thresholdPercent * total) / 100;
  const needed = comparator === '>=' ? Math.ceil(exact - 1e-9) : Math.floor(exact + 1e-9) + 1;
  return Math.max(0, needed);
}

export function compare(value: number, comparator: Comparator, threshold: number): boolean {
  switch (comparator) {
    case '=':
      return value === threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
  }
}

// The decisions below are shared by `runKernel` (one unit, object inputs) and `evaluateBatch` (many
// units, columns), so both paths apply literally the same rule.

/** Percent change against the previous period; a rise from zero is +∞. Both zero is the caller's case. */
export function changePercent(value: number, previous: number): number {
  return previous === 0 ? Number.POSITIVE_INFINITY : ((value - previous) / previous) * 100;
}

/** A share-of-children leaf from its counts; without children of the kinds counted it does not apply. */
export function shareStatus(met: number, total: number, pending: number, needed: number): number {
  return total === 0 ? NOT_APPLICABLE : met >= needed ? MET : met + pending < needed ? NOT_MET : NOT_ASSESSED;
}

/** Points a leaf gives a score rule above it: its points when scored, else its weight when met. */
export function leafPoints(measureCode: number, status: number, value: number, weight: number): number {
  return measureCode === M_SCORE ? (status <= NOT_MET ? value * weight : 0) : status === MET ? weight : 0;
}

export function allRuleStatus(critFailed: number, reqFailed: number, reqPending: number): number {
  return critFailed > 0 || reqFailed > 0 ? NOT_MET : reqPending > 0 ? NOT_ASSESSED : MET;
}

/** How many applicable criteria an "at least" rule needs met. */
export function atLeastNeeded(rule: Extract<OutcomeRule, { type: 'atLeast' }>, applicable: number): number {
  const wanted = rule.count ?? Math.ceil(((rule.percent ?? 100) * applicable) / 100 - 1e-9);
  return Math.min(wanted, applicable);
}

export function atLeastStatus(critFailed: number, met: number, notAssessed: number, needed: number): number {
  return critFailed > 0 ? NOT_MET : met >= needed ? MET : met + notAssessed < needed ? NOT_MET : NOT_ASSESSED;
}

/** A score rule waits while unassessed criteria could still change the grade. */
export function scoreRuleStatus(bands: readonly GradeBand[], grade: number, best: number, notAssessed: number): number {
  return notAssessed > 0 && grade !== best ? NOT_ASSESSED : grade >= 0 && bands[grade]!.passing ? MET : NOT_MET;
}

/** One node of the flattened tree. Index 0 is the set itself, its top-level criteria its children. */
export interface KernelNode {
  readonly index: number;
  /** `undefined` for the set itself. */
  readonly criterion: ResolvedCriterion | undefined;
  readonly parent: number;
  readonly depth: number;
  readonly children: readonly number[];
  readonly measure: Measure | undefined;
  readonly rule: OutcomeRule | undefined;
  readonly required: boolean;
  readonly critical: boolean;
  readonly weight: number;
  readonly conditional: boolean;
  /** Most points this node can contribute to a score rule above it. */
  readonly maxPoints: number;
  /** For a share-of-children leaf without attribute filters: its tally group and the kinds it counts. */
  readonly tally: number;
  readonly tallyKinds: readonly number[];
  // Flattened copies of the measure, so the hot loop reads one object shape with numbers only.
  readonly measureCode: number;
  readonly inputKey: string;
  readonly comparatorCode: number;
  readonly threshold: number;
  readonly expectedTrue: boolean;
  readonly maxScore: number;
  readonly minPoints: number;
  readonly bothZeroMet: boolean;
  readonly programId: string;
}

export const M_BOOLEAN = 1;
export const M_NUMBER = 2;
export const M_CHANGE = 3;
export const M_SHARE = 4;
export const M_SCORE = 5;
export const M_PROGRAM = 6;
export const M_EVIDENCE = 7;
const MEASURE_CODE: Readonly<Record<Measure['type'], number>> = {
  boolean: M_BOOLEAN,
  number: M_NUMBER,
  change: M_CHANGE,
  childShare: M_SHARE,
  score: M_SCORE,
  programOutcome: M_PROGRAM,
  evidence: M_EVIDENCE,
};
const COMPARATOR_CODE: Readonly<Record<Comparator, number>> = { '=': 0, '<': 1, '<=': 2, '>': 3, '>=': 4 };

export function compareCode(value: number, comparator: number, threshold: number): boolean {
  return comparator === 0
    ? value === threshold
    : comparator === 1
      ? value < threshold
      : comparator === 2
        ? value <= threshold
        : comparator === 3
          ? value > threshold
          : value >= threshold;
}

function flatMeasure(measure: Measure | undefined, id: string) {
  const flat = {
    measureCode: measure ? MEASURE_CODE[measure.type] : 0,
    inputKey: id,
    comparatorCode: 4,
    threshold: 0,
    expectedTrue: true,
    maxScore: 0,
    minPoints: Number.MIN_VALUE,
    bothZeroMet: true,
    programId: '',
  };
  if (!measure) return flat;
  switch (measure.type) {
    case 'boolean':
      flat.expectedTrue = measure.expected ?? true;
      break;
    case 'number':
      flat.comparatorCode = COMPARATOR_CODE[measure.comparator];
      flat.threshold = measure.threshold;
      break;
    case 'change':
      flat.comparatorCode = COMPARATOR_CODE[measure.comparator];
      flat.threshold = measure.thresholdPercent;
      flat.bothZeroMet = (measure.whenBothZero ?? 'met') === 'met';
      break;
    case 'childShare':
      flat.comparatorCode = COMPARATOR_CODE[measure.comparator];
      flat.threshold = measure.thresholdPercent;
      flat.programId = measure.programId;
      break;
    case 'score':
      flat.maxScore = measure.maxPoints;
      flat.minPoints = measure.minPoints ?? Number.MIN_VALUE;
      break;
    case 'programOutcome':
      flat.programId = measure.programId;
      break;
    case 'evidence':
      break;
  }
  return flat;
}

interface TallyGroup {
  readonly programId: string;
  readonly kinds: readonly string[];
}

/** Per-node results of one run. Which slot means what depends on the node (see each writer). */
export interface KernelState {
  readonly status: Uint8Array;
  readonly flags: Uint8Array;
  /** Leaf value (boolean as 1/0, share in percent, points) or a group's score; NaN when none. */
  readonly value: Float64Array;
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly c: Float64Array;
  readonly d: Float64Array;
  readonly points: Float64Array;
  readonly potential: Float64Array;
  /** Index of the grade band reached (score rules), -1 when none. */
  readonly grade: Int16Array;
  /** Index of the best band still reachable while criteria are unassessed. */
  readonly bestGrade: Int16Array;
  /** Groups: how many critical criteria below failed. */
  readonly criticalFailed: Uint16Array;
}

export interface Kernel {
  readonly set: ResolvedCriteriaSet;
  readonly nodes: readonly KernelNode[];
  readonly tallies: readonly TallyGroup[];
  readonly state: KernelState;
  readonly tallyCounts: Float64Array;
  readonly tallyStride: number;
  /** Whether any criterion applies conditionally; without one the scope pass has nothing to do. */
  readonly anyConditional: boolean;
}

function staticMaxPoints(criterion: ResolvedCriterion, childMax: number): number {
  if (criterion.measure?.type === 'score') return criterion.measure.maxPoints * criterion.weight;
  if (criterion.rule?.type === 'score') return childMax * criterion.weight;
  return criterion.weight;
}

export function buildKernel(set: ResolvedCriteriaSet): Kernel {
  const nodes: KernelNode[] = [];
  const tallies: Array<{ programId: string; kinds: string[] }> = [];

  const tallyFor = (measure: Extract<Measure, { type: 'childShare' }>): { tally: number; tallyKinds: number[] } => {
    if (measure.childAttributes) return { tally: -1, tallyKinds: [] };
    let tally = tallies.findIndex((group) => group.programId === measure.programId);
    if (tally < 0) tally = tallies.push({ programId: measure.programId, kinds: [] }) - 1;
    const group = tallies[tally]!;
    const tallyKinds = measure.childKinds.map((kind) => {
      const known = group.kinds.indexOf(kind);
      return known >= 0 ? known : group.kinds.push(kind) - 1;
    });
    return { tally, tallyKinds };
  };

  const add = (criterion: ResolvedCriterion, parent: number, depth: number): { index: number; maxPoints: number } => {
    const index = nodes.length;
    const children: number[] = [];
    nodes.push(undefined as unknown as KernelNode);
    let childMax = 0;
    for (const child of criterion.criteria ?? []) {
      const added = add(child, index, depth + 1);
      children.push(added.index);
      childMax += added.maxPoints;
    }
    const measure = criterion.measure;
    const shares = measure?.type === 'childShare' ? tallyFor(measure) : { tally: -1, tallyKinds: [] };
    const maxPoints = staticMaxPoints(criterion, childMax);
    nodes[index] = {
      index,
      criterion,
      parent,
      depth,
      children,
      measure,
      rule: criterion.criteria ? (criterion.rule ?? { type: 'all' }) : undefined,
      required: criterion.required,
      critical: criterion.critical,
      weight: criterion.weight,
      conditional:
        criterion.appliesTo !== undefined || criterion.effectiveFrom !== undefined || criterion.effectiveTo !== undefined,
      maxPoints,
      ...shares,
      ...flatMeasure(measure, criterion.id),
    };
    return { index, maxPoints };
  };

  nodes.push(undefined as unknown as KernelNode);
  const roots: number[] = [];
  let rootMax = 0;
  for (const criterion of set.criteria) {
    const added = add(criterion, 0, 0);
    roots.push(added.index);
    rootMax += added.maxPoints;
  }
  nodes[0] = {
    index: 0,
    criterion: undefined,
    parent: -1,
    depth: -1,
    children: roots,
    measure: undefined,
    rule: set.rule,
    required: true,
    critical: false,
    weight: 1,
    conditional: false,
    maxPoints: rootMax,
    tally: -1,
    tallyKinds: [],
    ...flatMeasure(undefined, ''),
  };

  const size = nodes.length;
  const state: KernelState = {
    status: new Uint8Array(size),
    flags: new Uint8Array(size),
    value: new Float64Array(size),
    a: new Float64Array(size),
    b: new Float64Array(size),
    c: new Float64Array(size),
    d: new Float64Array(size),
    points: new Float64Array(size),
    potential: new Float64Array(size),
    grade: new Int16Array(size),
    bestGrade: new Int16Array(size),
    criticalFailed: new Uint16Array(size),
  };
  const tallyStride = tallies.reduce((widest, group) => Math.max(widest, group.kinds.length), 0) * 4;
  const anyConditional = nodes.some((node) => node.conditional);
  return { set, nodes, tallies, state, tallyCounts: new Float64Array(tallyStride * tallies.length), tallyStride, anyConditional };
}

/** Out-of-scope flags for a criterion that does not apply to this unit or on this day. */
function scopeFlags(criterion: ResolvedCriterion, context: EvaluationContext): number {
  if (criterion.appliesTo && !appliesTo(criterion.appliesTo, context.unit)) return FLAG_OUT_OF_SCOPE;
  const asOf = context.asOf;
  if (asOf !== undefined) {
    if (criterion.effectiveFrom !== undefined && asOf < criterion.effectiveFrom) return FLAG_NOT_YET_EFFECTIVE;
    if (criterion.effectiveTo !== undefined && asOf > criterion.effectiveTo) return FLAG_NO_LONGER_EFFECTIVE;
  }
  return 0;
}

function countChildren(kernel: Kernel, context: EvaluationContext): void {
  const counts = kernel.tallyCounts;
  counts.fill(0);
  const children = context.children;
  if (!children || kernel.tallies.length === 0) return;
  for (let t = 0; t < kernel.tallies.length; t++) {
    const { programId, kinds } = kernel.tallies[t]!;
    const base = t * kernel.tallyStride;
    // Children usually come grouped by kind, so the last kind found is the next one's best guess.
    let lastKind: string | undefined;
    let kind = -1;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.kind !== lastKind) {
        lastKind = child.kind;
        kind = kinds.indexOf(lastKind);
      }
      if (kind < 0) continue;
      counts[base + kind * 4 + statusCode(child.outcomes[programId])]!++;
    }
  }
}

function shareWithFilter(node: KernelNode, context: EvaluationContext, out: Float64Array): void {
  const measure = node.measure as Extract<Measure, { type: 'childShare' }>;
  out.fill(0);
  for (const child of context.children ?? []) {
    if (!measure.childKinds.includes(child.kind)) continue;
    if (!matchesAttributes(measure.childAttributes, child.attributes)) continue;
    out[statusCode(child.outcomes[measure.programId])]!++;
  }
}

const scratch = new Float64Array(4);

// `runLeaf` is split by kind of measure so that each part stays small enough for the JIT to inline
// the rule helpers it calls: this is the hot path of every evaluation.

function runShare(kernel: Kernel, node: KernelNode, context: EvaluationContext): number {
  const s = kernel.state;
  const i = node.index;
  let met = 0;
  let notMet = 0;
  let pending = 0;
  if (node.tally >= 0) {
    const counts = kernel.tallyCounts;
    const base = node.tally * kernel.tallyStride;
    const kinds = node.tallyKinds;
    for (let k = 0; k < kinds.length; k++) {
      const at = base + kinds[k]! * 4;
      met += counts[at + MET]!;
      notMet += counts[at + NOT_MET]!;
      pending += counts[at + NOT_ASSESSED]!;
    }
  } else {
    shareWithFilter(node, context, scratch);
    met = scratch[MET]!;
    notMet = scratch[NOT_MET]!;
    pending = scratch[NOT_ASSESSED]!;
  }
  const total = met + notMet + pending;
  const needed = requiredChildCount(total, node.comparatorCode === 3 ? '>' : '>=', node.threshold);
  s.a[i] = met;
  s.b[i] = total;
  s.c[i] = pending;
  s.d[i] = needed;
  if (total > 0) s.value[i] = (met / total) * 100;
  return shareStatus(met, total, pending, needed);
}

function runEvidence(s: KernelState, i: number, input: CriterionInput | undefined): number {
  if (input?.evidence && input.evidence.length > 0) {
    s.value[i] = input.evidence.length;
    return MET;
  }
  if (input?.value === false) return NOT_MET;
  s.flags[i] = FLAG_MISSING;
  return NOT_ASSESSED;
}

function runChange(s: KernelState, node: KernelNode, value: number, previous: unknown): number {
  const i = node.index;
  if (previous === undefined || previous === null) {
    s.flags[i] = FLAG_NO_PREVIOUS;
    return NOT_ASSESSED;
  }
  if (typeof previous !== 'number' || !Number.isFinite(previous)) {
    s.flags[i] = FLAG_INVALID;
    return NOT_ASSESSED;
  }
  s.b[i] = previous;
  if (previous === 0 && value === 0) {
    s.flags[i] = FLAG_BOTH_ZERO;
    s.a[i] = 0;
    return node.bothZeroMet ? MET : NOT_MET;
  }
  const percent = changePercent(value, previous);
  s.a[i] = percent;
  return compareCode(percent, node.comparatorCode, node.threshold) ? MET : NOT_MET;
}

/** Leaves that read `value`: yes-no, number, change and score. */
function runValue(s: KernelState, node: KernelNode, input: CriterionInput | undefined): number {
  const i = node.index;
  const code = node.measureCode;
  const value = input?.value;
  if (value === undefined || value === null) {
    s.flags[i] = FLAG_MISSING;
    return NOT_ASSESSED;
  }
  if (code === M_BOOLEAN) {
    if (typeof value !== 'boolean') {
      s.flags[i] = FLAG_INVALID;
      return NOT_ASSESSED;
    }
    s.value[i] = value ? 1 : 0;
    return value === node.expectedTrue ? MET : NOT_MET;
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || (code !== M_NUMBER && code !== M_CHANGE && (value < 0 || value > node.maxScore))) {
    s.flags[i] = FLAG_INVALID;
    return NOT_ASSESSED;
  }
  s.value[i] = value;
  if (code === M_NUMBER) return compareCode(value, node.comparatorCode, node.threshold) ? MET : NOT_MET;
  if (code === M_CHANGE) return runChange(s, node, value, input!.previousValue);
  return value >= node.minPoints ? MET : NOT_MET;
}

function runLeaf(kernel: Kernel, node: KernelNode, inputs: CriterionInputs, context: EvaluationContext): void {
  const s = kernel.state;
  const i = node.index;
  const code = node.measureCode;
  s.value[i] = Number.NaN;
  s.flags[i] = 0;
  const status =
    code === M_SHARE
      ? runShare(kernel, node, context)
      : code === M_PROGRAM
        ? statusCode(context.programOutcomes?.[node.programId])
        : code === M_EVIDENCE
          ? runEvidence(s, i, inputs[node.inputKey])
          : runValue(s, node, inputs[node.inputKey]);
  s.status[i] = status;
  s.points[i] = leafPoints(code, status, s.value[i]!, node.weight);
  s.potential[i] = status === NOT_ASSESSED ? node.maxPoints : 0;
}

function gatesHold(band: GradeBand, critFailed: number, reqFailed: number, reqPending: number): boolean {
  if (band.requires === 'allCritical') return critFailed === 0;
  if (band.requires === 'allRequired') return reqFailed === 0 && reqPending === 0;
  return true;
}

export function bandIndex(bands: readonly GradeBand[], score: number, critFailed: number, reqFailed: number, reqPending: number): number {
  for (let b = 0; b < bands.length; b++) {
    const band = bands[b]!;
    if (score >= band.minScore - 1e-9 && gatesHold(band, critFailed, reqFailed, reqPending)) return b;
  }
  return -1;
}

/**
 * Group outcome into the state arrays: `a` met, `b` applicable, `c` not assessed, `d` required met
 * (N of M) or the applicable maximum (score).
 */
function runGroup(kernel: Kernel, node: KernelNode): void {
  const s = kernel.state;
  const nodes = kernel.nodes;
  const g = node.index;
  let met = 0;
  let notAssessed = 0;
  let applicable = 0;
  let critFailed = 0;
  let reqFailed = 0;
  let reqPending = 0;
  let points = 0;
  let potential = 0;
  let maxPoints = 0;
  for (const c of node.children) {
    const status = s.status[c]!;
    if (status === NOT_APPLICABLE) continue;
    const child = nodes[c]!;
    applicable++;
    points += s.points[c]!;
    potential += s.potential[c]!;
    maxPoints += child.maxPoints;
    if (status === MET) met++;
    else if (status === NOT_MET) {
      if (child.critical) critFailed++;
      if (child.required) reqFailed++;
    } else {
      notAssessed++;
      if (child.required) reqPending++;
    }
  }
  const rule = node.rule!;
  let status: number;
  let needed = 0;
  s.grade[g] = -1;
  s.bestGrade[g] = -1;
  s.value[g] = Number.NaN;
  if (applicable === 0) status = NOT_APPLICABLE;
  else if (rule.type === 'all') {
    status = allRuleStatus(critFailed, reqFailed, reqPending);
  } else if (rule.type === 'atLeast') {
    needed = atLeastNeeded(rule, applicable);
    status = atLeastStatus(critFailed, met, notAssessed, needed);
  } else {
    const grade = bandIndex(rule.bands, points, critFailed, reqFailed, reqPending);
    const best = notAssessed > 0 ? bandIndex(rule.bands, points + potential, critFailed, reqFailed, 0) : grade;
    s.grade[g] = grade;
    s.bestGrade[g] = best;
    s.value[g] = points;
    needed = maxPoints;
    status = scoreRuleStatus(rule.bands, grade, best, notAssessed);
  }
  s.status[g] = status;
  s.flags[g] = 0;
  s.criticalFailed[g] = critFailed;
  s.a[g] = met;
  s.b[g] = applicable;
  s.c[g] = notAssessed;
  s.d[g] = needed;
  if (rule.type === 'score') {
    s.points[g] = points * node.weight;
    s.potential[g] = potential * node.weight;
  } else {
    s.points[g] = status === MET ? node.weight : 0;
    s.potential[g] = status === NOT_ASSESSED ? node.weight : 0;
  }
}

/** Evaluates every node, children before parents, leaving the numbers in `kernel.state`. */
export function runKernel(kernel: Kernel, inputs: CriterionInputs, context: EvaluationContext): void {
  const nodes = kernel.nodes;
  const s = kernel.state;
  countChildren(kernel, context);
  // Scope flows down: a criterion under a group that does not apply does not apply either. With no
  // conditional criterion every node is in scope (no flag ever reaches FLAG_OUT_OF_SCOPE) and the
  // pass below sets every status itself.
  if (kernel.anyConditional) {
    for (let i = 1; i < nodes.length; i++) {
      const node = nodes[i]!;
      const inherited = node.parent > 0 && s.flags[node.parent]! >= FLAG_OUT_OF_SCOPE;
      const flags = inherited ? s.flags[node.parent]! : node.conditional ? scopeFlags(node.criterion!, context) : 0;
      s.status[i] = flags ? NOT_APPLICABLE : NOT_ASSESSED;
      s.flags[i] = flags;
    }
  }
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    if (s.flags[i]! >= FLAG_OUT_OF_SCOPE) {
      s.points[i] = 0;
      s.potential[i] = 0;
      s.value[i] = Number.NaN;
      s.grade[i] = -1;
      continue;
    }
    if (node.rule) runGroup(kernel, node);
    else runLeaf(kernel, node, inputs, context);
  }
}
