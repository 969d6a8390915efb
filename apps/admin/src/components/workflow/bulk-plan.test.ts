import { describe, expect, it } from 'vitest';
import type { WorkflowBulkItem } from '../../lib/queries/workflow.ts';
import { initialDraft, type ActionDraft } from './action-draft.ts';
import { areaKindOptions } from './area-choice.ts';
import {
  bulkChoiceFromQuery,
  bulkChoiceToQuery,
  bulkForm,
  bulkRequest,
  checkedItems,
  defaultBulkArea,
  itemKey,
  planVariables,
  selectionProblem,
  stepTitle,
  type BulkChoice,
} from './bulk-plan.ts';
import { bulkItem } from './test-fixtures.ts';

const defaults = { programId: 'safeSecurityOrder', year: 2026 };

const complete: BulkChoice = { programId: 'safeSecurityOrder', year: 2026, area: '10507', kind: 'residentialArea', action: 'COMPLETE', recognised: true };

function formFor(choice: Pick<BulkChoice, 'programId' | 'action'>, items: readonly WorkflowBulkItem[]) {
  const form = bulkForm(choice, items);
  if (form.kind !== 'form') throw new Error(`no form: ${form.kind}`);
  return form;
}

function draftFor(form: ReturnType<typeof formFor>, changes: Partial<ActionDraft> = {}): ActionDraft {
  return { ...initialDraft(form.fields, { today: '2026-12-20', outcome: 'met' }), ...changes };
}

describe('the choice in the URL', () => {
  it('reads the program, year, area, kind, action and decision, with defaults for what is missing', () => {
    expect(bulkChoiceFromQuery(new URLSearchParams(''), defaults)).toEqual({
      programId: 'safeSecurityOrder',
      year: 2026,
      area: '',
      kind: '',
      action: 'COMPLETE',
      recognised: true,
    });
    const declining = bulkChoiceFromQuery(new URLSearchParams('program=modelWardPolice&year=2025&area=31&kind=ward&action=DECIDE&recognised=0'), defaults);
    expect(declining).toEqual({ programId: 'modelWardPolice', year: 2025, area: '31', kind: 'ward', action: 'DECIDE', recognised: false });
    expect(bulkChoiceFromQuery(new URLSearchParams('action=UNLOCK&year=soon'), defaults)).toMatchObject({ action: 'COMPLETE', year: 2026 });
  });

  it('writes it back, leaving out what is the default', () => {
    expect(bulkChoiceToQuery(complete)).toEqual({ program: 'safeSecurityOrder', year: '2026', area: '10507', kind: 'residentialArea', action: 'COMPLETE', recognised: undefined });
    expect(bulkChoiceToQuery({ ...complete, kind: '', area: ' ', action: 'DECIDE', recognised: false })).toMatchObject({ area: undefined, kind: undefined, recognised: '0' });
    // Declining means nothing to a step completion.
    expect(bulkChoiceToQuery({ ...complete, recognised: false }).recognised).toBeUndefined();
    const url = new URLSearchParams(Object.entries(bulkChoiceToQuery({ ...complete, action: 'DECIDE', recognised: false })).filter((entry): entry is [string, string] => entry[1] !== undefined));
    expect(bulkChoiceFromQuery(url, defaults)).toEqual({ ...complete, action: 'DECIDE', recognised: false });
  });

  it('asks for a dry run only once an area is chosen', () => {
    expect(planVariables({ ...complete, area: '  ' })).toBeUndefined();
    expect(planVariables(complete)).toEqual({ programId: 'safeSecurityOrder', periodYear: 2026, areaCode: '10507', action: 'COMPLETE', unitKinds: ['residentialArea'] });
    expect(planVariables({ ...complete, kind: '', action: 'DECIDE', recognised: false })).toEqual({
      programId: 'safeSecurityOrder',
      periodYear: 2026,
      areaCode: '10507',
      action: 'DECIDE',
      recognised: false,
    });
  });

  it('offers communes and the units below them as kinds, not provinces or the districts of before 2025', () => {
    expect(areaKindOptions.map((kind) => kind.id)).toEqual(['commune', 'ward', 'specialZone', 'residentialArea', 'agency', 'enterprise', 'school']);
  });
});

describe('defaultBulkArea', () => {
  const grant = (scopePath: string, permissions = ['units.read', 'workflow.act']) => ({ scopePath, permissions });

  it('offers the commune where a ward officer’s role holds', () => {
    expect(defaultBulkArea([grant('31/10507')])).toBe('10507');
    expect(defaultBulkArea([grant('31')])).toBe('31');
  });

  it('offers a unit head the commune of their unit, since the list is of the units below the area', () => {
    expect(defaultBulkArea([grant('31/10507/10507-KDC01')])).toBe('10507');
  });

  it('offers nothing for the whole country (no bulk run spans it) or to a caller who may not act', () => {
    expect(defaultBulkArea([grant('')])).toBe('');
    expect(defaultBulkArea([grant('31', ['units.read', 'reports.read'])])).toBe('');
    expect(defaultBulkArea([grant('31', ['reports.read']), grant('31/10507')])).toBe('10507');
    expect(defaultBulkArea([])).toBe('');
  });
});

