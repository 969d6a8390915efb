import { resolveCriteriaSet, type ResolvedCriteriaSet } from '../catalog.ts';
import type { CriteriaSetDefinition, CriterionDefinition, OutcomeRule } from '../definition.ts';
import type { ChildUnit, Status } from '../engine.ts';

/** Test helpers: build a published national set from a few criteria and resolve it. */
export function buildSet(
  criteria: readonly CriterionDefinition[],
  options: { rule?: OutcomeRule; unitKinds?: readonly string[]; programId?: string; id?: string } = {},
): ResolvedCriteriaSet {
  const definition: CriteriaSetDefinition = {
    schemaVersion: 1,
    id: options.id ?? 'test-set',
    version: 1,
    programId: options.programId ?? 'safeSecurityOrder',
    owner: { scope: 'national' },
    status: 'published',
    title: { vi: 'Bộ tiêu chí thử' },
    appliesTo: { unitKinds: options.unitKinds ?? ['commune'] },
    rule: options.rule ?? { type: 'all' },
    criteria,
  };
  const resolved = resolveCriteriaSet(definition, () => undefined);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.errors));
  return resolved.value;
}

/** `count` children of one kind, the first `met` of them met in `programId`, the rest `rest`. */
export function children(
  kind: string,
  count: number,
  met: number,
  programId = 'safeSecurityOrder',
  rest: Status = 'notMet',
): ChildUnit[] {
  return Array.from({ length: count }, (_, index) => ({
    kind,
    outcomes: { [programId]: index < met ? 'met' : rest },
  }));
}

export function yesNo(id: string, code: string, extra: Partial<CriterionDefinition> = {}): CriterionDefinition {
  return { id, code, title: { vi: `Tiêu chí ${code}` }, measure: { type: 'boolean' }, ...extra };
}
