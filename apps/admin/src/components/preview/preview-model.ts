import {
  enteredCriteria,
  evaluate,
  nationalUnitKinds,
  sampleInputs,
  walkCriteria,
  type ChildUnit,
  type CriterionInput,
  type CriterionInputs,
  type EvaluationContext,
  type Evaluation,
  type ResolvedCriteriaSet,
  type Status,
} from '@antt/criteria';

/*
 * The live preview's form state and how it becomes the engine's inputs. Every rule — what is met,
 * what an invalid value is, what a missing one means — stays in `@antt/criteria`: this module only
 * turns what a person typed into `CriterionInputs` and an `EvaluationContext`, then calls `evaluate`.
 */

/** One input of the form. Entered criteria come from `enteredCriteria`; the rest are computed. */
export type PreviewField =
  | { readonly id: string; readonly type: 'boolean' | 'evidence' | 'number' | 'change'; readonly unit?: string }
  | { readonly id: string; readonly type: 'score'; readonly maxPoints: number }
  /** Share of child units: the preview lets a person say how many there are and how many met. */
  | { readonly id: string; readonly type: 'childShare'; readonly programId: string; readonly childKind: string }
  /** Another program's outcome for the same unit. */
  | { readonly id: string; readonly type: 'programOutcome'; readonly programId: string };

/**
 * What a person typed, by key: a criterion id, or `id#previous`, `id#met`, `id#total` for the second
 * value of a field. Booleans are `'true'`/`'false'`; a missing key means "not entered".
 */
export type PreviewValues = Readonly<Record<string, string>>;

export interface PreviewState {
  readonly unitKind: string;
  readonly values: PreviewValues;
}

/** Reads the API's `resolved` JSON as the engine's input; `undefined` when it is not one. */
export function asResolvedSet(json: unknown): ResolvedCriteriaSet | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const candidate = json as Partial<ResolvedCriteriaSet>;
  if (!candidate.ref || !Array.isArray(candidate.criteria) || !candidate.rule || !candidate.appliesTo) return undefined;
  return candidate as ResolvedCriteriaSet;
}

export function previewFields(set: ResolvedCriteriaSet): Map<string, PreviewField> {
  const fields = new Map<string, PreviewField>();
  for (const criterion of enteredCriteria(set)) {
    const measure = criterion.measure!;
    if (measure.type === 'score') fields.set(criterion.id, { id: criterion.id, type: 'score', maxPoints: measure.maxPoints });
    else if (measure.type === 'number' || measure.type === 'change') {
      fields.set(criterion.id, measure.unit ? { id: criterion.id, type: measure.type, unit: measure.unit } : { id: criterion.id, type: measure.type });
    } else if (measure.type === 'boolean' || measure.type === 'evidence') fields.set(criterion.id, { id: criterion.id, type: measure.type });
  }
  for (const { node } of walkCriteria(set.criteria)) {
    const measure = node.measure;
    if (measure?.type === 'childShare') {
      fields.set(node.id, { id: node.id, type: 'childShare', programId: measure.programId, childKind: measure.childKinds[0] ?? '' });
    } else if (measure?.type === 'programOutcome') {
      fields.set(node.id, { id: node.id, type: 'programOutcome', programId: measure.programId });
    }
  }
  return fields;
}

/** The unit kinds a set can be tried on: those it applies to, or every national kind. */
export function previewUnitKinds(set: ResolvedCriteriaSet): string[] {
  return [...(set.appliesTo.unitKinds ?? nationalUnitKinds.map((kind) => kind.id))];
}

export function initialState(set: ResolvedCriteriaSet): PreviewState {
  return { unitKind: previewUnitKinds(set)[0] ?? '', values: {} };
}

/**
 * A number as typed: `''` is "not entered", `1,5` and `1.5` are both 1.5, anything else is NaN, which
 * the engine reports as an invalid value in its own words.
 */
export function parseDecimal(text: string | undefined): number | undefined {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') return undefined;
  const normal = trimmed.replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : Number.NaN;
}

function inputFor(field: PreviewField, values: PreviewValues): CriterionInput | undefined {
  const raw = values[field.id];
  switch (field.type) {
    case 'boolean':
      return raw === undefined ? undefined : { value: raw === 'true' };
    case 'evidence':
      // Ticking "có" stands for an attached document; the preview never uploads anything.
      return raw === undefined ? undefined : raw === 'true' ? { evidence: [{ documentRef: 'preview' }] } : { value: false };
    case 'number':
    case 'score': {
      const value = parseDecimal(raw);
      return value === undefined ? undefined : { value };
    }
    case 'change': {
      const value = parseDecimal(raw);
      const previousValue = parseDecimal(values[`${field.id}#previous`]);
      if (value === undefined && previousValue === undefined) return undefined;
      return previousValue === undefined ? { value: value ?? null } : { value: value ?? null, previousValue };
    }
    case 'childShare':
    case 'programOutcome':
      return undefined;
  }
}

export function toInputs(fields: ReadonlyMap<string, PreviewField>, values: PreviewValues): CriterionInputs {
  const inputs: Record<string, CriterionInput> = {};
  for (const field of fields.values()) {
    const input = inputFor(field, values);
    if (input) inputs[field.id] = input;
  }
  return inputs;
}

function count(text: string | undefined): number {
  const value = parseDecimal(text);
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : 0;
}

/** The unit, its (made-up) child units and other programs' outcomes, as the computed fields say. */
export function toContext(fields: ReadonlyMap<string, PreviewField>, state: PreviewState): EvaluationContext {
  const children: ChildUnit[] = [];
  const programOutcomes: Record<string, Status> = {};
  for (const field of fields.values()) {
    if (field.type === 'childShare') {
      const total = count(state.values[`${field.id}#total`]);
      const met = Math.min(count(state.values[`${field.id}#met`]), total);
      for (let index = 0; index < total; index++) {
        children.push({ kind: field.childKind, outcomes: { [field.programId]: index < met ? 'met' : 'notMet' } });
      }
    } else if (field.type === 'programOutcome') {
      const outcome = state.values[field.id];
      if (outcome) programOutcomes[field.programId] = outcome as Status;
    }
  }
  return { unit: { kind: state.unitKind }, children, programOutcomes };
}

export function evaluatePreview(set: ResolvedCriteriaSet, fields: ReadonlyMap<string, PreviewField>, state: PreviewState): Evaluation {
  return evaluate(set, toInputs(fields, state.values), toContext(fields, state));
}

function asText(value: boolean | number): string {
  // 100 × 0.96 is 96.00000000000001 in floating point; nobody types that.
  return typeof value === 'number' ? String(Math.round(value * 1e6) / 1e6) : String(value);
}

/** Form values that meet every entered criterion (the domain's `sampleInputs`), computed ones untouched. */
export function sampleValues(set: ResolvedCriteriaSet, fields: ReadonlyMap<string, PreviewField>, current: PreviewValues): PreviewValues {
  const values: Record<string, string> = { ...current };
  for (const [id, input] of Object.entries(sampleInputs(set))) {
    const field = fields.get(id);
    if (!field) continue;
    if (field.type === 'evidence') values[id] = input.evidence?.length ? 'true' : 'false';
    else if (input.value !== undefined && input.value !== null) values[id] = asText(input.value);
    if (field.type === 'change' && input.previousValue !== undefined && input.previousValue !== null) {
      values[`${id}#previous`] = asText(input.previousValue);
    }
  }
  return values;
}

/** Sets one value; `undefined` clears it ("not entered"). */
export function withValue(values: PreviewValues, key: string, value: string | undefined): PreviewValues {
  const next: Record<string, string> = { ...values };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}
