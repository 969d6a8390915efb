import type { ResolvedCriteriaSet } from './catalog.ts';
import type { Applicability, AttributeValue, Measure } from './definition.ts';
import { compiledFor, type CompiledCriteriaSet } from './engine.ts';
import type { Status } from './explain.ts';
import {
  allRuleStatus,
  appliesTo,
  atLeastNeeded,
  atLeastStatus,
  bandIndex,
  changePercent,
  compareCode,
  leafPoints,
  M_BOOLEAN,
  M_CHANGE,
  M_EVIDENCE,
  M_NUMBER,
  M_PROGRAM,
  M_SHARE,
  matchesAttributes,
  MET,
  NOT_APPLICABLE,
  NOT_ASSESSED,
  NOT_MET,
  requiredChildCount,
  scoreRuleStatus,
  shareStatus,
  statusCode,
  STATUS_BY_CODE,
  type CriterionInputs,
  type EvaluationContext,
  type Kernel,
  type KernelNode,
} from './kernel.ts';
import type { IsoDate } from './text.ts';

/*
 * Many units at once, from columns: a province-wide re-evaluation or an impact preview reads stored
 * rows into typed arrays and gets every unit's outcome without building an object per unit. The
 * work runs node by node over blocks of units, so each rule is one tight loop over numbers; the
 * decisions themselves are the kernel's (`allRuleStatus`, `shareStatus`, …), shared with
 * `evaluateStatus`, and the tests hold the two paths to the same answer.
 */

export { STATUS_BY_CODE } from './kernel.ts';

/** The outcome codes batch columns use: the index of each status in `STATUS_BY_CODE`. */
export const STATUS_CODE: Readonly<Record<Status, number>> = { met: MET, notMet: NOT_MET, notAssessed: NOT_ASSESSED, notApplicable: NOT_APPLICABLE };

export type UnitAttributes = Readonly<Record<string, AttributeValue | undefined>>;

/** A kind per row, as an index into `names`. */
export interface KindColumn {
  readonly codes: Uint8Array | Uint16Array;
  readonly names: readonly string[];
}

/** Every unit's children, one row per child, the rows of unit `u` from `offsets[u]` up to `offsets[u + 1]`. */
export interface ChildColumns {
  /** `size + 1` entries, never decreasing, the first 0. */
  readonly offsets: Uint32Array;
  readonly kind: KindColumn;
  /**
   * Each child's outcome by program id, as `STATUS_CODE`s. A program left out, or any other code
   * (say 255 for "nothing recorded"), reads as not assessed, as a missing outcome does in `ChildUnit`.
   */
  readonly outcomes: Readonly<Record<string, Uint8Array | undefined>>;
  /** Only read by share rules that filter children by attribute; without it children have none. */
  readonly attributes?: readonly (UnitAttributes | undefined)[];
}

/**
 * The inputs of `size` units as columns, unit `u` at index `u` of every per-unit column.
 *
 * Values are keyed by criterion id and hold, per unit: 1 / 0 for yes-no criteria, the number for
 * number, change and score criteria, and for evidence criteria the count of documents attached (0 when
 * the unit answered that it has none). NaN means no input. Columns cannot carry a value of the wrong
 * type; a value outside its range (a score above the maximum, an infinite number, a yes-no of 2) is
 * invalid, and invalid input is "not assessed" exactly as in `evaluateStatus`.
 */
export interface EvaluationBatch {
  readonly size: number;
  /** One kind for every unit, or a kind per unit. */
  readonly unitKind: string | KindColumn;
  /** Only read where the set or a criterion applies by attribute; without it units have none. */
  readonly unitAttributes?: readonly (UnitAttributes | undefined)[];
  /** The day effective dates are judged on, the same for the whole batch. */
  readonly asOf?: IsoDate;
  readonly values?: Readonly<Record<string, Float64Array | undefined>>;
  /** The previous period's value of "change" criteria; NaN when unknown. */
  readonly previousValues?: Readonly<Record<string, Float64Array | undefined>>;
  /** The units' own outcomes in other programs, as `STATUS_CODE`s, by program id. */
  readonly programOutcomes?: Readonly<Record<string, Uint8Array | undefined>>;
  /** Without it no unit has children, so share rules do not apply. */
  readonly children?: ChildColumns;
}