describe('checked items', () => {
  const ready = [bulkItem('10507-KDC01'), bulkItem('10507-KDC02'), bulkItem('10507-KDC03')];

  it('are every ready item unless unchecked, in the dry run’s order', () => {
    expect(checkedItems(ready, new Set()).map((item) => item.unitCode)).toEqual(['10507-KDC01', '10507-KDC02', '10507-KDC03']);
    expect(checkedItems(ready, new Set([itemKey(ready[1]!)])).map((item) => item.unitCode)).toEqual(['10507-KDC01', '10507-KDC03']);
  });

  it('count an item the dry run shows at a new revision as a new one, checked again', () => {
    const unchecked = new Set([itemKey(ready[0]!)]);
    expect(checkedItems([{ ...ready[0]!, revision: 2, stepId: 'selfAssessment' }], unchecked)).toHaveLength(1);
  });
});

describe('stepTitle', () => {
  it('names a step by its title in the program’s workflow', () => {
    expect(stepTitle('safeSecurityOrder', 'registration')).toBe('Đăng ký phấn đấu (Quý I)');
    expect(stepTitle('modelWardPolice', 'provincialReview')).toBe('Họp xét của Công an tỉnh');
    expect(stepTitle('safeSecurityOrder', null)).toBe('Đã quyết định');
    expect(stepTitle('safeSecurityOrder', 'newStep')).toBe('newStep');
  });
});

describe('bulkForm', () => {
  it('asks for the document of the step the checked items wait at', () => {
    const form = formFor(complete, [bulkItem('10507-KDC01'), bulkItem('10507-KDC02')]);
    expect(form).toMatchObject({ stepId: 'registration', fields: { action: 'COMPLETE', artefact: { kind: 'registration', label: 'Bản đăng ký', required: true }, modes: [], decision: false } });
    expect(selectionProblem(form)).toBeUndefined();
  });

  it('asks an appraisal for its mode, and a decision for its number, date and document', () => {
    expect(formFor(complete, [bulkItem('10507-KDC01', { stepId: 'appraisal' })]).fields).toMatchObject({
      modes: ['MEETING', 'WRITTEN_CONSULTATION'],
      artefact: { kind: 'proposal', required: true },
    });
    expect(formFor({ ...complete, action: 'DECIDE' }, [bulkItem('10507-KDC01', { stepId: 'decision' })]).fields).toMatchObject({
      decision: true,
      artefact: { kind: 'decision', required: true },
    });
    expect(formFor(complete, [bulkItem('10507-KDC01', { stepId: 'verification' })]).fields.artefact).toMatchObject({ kind: 'report', required: false });
  });

  it('asks nothing when nothing is checked, and refuses items waiting at different steps', () => {
    expect(selectionProblem(bulkForm(complete, []))).toBe('Chưa chọn hồ sơ nào.');
    const mixed = bulkForm(complete, [bulkItem('10507-KDC01'), bulkItem('10507-KDC02', { stepId: 'selfAssessment' })]);
    expect(mixed).toEqual({ kind: 'mixed', stepTitles: ['Đăng ký phấn đấu (Quý I)', 'Tự đánh giá, họp bình xét'] });
    expect(selectionProblem(mixed)).toBe(
      'Các hồ sơ đã chọn đang ở những bước khác nhau (Đăng ký phấn đấu (Quý I), Tự đánh giá, họp bình xét); hãy chọn các hồ sơ cùng một bước.',
    );
  });
});

describe('bulkRequest', () => {
  it('sends every checked item at the revision the dry run showed, with the step’s document', () => {
    const checked = [bulkItem('10507-KDC01', { revision: 3 }), bulkItem('10507-KDC04')];
    const form = formFor(complete, checked);
    expect(bulkRequest(form, draftFor(form, { documentRef: ' hoso/dang-ky.pdf ' }), complete, checked)).toEqual({
      items: [
        { assessmentId: 'A-10507-KDC01', revision: 3 },
        { assessmentId: 'A-10507-KDC04', revision: 1 },
      ],
      action: { type: 'COMPLETE', artefact: { kind: 'registration', documentRef: 'hoso/dang-ky.pdf' } },
    });
  });

  it('decides as the dry run was asked: declining when it listed the items to decline', () => {
    const checked = [bulkItem('10507-KDC02', { stepId: 'decision', outcome: 'notMet', revision: 5 })];
    const choice = { ...complete, action: 'DECIDE' as const, recognised: false };
    const form = formFor(choice, checked);
    const draft = draftFor(form, { decisionNumber: '211/QĐ-UBND', documentRef: 'qd-211.pdf', signer: 'Chủ tịch UBND phường', recognised: true });
    expect(bulkRequest(form, draft, choice, checked).action).toEqual({
      type: 'DECIDE',
      decision: { recognised: false, number: '211/QĐ-UBND', date: '2026-12-20', signer: 'Chủ tịch UBND phường' },
      artefact: { kind: 'decision', documentRef: 'qd-211.pdf' },
    });
  });

  it('sends the appraisal mode chosen', () => {
    const checked = [bulkItem('10507-KDC01', { stepId: 'appraisal' })];
    const form = formFor(complete, checked);
    expect(bulkRequest(form, draftFor(form, { documentRef: 'to-trinh.pdf', mode: 'WRITTEN_CONSULTATION' }), complete, checked).action).toEqual({
      type: 'COMPLETE',
      artefact: { kind: 'proposal', documentRef: 'to-trinh.pdf' },
      mode: 'WRITTEN_CONSULTATION',
    });
  });
});
