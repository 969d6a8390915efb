/*
 * Engine against the practical limit: 100,000 commune assessments of a 20-criterion set with
 * share-of-children rules, evaluated by the engine and by a hand-written loop doing the same
 * arithmetic on plain typed arrays. The engine runs three ways: the batch path over columns
 * (`evaluateBatch`, the `engine-vs-loop` line), one unit at a time from objects (`evaluateStatus`) and
 * fully explained (`evaluate`). All must agree with the loop on every outcome; the ratio of their
 * times is the engine's overhead. Run with `pnpm bench`.
 */
import {
  compileCriteriaSet,
  evaluate,
  evaluateBatch,
  evaluateStatus,
  resolveCriteriaSet,
  type ChildUnit,
  type CriterionDefinition,
  type CriterionInputs,
  type CriteriaSetDefinition,
  type EvaluationBatch,
  type Status,
} from '../src/index.ts';
import { seededRandom } from '../src/testing/random.ts';

const UNITS = Number(process.env['BENCH_UNITS'] ?? 100_000);
const ROUNDS = 5;

const BOOLEANS = 14;
const CHILD_KINDS = ['residentialArea', 'agency', 'school'] as const;
const SHARES = [
  { kind: 'residentialArea', comparator: '>=', threshold: 70 },
  { kind: 'agency', comparator: '>', threshold: 50 },
  { kind: 'school', comparator: '>=', threshold: 50 },
] as const;

function buildDefinition(): CriteriaSetDefinition {
  const criteria: CriterionDefinition[] = [];
  for (let i = 0; i < BOOLEANS; i++) {
    criteria.push({ id: `b${i}`, code: String(i + 1), title: { vi: `Tiêu chí ${i + 1}` }, measure: { type: 'boolean' } });
  }
  criteria.push({ id: 'crime', code: '15', title: { vi: 'Trọng án' }, measure: { type: 'number', comparator: '=', threshold: 0, unit: 'vụ' } });
  criteria.push({ id: 'complaints', code: '16', title: { vi: 'Khiếu kiện đông người' }, measure: { type: 'number', comparator: '<=', threshold: 1 } });
  criteria.push({ id: 'trend', code: '17', title: { vi: 'Tội phạm giảm' }, measure: { type: 'change', comparator: '<=', thresholdPercent: -5 } });
  SHARES.forEach((share, i) => {
    criteria.push({
      id: `share${i}`,
      code: String(18 + i),
      title: { vi: `Tỷ lệ ${share.kind}` },
      measure: { type: 'childShare', programId: 'safeSecurityOrder', childKinds: [share.kind], comparator: share.comparator, thresholdPercent: share.threshold },
    });
  });
  return {
    schemaVersion: 1,
    id: 'bench-commune',
    version: 1,
    programId: 'safeSecurityOrder',
    owner: { scope: 'national' },
    status: 'published',
    title: { vi: 'Bộ tiêu chí đo hiệu năng' },
    appliesTo: { unitKinds: ['commune'] },
    rule: { type: 'all' },
    criteria,
  };
}


const STATUS_CODE: Record<Status, number> = { met: 0, notMet: 1, notAssessed: 2, notApplicable: 3 };

interface Workload {
  engineInputs: CriterionInputs[];
  engineChildren: ChildUnit[][];
  // The same data as plain arrays for the hand-written loop.
  booleans: Uint8Array; // 0 false, 1 true, 2 missing
  numbers: Float64Array; // crime, complaints, trend, trendPrevious; NaN = missing
  childOffsets: Uint32Array;
  childKind: Uint8Array;
  childStatus: Uint8Array;
  // The same data as the engine's batch columns: one column per criterion, NaN for no input.
  batch: EvaluationBatch;
}