/** Units per block: small enough that a block's node columns stay in cache. */
const BLOCK = 512;

/** Stored outcome bytes to status codes; unknown bytes read as not assessed. */
const STATUS_OF_BYTE = Uint8Array.from({ length: 256 }, (_, byte) =>
  byte === MET || byte === NOT_MET || byte === NOT_APPLICABLE ? byte : NOT_ASSESSED,
);

/** Per compiled set: what each node needs and the block-sized scratch columns. Not shared across threads. */
interface Plan {
  /** Nodes under a score rule: their points and potential are summed by it. */
  readonly needsPoints: Uint8Array;
  /** Nodes that (or whose ancestors) can be out of scope for some units. */
  readonly scoped: Uint8Array;
  readonly status: Uint8Array;
  readonly points: Float64Array;
  readonly potential: Float64Array;
  readonly outOfScope: Uint8Array;
  readonly setApplies: Uint8Array;
  readonly applicable: Int32Array;
  readonly met: Int32Array;
  readonly notAssessed: Int32Array;
  readonly critFailed: Int32Array;
  readonly reqFailed: Int32Array;
  readonly reqPending: Int32Array;
  /** "All" rules: per unit, bits of what its children did (see `ALL_APPLICABLE`). */
  readonly seen: Uint8Array;
  readonly seenBits: Uint8Array;
  readonly sumPoints: Float64Array;
  readonly sumPotential: Float64Array;
  readonly tallyCounts: Int32Array;
  readonly shareCounts: Int32Array;
}

const plans = new WeakMap<Kernel, Plan>();

function planFor(kernel: Kernel): Plan {
  const known = plans.get(kernel);
  if (known) return known;
  const nodes = kernel.nodes;
  const count = nodes.length;
  const needsPoints = new Uint8Array(count);
  const scoped = new Uint8Array(count);
  for (const node of nodes) {
    if (node.index === 0) continue;
    needsPoints[node.index] = nodes[node.parent]!.rule?.type === 'score' ? 1 : 0;
    scoped[node.index] = node.conditional || (node.parent > 0 && scoped[node.parent] === 1) ? 1 : 0;
  }
  const anyPoints = needsPoints.includes(1);
  const plan: Plan = {
    needsPoints,
    scoped,
    status: new Uint8Array(count * BLOCK),
    points: new Float64Array(anyPoints ? count * BLOCK : 0),
    potential: new Float64Array(anyPoints ? count * BLOCK : 0),
    outOfScope: new Uint8Array(scoped.includes(1) ? count * BLOCK : 0),
    setApplies: new Uint8Array(BLOCK),
    applicable: new Int32Array(BLOCK),
    met: new Int32Array(BLOCK),
    notAssessed: new Int32Array(BLOCK),
    critFailed: new Int32Array(BLOCK),
    reqFailed: new Int32Array(BLOCK),
    reqPending: new Int32Array(BLOCK),
    seen: new Uint8Array(BLOCK),
    seenBits: new Uint8Array(4),
    sumPoints: new Float64Array(BLOCK),
    sumPotential: new Float64Array(BLOCK),
    tallyCounts: new Int32Array(kernel.tallies.length * BLOCK * kernel.tallyStride),
    shareCounts: new Int32Array(4),
  };
  plans.set(kernel, plan);
  return plan;
}

/** Whether an applicability holds, for every unit alike, by unit kind code, or unit by unit. */
type Applier =
  | { readonly by: 'all'; readonly applies: boolean }
  | { readonly by: 'kind'; readonly table: Uint8Array; readonly codes: Uint8Array | Uint16Array }
  | { readonly by: 'unit'; readonly applicability: Applicability };

