import { modelWardPoliceWorkflow } from '@antt/criteria';
import { describe, expect, it } from 'vitest';
import { actionFields, criterionChoices, draftProblems, initialDraft, isoToday, recognitionWarning, toActionInput, type ActionDraft } from './action-draft.ts';
import { stepsOf } from './definitions.ts';
import { residentialAreaAssessment, tt124Steps } from './test-fixtures.ts';

const at = (stepId: string, steps = tt124Steps) => ({ steps, currentStep: { id: stepId } });
const context = { today: '2026-11-23', outcome: 'met' };

function draft(fields: ReturnType<typeof actionFields>, changes: Partial<ActionDraft> = {}): ActionDraft {
  return { ...initialDraft(fields, context), ...changes };
}

describe('actionFields', () => {
  it('asks for the artefact a step requires', () => {
    expect(actionFields('COMPLETE', at('registration'))).toEqual({
      action: 'COMPLETE',
      artefact: { kind: 'registration', label: 'Bản đăng ký', required: true },
      modes: [],
      returnTargets: [],
      reason: false,
      comments: false,
      decision: false,
    });
    // Verification may carry a report, but need not.
    expect(actionFields('COMPLETE', at('verification')).artefact).toEqual({ kind: 'report', label: 'Báo cáo kiểm tra', required: false });
  });

  it('offers the appraisal modes and the earlier steps to return to, nearest first', () => {
    expect(actionFields('COMPLETE', at('appraisal')).modes).toEqual(['MEETING', 'WRITTEN_CONSULTATION']);
    const returning = actionFields('RETURN', at('appraisal'));
    expect(returning.returnTargets).toEqual([
      { id: 'verification', title: 'Kiểm tra, tổng hợp hồ sơ' },
      { id: 'selfAssessment', title: 'Tự đánh giá, họp bình xét' },
    ]);
    expect(returning).toMatchObject({ artefact: null, modes: [], reason: true, comments: true, decision: false });
  });

  it('asks a decision for its number, date and decision document; an unlock for a reason only', () => {
    expect(actionFields('DECIDE', at('decision'))).toMatchObject({ artefact: { kind: 'decision', required: true }, decision: true, reason: false });
    expect(actionFields('UNLOCK', { steps: tt124Steps, currentStep: null })).toMatchObject({ artefact: null, reason: true, decision: false, returnTargets: [] });
  });

  it('reads the model ward police workflow the same way', () => {
    const steps = stepsOf(modelWardPoliceWorkflow);
    expect(actionFields('RETURN', at('provincialReview', steps)).returnTargets.map((target) => target.id)).toEqual(['selfAssessment']);
    expect(actionFields('COMPLETE', at('proposal', steps)).artefact?.kind).toBe('proposal');
  });
});

describe('draftProblems', () => {
  it('lists what is missing, in Vietnamese', () => {
    const complete = actionFields('COMPLETE', at('registration'));
    expect(draftProblems(complete, draft(complete))).toEqual(['Cần nhập tài liệu kèm theo (Bản đăng ký).']);
    expect(draftProblems(complete, draft(complete, { documentRef: 'hoso/dang-ky.pdf' }))).toEqual([]);

    const returning = actionFields('RETURN', at('verification'));
    expect(draftProblems(returning, draft(returning, { reason: '  ' }))).toEqual(['Cần nêu lý do.']);
    expect(draftProblems(returning, draft(returning, { reason: 'Thiếu', toStepId: 'registration' }))).toEqual(['Cần chọn bước trả về.']);

    const deciding = actionFields('DECIDE', at('decision'));
    expect(draftProblems(deciding, draft(deciding, { decisionDate: '' }))).toEqual([
      'Cần nhập số quyết định.',
      'Cần nhập ngày quyết định.',
      'Cần nhập tài liệu kèm theo (Quyết định).',
    ]);
  });
});

describe('toActionInput', () => {
  it('sends the artefact and the appraisal mode of a completed step', () => {
    const fields = actionFields('COMPLETE', at('appraisal'));
    expect(toActionInput(fields, draft(fields, { documentRef: ' hoso/to-trinh.pdf ', mode: 'WRITTEN_CONSULTATION' }))).toEqual({
      type: 'COMPLETE',
      artefact: { kind: 'proposal', documentRef: 'hoso/to-trinh.pdf' },
      mode: 'WRITTEN_CONSULTATION',
    });
    const verification = actionFields('COMPLETE', at('verification'));
    expect(toActionInput(verification, draft(verification))).toEqual({ type: 'COMPLETE' });
  });

  it('sends a return with its reason and the comments that have a text', () => {
    const fields = actionFields('RETURN', at('verification'));
    const input = toActionInput(
      fields,
      draft(fields, {
        reason: ' Biên bản thiếu chữ ký ',
        comments: [
          { criterionId: 'tt124-kdc.policy', text: 'Bổ sung' },
          { criterionId: 'tt124-kdc.no-incidents', text: ' ' },
        ],
      }),
    );
    expect(input).toEqual({ type: 'RETURN', toStepId: 'selfAssessment', reason: 'Biên bản thiếu chữ ký', comments: { 'tt124-kdc.policy': 'Bổ sung' } });
    expect(toActionInput(fields, draft(fields, { reason: 'Thiếu' }))).not.toHaveProperty('comments');
  });

  it('sends a decision, with the signer only when given', () => {
    const fields = actionFields('DECIDE', at('decision'));
    expect(toActionInput(fields, draft(fields, { decisionNumber: '125/QĐ-UBND', documentRef: 'qd-125.pdf' }))).toEqual({
      type: 'DECIDE',
      decision: { recognised: true, number: '125/QĐ-UBND', date: '2026-11-23' },
      artefact: { kind: 'decision', documentRef: 'qd-125.pdf' },
    });
    expect(toActionInput(fields, draft(fields, { decisionNumber: '1', signer: 'Chủ tịch' })).decision?.signer).toBe('Chủ tịch');
  });

  it('sends an unlock with its reason', () => {
    const fields = actionFields('UNLOCK', { steps: tt124Steps, currentStep: null });
    expect(toActionInput(fields, draft(fields, { reason: 'Sai số liệu' }))).toEqual({ type: 'UNLOCK', reason: 'Sai số liệu' });
  });
});

describe('recognition', () => {
  it('starts a decision as "recognised" only when the outcome allows it', () => {
    const fields = actionFields('DECIDE', at('decision'));
    expect(initialDraft(fields, { today: '2026-11-23', outcome: 'met' }).recognised).toBe(true);
    expect(initialDraft(fields, { today: '2026-11-23', outcome: 'notMet' }).recognised).toBe(false);
  });

  it('warns with the domain rule when recognising an outcome that did not meet the criteria', () => {
    expect(recognitionWarning('notMet', true)).toBe('Kết quả đánh giá chưa đạt, không thể công nhận');
    expect(recognitionWarning('notMet', false)).toBeUndefined();
    expect(recognitionWarning('met', true)).toBeUndefined();
  });
});

describe('criterionChoices', () => {
  it('puts the failing criteria first', () => {
    const choices = criterionChoices(residentialAreaAssessment().explanation);
    expect(choices.failing.map((criterion) => criterion.code)).toEqual(['2']);
    expect(choices.others.map((criterion) => criterion.code)).toEqual(['1']);
    expect(criterionChoices(null)).toEqual({ failing: [], others: [] });
  });
});

describe('isoToday', () => {
  it('writes the local day as the API does', () => {
    expect(isoToday(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});