function buildWorkload(units: number): Workload {
  const random = seededRandom(20251116);
  const engineInputs: CriterionInputs[] = [];
  const engineChildren: ChildUnit[][] = [];
  const booleans = new Uint8Array(units * BOOLEANS);
  const numbers = new Float64Array(units * 4);
  const childOffsets = new Uint32Array(units + 1);
  const kinds: number[] = [];
  const statuses: number[] = [];
  const outcomeObjects = (['met', 'notMet', 'notAssessed'] as const).map((status) => ({ safeSecurityOrder: status }));

  for (let u = 0; u < units; u++) {
    const inputs: Record<string, { value?: boolean | number; previousValue?: number }> = {};
    for (let i = 0; i < BOOLEANS; i++) {
      const roll = random();
      const value = roll < 0.002 ? undefined : roll < 0.04 ? false : true;
      booleans[u * BOOLEANS + i] = value === undefined ? 2 : value ? 1 : 0;
      if (value !== undefined) inputs[`b${i}`] = { value };
    }
    const crime = random() < 0.1 ? 1 : 0;
    const complaints = Math.floor(random() * 3);
    const previous = 20 + Math.floor(random() * 30);
    const current = Math.max(0, previous + Math.floor(random() * 10) - 7);
    inputs['crime'] = { value: crime };
    inputs['complaints'] = { value: complaints };
    inputs['trend'] = { value: current, previousValue: previous };
    numbers.set([crime, complaints, current, previous], u * 4);
    engineInputs.push(inputs);

    const kids: ChildUnit[] = [];
    const count = 8 + Math.floor(random() * 8);
    for (let c = 0; c < count; c++) {
      const kind = c < count - 4 ? 0 : c < count - 1 ? 1 : 2;
      const roll = random();
      const status = roll < 0.8 ? 0 : roll < 0.97 ? 1 : 2;
      kids.push({ kind: CHILD_KINDS[kind]!, outcomes: outcomeObjects[status]! });
      kinds.push(kind);
      statuses.push(status);
    }
    engineChildren.push(kids);
    childOffsets[u + 1] = kinds.length;
  }
  const childKind = Uint8Array.from(kinds);
  const childStatus = Uint8Array.from(statuses);
  return { engineInputs, engineChildren, booleans, numbers, childOffsets, childKind, childStatus, batch: batchColumns(units, booleans, numbers, childOffsets, childKind, childStatus) };
}

/** Columns as a caller would read them from stored rows; the child arrays are the loop's own. */
function batchColumns(units: number, booleans: Uint8Array, numbers: Float64Array, offsets: Uint32Array, kind: Uint8Array, status: Uint8Array): EvaluationBatch {
  const values: Record<string, Float64Array> = {};
  for (let i = 0; i < BOOLEANS; i++) {
    values[`b${i}`] = Float64Array.from({ length: units }, (_, u) => {
      const b = booleans[u * BOOLEANS + i]!;
      return b === 2 ? Number.NaN : b;
    });
  }
  const numberColumn = (at: number) => Float64Array.from({ length: units }, (_, u) => numbers[u * 4 + at]!);
  values['crime'] = numberColumn(0);
  values['complaints'] = numberColumn(1);
  values['trend'] = numberColumn(2);
  return {
    size: units,
    unitKind: 'commune',
    values,
    previousValues: { trend: numberColumn(3) },
    // Child statuses use the engine's codes (0 met, 1 not met, 2 not assessed), kinds index CHILD_KINDS.
    children: { offsets, kind: { codes: kind, names: CHILD_KINDS }, outcomes: { safeSecurityOrder: status } },
  };
}