/** The batch's columns looked up once per call, by node. */
interface Bound {
  readonly batch: EvaluationBatch;
  readonly values: readonly (Float64Array | undefined)[];
  readonly previous: readonly (Float64Array | undefined)[];
  readonly programs: readonly (Uint8Array | undefined)[];
  /** Per node, for share rules filtering by attribute: which child kind codes it counts. */
  readonly shareKinds: readonly (Uint8Array | undefined)[];
  /** Per tally group: child kind code → the group's kind index, -1 when not counted. */
  readonly tallyKinds: readonly Int16Array[];
  /** Per tally group: the children's outcomes in its program, all unrecorded (255) when not given. */
  readonly tallyOutcomes: readonly Uint8Array[];
  readonly setApplier: Applier;
  readonly appliers: readonly (Applier | undefined)[];
  /** Per node: out of scope for every unit on `asOf` (not yet or no longer effective). */
  readonly dateOut: Uint8Array;
}

function fail(message: string): never {
  throw new RangeError(`evaluateBatch: ${message}`);
}

function checkLength(column: { readonly length: number } | undefined, length: number, what: string): void {
  if (column !== undefined && column.length !== length) fail(`${what} has ${column.length} entries, expected ${length}`);
}

function applierFor(applicability: Applicability, batch: EvaluationBatch): Applier {
  if (applicability.attributes && applicability.attributes.length > 0) return { by: 'unit', applicability };
  const kind = batch.unitKind;
  if (typeof kind === 'string') return { by: 'all', applies: appliesTo(applicability, { kind }) };
  const table = Uint8Array.from(kind.names, (name) => (appliesTo(applicability, { kind: name }) ? 1 : 0));
  return { by: 'kind', table, codes: kind.codes };
}

function bind(kernel: Kernel, batch: EvaluationBatch): Bound {
  const size = batch.size;
  if (!Number.isInteger(size) || size < 0) fail(`size must be a whole number, got ${size}`);
  const kind = batch.unitKind;
  if (typeof kind !== 'string') checkLength(kind.codes, size, 'unitKind.codes');
  checkLength(batch.unitAttributes, size, 'unitAttributes');

  const children = batch.children;
  let rows = 0;
  if (children) {
    const offsets = children.offsets;
    checkLength(offsets, size + 1, 'children.offsets');
    rows = children.kind.codes.length;
    if (offsets[0] !== 0 || offsets[size] !== rows) fail(`children.offsets must run from 0 to the ${rows} child rows`);
    for (let u = 0; u < size; u++) {
      if (offsets[u + 1]! < offsets[u]!) fail(`children.offsets decreases at unit ${u}`);
    }
    checkLength(children.attributes, rows, 'children.attributes');
  }
  const childKinds = children?.kind.names ?? [];
  const outcomesOf = (programId: string): Uint8Array | undefined => {
    const column = children?.outcomes[programId];
    checkLength(column, rows, `children.outcomes["${programId}"]`);
    return column;
  };

  const values: (Float64Array | undefined)[] = [];
  const previous: (Float64Array | undefined)[] = [];
  const programs: (Uint8Array | undefined)[] = [];
  const shareKinds: (Uint8Array | undefined)[] = [];
  const appliers: (Applier | undefined)[] = [];
  const dateOut = new Uint8Array(kernel.nodes.length);
  for (const node of kernel.nodes) {
    const i = node.index;
    const criterion = node.criterion;
    if (criterion?.appliesTo) appliers[i] = applierFor(criterion.appliesTo, batch);
    if (criterion && batch.asOf !== undefined) {
      const early = criterion.effectiveFrom !== undefined && batch.asOf < criterion.effectiveFrom;
      const late = criterion.effectiveTo !== undefined && batch.asOf > criterion.effectiveTo;
      dateOut[i] = early || late ? 1 : 0;
    }
    if (node.rule) continue;
    if (node.measureCode === M_PROGRAM) {
      const column = batch.programOutcomes?.[node.programId];
      checkLength(column, size, `programOutcomes["${node.programId}"]`);
      programs[i] = column;
    } else if (node.measureCode === M_SHARE) {
      if (node.tally < 0) {
        const measure = node.measure as Extract<Measure, { type: 'childShare' }>;
        shareKinds[i] = Uint8Array.from(childKinds, (name) => (measure.childKinds.includes(name) ? 1 : 0));
        outcomesOf(node.programId);
      }
    } else {
      const column = batch.values?.[node.inputKey];
      checkLength(column, size, `values["${node.inputKey}"]`);
      values[i] = column;
      if (node.measureCode === M_CHANGE) {
        const before = batch.previousValues?.[node.inputKey];
        checkLength(before, size, `previousValues["${node.inputKey}"]`);
        previous[i] = before;
      }
    }
  }
  const tallyKinds = kernel.tallies.map((group) => Int16Array.from(childKinds, (name) => group.kinds.indexOf(name)));
  const tallyOutcomes = kernel.tallies.map((group) => outcomesOf(group.programId) ?? new Uint8Array(rows).fill(255));
  const setApplier = applierFor(kernel.set.appliesTo, batch);
  return { batch, values, previous, programs, shareKinds, tallyKinds, tallyOutcomes, setApplier, appliers, dateOut };
}

