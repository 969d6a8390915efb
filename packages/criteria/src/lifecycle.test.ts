import { describe, expect, it } from 'vitest';
import { createCatalog } from './catalog.ts';
import type { CriteriaSetDefinition } from './definition.ts';
import { canTransition, editDraft, extensionDraft, newDraftVersion, transition } from './lifecycle.ts';

const draft: CriteriaSetDefinition = {
  schemaVersion: 1,
  id: 'model-ward-police',
  version: 1,
  programId: 'modelWardPolice',
  owner: { scope: 'national' },
  status: 'draft',
  title: { vi: 'Công an phường điển hình, kiểu mẫu' },
  appliesTo: { unitKinds: ['ward'] },
  rule: { type: 'atLeast', count: 1 },
  criteria: [{ id: 'mwp.1', code: '1', title: { vi: 'Tiêu chí 1' }, measure: { type: 'boolean' } }],
};

describe('criteria-set lifecycle', () => {
  it.each([
    ['draft', 'published', true],
    ['published', 'retired', true],
    ['published', 'draft', false],
    ['retired', 'published', false],
    ['draft', 'retired', false],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
    expect(transition({ ...draft, status: from }, to).ok).toBe(allowed);
  });

  it('edits a draft but never a published version', () => {
    const reworded = { ...draft, title: { vi: 'Công an phường kiểu mẫu về ANTT và văn minh đô thị' } };
    expect(editDraft(draft, reworded)).toEqual({ ok: true, value: reworded });
    const published = { ...draft, status: 'published' as const };
    const refused = editDraft(published, { ...reworded, status: 'published' });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.errors[0]).toMatchObject({ code: 'immutable', set: 'model-ward-police@1' });
  });

  it('refuses an edit that renames the version or publishes it on the side', () => {
    expect(editDraft(draft, { ...draft, version: 2 }).ok).toBe(false);
    expect(editDraft(draft, { ...draft, status: 'published' }).ok).toBe(false);
  });

  it('opens the next version as an independent draft', () => {
    const published = { ...draft, status: 'published' as const };
    const next = newDraftVersion(published, 2);
    expect(next).toMatchObject({ version: 2, status: 'draft' });
    expect(next.criteria).not.toBe(published.criteria);
    expect(next.criteria).toEqual(published.criteria);
  });

  it('starts a province extension that resolves to its parent', () => {
    const parent = { ...draft, status: 'published' as const };
    const variant = extensionDraft(
      { setId: parent.id, version: 1 },
      { id: 'nghe-an-model-ward-police', programId: 'modelWardPolice', owner: { scope: 'province', provinceCode: '40' }, title: { vi: 'Bộ tiêu chí Nghệ An' }, appliesTo: { unitKinds: ['ward'] } },
    );
    const catalog = createCatalog({ programs: [{ id: 'modelWardPolice', title: { vi: 'CA phường kiểu mẫu' } }], sets: [parent, variant] });
    expect(catalog.ok && catalog.value.get({ setId: 'nghe-an-model-ward-police', version: 1 })!.criteria.map((c) => c.id)).toEqual(['mwp.1']);
  });
});