/** The practical limit: the same rules written by hand over typed arrays, no explanations. */
function handLoop(w: Workload, units: number, out: Uint8Array): void {
  const met = [0, 0, 0];
  const total = [0, 0, 0];
  const pending = [0, 0, 0];
  for (let u = 0; u < units; u++) {
    let failed = false;
    let missing = false;
    for (let i = 0; i < BOOLEANS; i++) {
      const b = w.booleans[u * BOOLEANS + i]!;
      if (b === 0) failed = true;
      else if (b === 2) missing = true;
    }
    const base = u * 4;
    if (w.numbers[base]! !== 0) failed = true;
    if (w.numbers[base + 1]! > 1) failed = true;
    const current = w.numbers[base + 2]!;
    const previous = w.numbers[base + 3]!;
    const change = previous === 0 ? (current === 0 ? -Infinity : Infinity) : ((current - previous) / previous) * 100;
    if (!(change <= -5)) failed = true;
    met[0] = met[1] = met[2] = 0;
    total[0] = total[1] = total[2] = 0;
    pending[0] = pending[1] = pending[2] = 0;
    for (let c = w.childOffsets[u]!; c < w.childOffsets[u + 1]!; c++) {
      const kind = w.childKind[c]!;
      const status = w.childStatus[c]!;
      total[kind]!++;
      if (status === 0) met[kind]!++;
      else if (status === 2) pending[kind]!++;
    }
    for (let s = 0; s < SHARES.length; s++) {
      const share = SHARES[s]!;
      const exact = (share.threshold * total[s]!) / 100;
      const needed = share.comparator === '>=' ? Math.ceil(exact - 1e-9) : Math.floor(exact + 1e-9) + 1;
      if (met[s]! >= needed) continue;
      if (met[s]! + pending[s]! < needed) failed = true;
      else missing = true;
    }
    out[u] = failed ? 1 : missing ? 2 : 0;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const resolved = resolveCriteriaSet(buildDefinition(), () => undefined);
if (!resolved.ok) throw new Error(JSON.stringify(resolved.errors));
const compiled = compileCriteriaSet(resolved.value);
const workload = buildWorkload(UNITS);
const batchOut = new Uint8Array(UNITS);
const engineOut = new Uint8Array(UNITS);
const loopOut = new Uint8Array(UNITS);

const explainedOut = new Uint8Array(UNITS);

/** The engine's batch path: every unit from columns, the statuses as codes. */
function runBatch(): void {
  evaluateBatch(compiled, workload.batch, batchOut);
}

/** The engine's one-unit outcome path: the same kernel `evaluate` runs, without writing the explanation. */
function runEngine(): void {
  for (let u = 0; u < UNITS; u++) {
    const status = evaluateStatus(compiled, workload.engineInputs[u]!, { unit: { kind: 'commune' }, children: workload.engineChildren[u]! });
    engineOut[u] = STATUS_CODE[status];
  }
}

/** Fully explained results: every criterion's reason in Vietnamese and what would change the outcome. */
function runExplained(): void {
  for (let u = 0; u < UNITS; u++) {
    const result = evaluate(compiled, workload.engineInputs[u]!, { unit: { kind: 'commune' }, children: workload.engineChildren[u]! });
    explainedOut[u] = STATUS_CODE[result.status];
  }
}

// Warm all up, then alternate so machine noise hits each alike.
runBatch();
runEngine();
runExplained();
handLoop(workload, UNITS, loopOut);
const batchTimes: number[] = [];
const engineTimes: number[] = [];
const explainedTimes: number[] = [];
const loopTimes: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  let start = performance.now();
  runBatch();
  batchTimes.push(performance.now() - start);
  start = performance.now();
  runEngine();
  engineTimes.push(performance.now() - start);
  start = performance.now();
  handLoop(workload, UNITS, loopOut);
  loopTimes.push(performance.now() - start);
  start = performance.now();
  runExplained();
  explainedTimes.push(performance.now() - start);
}

for (let u = 0; u < UNITS; u++) {
  if (batchOut[u] !== loopOut[u] || engineOut[u] !== loopOut[u] || explainedOut[u] !== loopOut[u]) {
    throw new Error(`engine and hand loop disagree on unit ${u}: ${batchOut[u]}/${engineOut[u]}/${explainedOut[u]} vs ${loopOut[u]}`);
  }
}
const counts = [0, 0, 0];
for (const code of engineOut) counts[code]!++;

const batchMs = median(batchTimes);
const engineMs = median(engineTimes);
const explainedMs = median(explainedTimes);
const loopMs = median(loopTimes);
console.log(`units ${UNITS}, outcomes met ${counts[0]}, not met ${counts[1]}, not assessed ${counts[2]}`);
console.log(
  `engine batch ${batchMs.toFixed(1)} ms, engine objects ${engineMs.toFixed(1)} ms, explained ${explainedMs.toFixed(1)} ms, hand loop ${loopMs.toFixed(1)} ms (median of ${ROUNDS})`,
);
console.log(`BENCH engine-throughput ${Math.round((UNITS / engineMs) * 1000)} evaluations/s target >= 100000`);
console.log(`BENCH engine-batch-throughput ${Math.round((UNITS / batchMs) * 1000)} evaluations/s target >= 1000000`);
console.log(`BENCH engine-explained-throughput ${Math.round((UNITS / explainedMs) * 1000)} evaluations/s target >= 10000`);
console.log(`BENCH engine-vs-loop ${(batchMs / loopMs).toFixed(2)} x target <= 3`);
console.log(`BENCH engine-object-vs-loop ${(engineMs / loopMs).toFixed(2)} x target <= 10`);