/** Writes 1 where the applicability holds for units `u0 … u0 + length - 1`. */
function fillApplies(applier: Applier, batch: EvaluationBatch, u0: number, length: number, out: Uint8Array, at: number): void {
  if (applier.by === 'all') {
    out.fill(applier.applies ? 1 : 0, at, at + length);
  } else if (applier.by === 'kind') {
    for (let j = 0; j < length; j++) {
      const applies = applier.table[applier.codes[u0 + j]!];
      if (applies === undefined) fail(`unit ${u0 + j} has kind code ${applier.codes[u0 + j]}, beyond unitKind.names`);
      out[at + j] = applies;
    }
  } else {
    const kinds = batch.unitKind;
    for (let j = 0; j < length; j++) {
      const u = u0 + j;
      const kind = typeof kinds === 'string' ? kinds : kinds.names[kinds.codes[u]!];
      if (kind === undefined) fail(`unit ${u} has kind code ${(kinds as KindColumn).codes[u]}, beyond unitKind.names`);
      const attributes = batch.unitAttributes?.[u];
      out[at + j] = appliesTo(applier.applicability, attributes ? { kind, attributes } : { kind }) ? 1 : 0;
    }
  }
}

/** Scope flows down as in `runKernel`: out when the parent is out, else by applicability and date. */
function scopeBlock(kernel: Kernel, plan: Plan, bound: Bound, u0: number, length: number): void {
  const mask = plan.outOfScope;
  for (let i = 1; i < kernel.nodes.length; i++) {
    if (plan.scoped[i] === 0) continue;
    const node = kernel.nodes[i]!;
    const at = i * BLOCK;
    const inherits = node.parent > 0 && plan.scoped[node.parent] === 1;
    const applier = bound.appliers[i];
    if (applier) {
      fillApplies(applier, bound.batch, u0, length, mask, at);
      for (let j = 0; j < length; j++) mask[at + j] = mask[at + j]! ^ 1;
    } else mask.fill(0, at, at + length);
    if (bound.dateOut[i] === 1) mask.fill(1, at, at + length);
    if (inherits) {
      const parentAt = node.parent * BLOCK;
      for (let j = 0; j < length; j++) mask[at + j] = mask[at + j]! | mask[parentAt + j]!;
    }
  }
}

function countBlock(kernel: Kernel, plan: Plan, bound: Bound, u0: number, length: number): void {
  const children = bound.batch.children;
  const counts = plan.tallyCounts;
  const stride = kernel.tallyStride;
  counts.fill(0);
  if (!children) return;
  const offsets = children.offsets;
  const codes = children.kind.codes;
  for (let t = 0; t < kernel.tallies.length; t++) {
    const kinds = bound.tallyKinds[t]!;
    const outcomes = bound.tallyOutcomes[t]!;
    const base = t * BLOCK * stride;
    for (let j = 0; j < length; j++) {
      const at = base + j * stride;
      const end = offsets[u0 + j + 1]!;
      for (let c = offsets[u0 + j]!; c < end; c++) {
        const kind = kinds[codes[c]!];
        if (kind === undefined) fail(`child row ${c} has kind code ${codes[c]}, beyond children.kind.names`);
        if (kind < 0) continue;
        counts[at + kind * 4 + STATUS_OF_BYTE[outcomes[c]!]!]!++;
      }
    }
  }
}

