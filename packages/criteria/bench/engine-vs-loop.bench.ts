/*
 * Engine against the practical limit: 100,000 commune assessments of a 20-criterion set with
 * share-of-children rules, evaluated by the explained engine and by a hand-written loop doing the same
 * arithmetic on plain typed arrays. Both must agree on every outcome; the ratio of their times is the
 * engine's overhead. Run with `pnpm bench`.
 */
import { compileCriteriaSet, evaluate, evaluateStatus, resolveCriteriaSet, type ChildUnit, type CriterionDefinition, type CriterionInputs, type CriteriaSetDefinition, type Status } from '../src/index.ts';

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

/** Deterministic pseudo-random numbers so every run measures the same data. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
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
}

function buildWorkload(units: number): Workload {
  const random = prng(20251116);
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
  return { engineInputs, engineChildren, booleans, numbers, childOffsets, childKind: Uint8Array.from(kinds), childStatus: Uint8Array.from(statuses) };
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
const engineOut = new Uint8Array(UNITS);
const loopOut = new Uint8Array(UNITS);

const explainedOut = new Uint8Array(UNITS);

/** The engine's outcome path: the same kernel `evaluate` runs, without writing the explanation. */
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
runEngine();
runExplained();
handLoop(workload, UNITS, loopOut);
const engineTimes: number[] = [];
const explainedTimes: number[] = [];
const loopTimes: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  let start = performance.now();
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
  if (engineOut[u] !== loopOut[u] || explainedOut[u] !== loopOut[u]) {
    throw new Error(`engine and hand loop disagree on unit ${u}: ${engineOut[u]}/${explainedOut[u]} vs ${loopOut[u]}`);
  }
}
const counts = [0, 0, 0];
for (const code of engineOut) counts[code]!++;

const engineMs = median(engineTimes);
const explainedMs = median(explainedTimes);
const loopMs = median(loopTimes);
console.log(`units ${UNITS}, outcomes met ${counts[0]}, not met ${counts[1]}, not assessed ${counts[2]}`);
console.log(`engine ${engineMs.toFixed(1)} ms, explained ${explainedMs.toFixed(1)} ms, hand loop ${loopMs.toFixed(1)} ms (median of ${ROUNDS})`);
console.log(`BENCH engine-throughput ${Math.round((UNITS / engineMs) * 1000)} evaluations/s target >= 100000`);
console.log(`BENCH engine-explained-throughput ${Math.round((UNITS / explainedMs) * 1000)} evaluations/s target >= 10000`);
console.log(`BENCH engine-vs-loop ${(engineMs / loopMs).toFixed(2)} x target <= 3`);
