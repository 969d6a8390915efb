import { describe, expect, it } from 'vitest';
import { evaluate } from './engine.ts';
import { enteredCriteria, sampleInputs } from './sample-inputs.ts';
import { templateCatalog } from './templates/index.ts';

const catalog = templateCatalog();
if (!catalog.ok) throw new Error(JSON.stringify(catalog.errors));

describe('sampleInputs', () => {
  it.each([...catalog.value.sets.values()].map((set) => [`${set.ref.setId}@${set.ref.version}`, set] as const))(
    '%s: meets every entered criterion, and fails exactly the listed one',
    (_key, set) => {
      const kind = set.appliesTo.unitKinds![0]!;
      const context = { unit: { kind, attributes: { hasPartyOrganisation: true } }, programOutcomes: { safeSecurityOrder: 'met' as const } };
      const all = evaluate(set, sampleInputs(set), context);
      const entered = enteredCriteria(set);
      for (const criterion of entered) {
        const result = all.criteria.find((c) => c.id === criterion.id)!;
        expect(['met', 'notApplicable']).toContain(result.status);
      }
      const target = entered.find((criterion) => criterion.required && !criterion.appliesTo);
      if (!target) return;
      const one = evaluate(set, sampleInputs(set, { failing: [target.id] }), context);
      expect(one.criteria.find((c) => c.id === target.id)!.status).toBe('notMet');
    },
  );
});