function shareLeaf(kernel: Kernel, plan: Plan, bound: Bound, node: KernelNode, u0: number, length: number): void {
  const status = plan.status;
  const at = node.index * BLOCK;
  const comparator = node.comparatorCode === 3 ? '>' : '>=';
  if (node.tally >= 0) {
    const counts = plan.tallyCounts;
    const stride = kernel.tallyStride;
    const base = node.tally * BLOCK * stride;
    const kinds = node.tallyKinds;
    for (let j = 0; j < length; j++) {
      let met = 0;
      let notMet = 0;
      let pending = 0;
      for (let k = 0; k < kinds.length; k++) {
        const from = base + j * stride + kinds[k]! * 4;
        met += counts[from + MET]!;
        notMet += counts[from + NOT_MET]!;
        pending += counts[from + NOT_ASSESSED]!;
      }
      const total = met + notMet + pending;
      status[at + j] = shareStatus(met, total, pending, requiredChildCount(total, comparator, node.threshold));
    }
    return;
  }
  // Filtered by child attributes: rare, so read the attribute objects child by child.
  const measure = node.measure as Extract<Measure, { type: 'childShare' }>;
  const children = bound.batch.children;
  const kinds = bound.shareKinds[node.index]!;
  const outcomes = children?.outcomes[node.programId];
  const counts = plan.shareCounts;
  for (let j = 0; j < length; j++) {
    counts.fill(0);
    if (children) {
      const end = children.offsets[u0 + j + 1]!;
      for (let c = children.offsets[u0 + j]!; c < end; c++) {
        const counted = kinds[children.kind.codes[c]!];
        if (counted === undefined) fail(`child row ${c} has kind code ${children.kind.codes[c]}, beyond children.kind.names`);
        if (counted === 0 || !matchesAttributes(measure.childAttributes, children.attributes?.[c])) continue;
        counts[outcomes ? STATUS_OF_BYTE[outcomes[c]!]! : NOT_ASSESSED]!++;
      }
    }
    const met = counts[MET]!;
    const pending = counts[NOT_ASSESSED]!;
    const total = met + counts[NOT_MET]! + pending;
    status[at + j] = shareStatus(met, total, pending, requiredChildCount(total, comparator, node.threshold));
  }
}

/** One leaf for a block of units: the same checks as `runLeaf`, over a column. */
function leafBlock(kernel: Kernel, plan: Plan, bound: Bound, node: KernelNode, u0: number, length: number): void {
  const i = node.index;
  const code = node.measureCode;
  const status = plan.status;
  const at = i * BLOCK;
  const column = bound.values[i];
  if (code === M_SHARE) shareLeaf(kernel, plan, bound, node, u0, length);
  else if (code === M_PROGRAM) {
    const outcomes = bound.programs[i];
    if (!outcomes) status.fill(NOT_ASSESSED, at, at + length);
    else for (let j = 0; j < length; j++) status[at + j] = STATUS_OF_BYTE[outcomes[u0 + j]!]!;
  } else if (!column) status.fill(NOT_ASSESSED, at, at + length);
  else if (code === M_BOOLEAN) {
    const yes = node.expectedTrue ? MET : NOT_MET;
    const no = node.expectedTrue ? NOT_MET : MET;
    for (let j = 0; j < length; j++) {
      const value = column[u0 + j]!;
      status[at + j] = value === 1 ? yes : value === 0 ? no : NOT_ASSESSED;
    }
  } else if (code === M_NUMBER) {
    const comparator = node.comparatorCode;
    const threshold = node.threshold;
    for (let j = 0; j < length; j++) {
      const value = column[u0 + j]!;
      status[at + j] = !Number.isFinite(value) ? NOT_ASSESSED : compareCode(value, comparator, threshold) ? MET : NOT_MET;
    }
  } else if (code === M_CHANGE) {
    const before = bound.previous[i];
    const comparator = node.comparatorCode;
    const threshold = node.threshold;
    const bothZero = node.bothZeroMet ? MET : NOT_MET;
    for (let j = 0; j < length; j++) {
      const value = column[u0 + j]!;
      const previous = before ? before[u0 + j]! : Number.NaN;
      status[at + j] =
        !Number.isFinite(value) || !Number.isFinite(previous)
          ? NOT_ASSESSED
          : previous === 0 && value === 0
            ? bothZero
            : compareCode(changePercent(value, previous), comparator, threshold)
              ? MET
              : NOT_MET;
    }
  } else if (code === M_EVIDENCE) {
    for (let j = 0; j < length; j++) {
      const documents = column[u0 + j]!;
      status[at + j] = documents > 0 ? MET : documents === 0 ? NOT_MET : NOT_ASSESSED;
    }
  } else {
    // Scores, and (as in `runLeaf`) a leaf without a measure, which reads as a score out of 0.
    const max = node.maxScore;
    const min = node.minPoints;
    for (let j = 0; j < length; j++) {
      const value = column[u0 + j]!;
      status[at + j] = value >= 0 && value <= max ? (value >= min ? MET : NOT_MET) : NOT_ASSESSED;
    }
  }
  if (plan.needsPoints[i] === 0) return;
  for (let j = 0; j < length; j++) {
    const s = status[at + j]!;
    plan.points[at + j] = leafPoints(code, s, column ? column[u0 + j]! : Number.NaN, node.weight);
    plan.potential[at + j] = s === NOT_ASSESSED ? node.maxPoints : 0;
  }
}

// An "all" rule only asks whether any child applied, any blocking child failed, any required one is
// pending, so each child ORs one of these bits per unit instead of keeping six counts.
const ALL_APPLICABLE = 1;
const ALL_FAILED = 2;
const ALL_PENDING = 4;

function allGroupBlock(kernel: Kernel, plan: Plan, node: KernelNode, length: number): void {
  const { status, seen, seenBits: bits } = plan;
  seen.fill(0);
  for (const c of node.children) {
    const child = kernel.nodes[c]!;
    bits[MET] = ALL_APPLICABLE;
    bits[NOT_MET] = ALL_APPLICABLE | (child.critical || child.required ? ALL_FAILED : 0);
    bits[NOT_ASSESSED] = ALL_APPLICABLE | (child.required ? ALL_PENDING : 0);
    bits[NOT_APPLICABLE] = 0;
    const from = c * BLOCK;
    for (let j = 0; j < length; j++) seen[j] = seen[j]! | bits[status[from + j]!]!;
  }
  const at = node.index * BLOCK;
  for (let j = 0; j < length; j++) {
    const bit = seen[j]!;
    status[at + j] = bit === 0 ? NOT_APPLICABLE : allRuleStatus(bit & ALL_FAILED, 0, bit & ALL_PENDING);
  }
  if (plan.needsPoints[node.index] === 1) countedGroupPoints(plan, node, length);
}

/** Points a group that is not itself scored gives a score rule above it: its weight, once met. */
function countedGroupPoints(plan: Plan, node: KernelNode, length: number): void {
  const at = node.index * BLOCK;
  for (let j = 0; j < length; j++) {
    const s = plan.status[at + j]!;
    plan.points[at + j] = s === MET ? node.weight : 0;
    plan.potential[at + j] = s === NOT_ASSESSED ? node.weight : 0;
  }
}

/** One group for a block of units: tallies its children column by column, then decides as `runGroup`. */
function groupBlock(kernel: Kernel, plan: Plan, node: KernelNode, length: number): void {
  const { status, applicable, met, notAssessed, critFailed, reqFailed, reqPending, sumPoints, sumPotential } = plan;
  const rule = node.rule!;
  const scored = rule.type === 'score';
  applicable.fill(0);
  met.fill(0);
  notAssessed.fill(0);
  critFailed.fill(0);
  reqFailed.fill(0);
  reqPending.fill(0);
  if (scored) {
    sumPoints.fill(0);
    sumPotential.fill(0);
  }
  for (const c of node.children) {
    const child = kernel.nodes[c]!;
    const critical = child.critical ? 1 : 0;
    const required = child.required ? 1 : 0;
    const from = c * BLOCK;
    for (let j = 0; j < length; j++) {
      const s = status[from + j]!;
      if (s === MET) {
        applicable[j]!++;
        met[j]!++;
      } else if (s === NOT_MET) {
        applicable[j]!++;
        critFailed[j]! += critical;
        reqFailed[j]! += required;
      } else if (s === NOT_ASSESSED) {
        applicable[j]!++;
        notAssessed[j]!++;
        reqPending[j]! += required;
      }
    }
    if (scored) {
      for (let j = 0; j < length; j++) {
        if (status[from + j] === NOT_APPLICABLE) continue;
        sumPoints[j]! += plan.points[from + j]!;
        sumPotential[j]! += plan.potential[from + j]!;
      }
    }
  }
  const at = node.index * BLOCK;
  for (let j = 0; j < length; j++) {
    let s: number;
    if (applicable[j] === 0) s = NOT_APPLICABLE;
    else if (rule.type === 'all') s = allRuleStatus(critFailed[j]!, reqFailed[j]!, reqPending[j]!);
    else if (rule.type === 'atLeast') s = atLeastStatus(critFailed[j]!, met[j]!, notAssessed[j]!, atLeastNeeded(rule, applicable[j]!));
    else {
      const points = sumPoints[j]!;
      const grade = bandIndex(rule.bands, points, critFailed[j]!, reqFailed[j]!, reqPending[j]!);
      const best = notAssessed[j]! > 0 ? bandIndex(rule.bands, points + sumPotential[j]!, critFailed[j]!, reqFailed[j]!, 0) : grade;
      s = scoreRuleStatus(rule.bands, grade, best, notAssessed[j]!);
    }
    status[at + j] = s;
  }
  if (plan.needsPoints[node.index] === 0) return;
  if (!scored) return countedGroupPoints(plan, node, length);
  for (let j = 0; j < length; j++) {
    plan.points[at + j] = sumPoints[j]! * node.weight;
    plan.potential[at + j] = sumPotential[j]! * node.weight;
  }
}

/**
 * Outcomes of many units at once, from columns: the same statuses `evaluateStatus` gives each unit,
 * as `STATUS_CODE`s (`STATUS_BY_CODE[code]` is the status). Throws a `RangeError` on columns of the
 * wrong length or kind codes beyond their names, never guesses.
 *
 * @example
 * const codes = evaluateBatch(set, {
 *   size: 2,
 *   unitKind: 'commune',
 *   values: { plan: Float64Array.of(1, Number.NaN), crimes: Float64Array.of(0, 2) },
 * });
 * STATUS_BY_CODE[codes[0]!]; // 'met'
 */
export function evaluateBatch(
  set: ResolvedCriteriaSet | CompiledCriteriaSet,
  batch: EvaluationBatch,
  out?: Uint8Array,
): Uint8Array {
  const kernel = compiledFor(set).kernel;
  const plan = planFor(kernel);
  const bound = bind(kernel, batch);
  checkLength(out, batch.size, 'out');
  const codes = out ?? new Uint8Array(batch.size);
  const nodes = kernel.nodes;
  const anyScoped = plan.outOfScope.length > 0;
  for (let u0 = 0; u0 < batch.size; u0 += BLOCK) {
    const length = Math.min(BLOCK, batch.size - u0);
    fillApplies(bound.setApplier, batch, u0, length, plan.setApplies, 0);
    if (anyScoped) scopeBlock(kernel, plan, bound, u0, length);
    if (kernel.tallies.length > 0) countBlock(kernel, plan, bound, u0, length);
    for (let i = nodes.length - 1; i >= 0; i--) {
      const node = nodes[i]!;
      if (node.rule?.type === 'all') allGroupBlock(kernel, plan, node, length);
      else if (node.rule) groupBlock(kernel, plan, node, length);
      else leafBlock(kernel, plan, bound, node, u0, length);
      if (plan.scoped[i] === 0) continue;
      const at = i * BLOCK;
      for (let j = 0; j < length; j++) {
        if (plan.outOfScope[at + j] === 0) continue;
        plan.status[at + j] = NOT_APPLICABLE;
        if (plan.needsPoints[i] === 1) {
          plan.points[at + j] = 0;
          plan.potential[at + j] = 0;
        }
      }
    }
    for (let j = 0; j < length; j++) codes[u0 + j] = plan.setApplies[j] === 1 ? plan.status[j]! : NOT_APPLICABLE;
  }
  return codes;
}

/** One unit in object form, as `evaluateStatus` takes it. */
export interface UnitCase {
  readonly inputs: CriterionInputs;
  readonly context: EvaluationContext;
}

function kindColumn(kinds: readonly string[]): KindColumn {
  const names: string[] = [];
  const index = new Map<string, number>();
  const codes = new Uint16Array(kinds.length);
  kinds.forEach((kind, row) => {
    let code = index.get(kind);
    if (code === undefined) {
      code = names.push(kind) - 1;
      if (code > 0xffff) fail('more than 65,536 distinct kinds');
      index.set(kind, code);
    }
    codes[row] = code;
  });
  return { codes, names };
}

function numberOrNaN(value: unknown): number {
  return typeof value === 'number' ? value : Number.NaN;
}

/**
 * The columns of units given one at a time, for the criteria of `set`: for callers that hold objects
 * (and for checking the batch path against `evaluateStatus`). Input of the wrong type becomes NaN,
 * "not assessed" either way. Every unit must share one `asOf`.
 */
export function toEvaluationBatch(set: ResolvedCriteriaSet | CompiledCriteriaSet, units: readonly UnitCase[]): EvaluationBatch {
  const kernel = compiledFor(set).kernel;
  const size = units.length;
  const asOf = units[0]?.context.asOf;
  if (units.some((unit) => unit.context.asOf !== asOf)) fail('every unit in a batch must share one asOf');

  const values: Record<string, Float64Array> = {};
  const previousValues: Record<string, Float64Array> = {};
  const programOutcomes: Record<string, Uint8Array> = {};
  const childPrograms = new Set<string>();
  for (const node of kernel.nodes) {
    if (node.rule) continue;
    const code = node.measureCode;
    if (code === M_SHARE) childPrograms.add(node.programId);
    else if (code === M_PROGRAM) {
      programOutcomes[node.programId] = Uint8Array.from(units, (unit) => statusCode(unit.context.programOutcomes?.[node.programId]));
    } else {
      const inputs = units.map((unit) => unit.inputs[node.inputKey]);
      values[node.inputKey] = Float64Array.from(inputs, (input) => {
        if (code === M_BOOLEAN) return typeof input?.value === 'boolean' ? (input.value ? 1 : 0) : Number.NaN;
        if (code === M_EVIDENCE) return input?.evidence && input.evidence.length > 0 ? input.evidence.length : input?.value === false ? 0 : Number.NaN;
        return numberOrNaN(input?.value);
      });
      if (code === M_CHANGE) previousValues[node.inputKey] = Float64Array.from(inputs, (input) => numberOrNaN(input?.previousValue));
    }
  }

  const offsets = new Uint32Array(size + 1);
  const rows = units.flatMap((unit, u) => {
    const children = unit.context.children ?? [];
    offsets[u + 1] = offsets[u]! + children.length;
    return children;
  });
  const outcomes: Record<string, Uint8Array> = {};
  for (const programId of childPrograms) outcomes[programId] = Uint8Array.from(rows, (child) => statusCode(child.outcomes[programId]));
  const children: ChildColumns = {
    offsets,
    kind: kindColumn(rows.map((child) => child.kind)),
    outcomes,
    ...(rows.some((child) => child.attributes) && { attributes: rows.map((child) => child.attributes) }),
  };
  const attributes = units.map((unit) => unit.context.unit.attributes);
  return {
    size,
    unitKind: kindColumn(units.map((unit) => unit.context.unit.kind)),
    ...(attributes.some((entry) => entry) && { unitAttributes: attributes }),
    ...(asOf !== undefined && { asOf }),
    values,
    previousValues,
    programOutcomes,
    children,
  };
}

/** Codes back to statuses. */
export function statusesOf(codes: Uint8Array): Status[] {
  return Array.from(codes, (code) => STATUS_BY_CODE[code] ?? 'notAssessed');
}
