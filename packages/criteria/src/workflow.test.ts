import { describe, expect, it } from 'vitest';
import { tt124PeriodScheme } from './periods.ts';
import { modelWardPoliceWorkflow, tt124RecognitionWorkflow as flow } from './templates/workflows.ts';
import {
  applyWorkflowAction,
  availableActions,
  lockedMessage,
  overdue,
  planBulkAction,
  rolesVi,
  startWorkflow,
  stepDeadlines,
  type WorkflowAction,
  type WorkflowRole,
  type WorkflowState,
} from './workflow.ts';

const today = '2026-11-20';

function act(state: WorkflowState, role: WorkflowRole, action: WorkflowAction, definition = flow): WorkflowState {
  const result = applyWorkflowAction(definition, state, action, { role, today, outcome: 'met' });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

const doc = (kind: 'registration' | 'minutes' | 'proposal' | 'decision' | 'report' | 'selfAssessment') => ({ kind, documentRef: `${kind}.pdf`, contentHash: 'sha256:x' });

function toAppraisal(): WorkflowState {
  let state = startWorkflow(flow);
  state = act(state, 'unitHead', { type: 'complete', artefact: doc('registration') });
  state = act(state, 'unitHead', { type: 'complete', artefact: doc('minutes') });
  return act(state, 'communePoliceOfficer', { type: 'complete' });
}

describe('recognition workflow (TT124)', () => {
  it('runs registration → self-assessment → verification → appraisal → decision, each by its body', () => {
    let state = toAppraisal();
    expect(state.currentStepId).toBe('appraisal');
    state = act(state, 'steeringCommitteeMember', { type: 'complete', artefact: doc('proposal'), mode: 'writtenConsultation' });
    state = act(state, 'peoplesCommitteeApprover', { type: 'decide', decision: { recognised: true, number: '125/QĐ-UBND', date: '2026-11-18' }, artefact: doc('decision') });
    expect(state).toMatchObject({ locked: true, currentStepId: undefined, decision: { recognised: true, number: '125/QĐ-UBND' } });
    expect(state.history.map((event) => event.type)).toEqual(['complete', 'complete', 'complete', 'complete', 'decide']);
  });

  it.each([
    ['the wrong role', toAppraisal(), 'communePoliceOfficer' as const, { type: 'complete', artefact: doc('proposal') } as WorkflowAction, 'forbidden'],
    ['a step without its artefact', toAppraisal(), 'steeringCommitteeMember' as const, { type: 'complete' } as WorkflowAction, 'missingArtefact'],
    ['a return without a reason', toAppraisal(), 'steeringCommitteeMember' as const, { type: 'return', toStepId: 'selfAssessment', reason: ' ' } as WorkflowAction, 'missingReason'],
    ['a return to a step not allowed', toAppraisal(), 'steeringCommitteeMember' as const, { type: 'return', toStepId: 'registration', reason: 'x' } as WorkflowAction, 'invalidReturn'],
    ['a decision before the decision step', toAppraisal(), 'steeringCommitteeMember' as const, { type: 'decide', decision: { recognised: true, number: '1', date: today } } as WorkflowAction, 'wrongStep'],
    ['an unknown appraisal mode', toAppraisal(), 'steeringCommitteeMember' as const, { type: 'complete', artefact: doc('proposal'), mode: 'vote' } as unknown as WorkflowAction, 'invalidMode'],
  ])('refuses %s', (_name, state, role, action, code) => {
    const result = applyWorkflowAction(flow, state, action, { role, today });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]!.code).toBe(code);
  });

  it('refuses a decision dated after today or not a calendar day, and accepts one dated today', () => {
    let state = act(toAppraisal(), 'steeringCommitteeMember', { type: 'complete', artefact: doc('proposal') });
    const decide = (date: string) =>
      applyWorkflowAction(flow, state, { type: 'decide', decision: { recognised: true, number: '125/QĐ-UBND', date }, artefact: doc('decision') }, { role: 'peoplesCommitteeApprover', today, outcome: 'met' });
    for (const date of ['2026-11-21', '2027-01-01', '2026-02-30', '20-11-2026']) {
      const result = decide(date);
      expect(result.ok, date).toBe(false);
      expect(!result.ok && result.errors[0]).toMatchObject({ code: 'invalidDecision' });
    }
    const tomorrow = decide('2026-11-21');
    expect(!tomorrow.ok && tomorrow.errors[0]!.message).toBe('Ngày quyết định 2026-11-21 sau ngày hôm nay (2026-11-20): không thể ghi một quyết định chưa ban hành');
    state = act(state, 'peoplesCommitteeApprover', { type: 'decide', decision: { recognised: true, number: '125/QĐ-UBND', date: today }, artefact: doc('decision') });
    expect(state.decision?.date).toBe(today);
  });

  it('keeps who acted in the history when the caller names them', () => {
    const result = applyWorkflowAction(flow, startWorkflow(flow), { type: 'complete', artefact: doc('registration') }, { role: 'unitHead', today, by: 'Tổ trưởng Tổ dân phố số 1' });
    expect(result.ok && result.value.history[0]).toMatchObject({ role: 'unitHead', at: today, by: 'Tổ trưởng Tổ dân phố số 1' });
    expect(act(startWorkflow(flow), 'unitHead', { type: 'complete', artefact: doc('registration') }).history[0]).not.toHaveProperty('by');
  });

  it('returns an item for correction with a reason and counts the returns', () => {
    const returned = act(toAppraisal(), 'steeringCommitteeMember', {
      type: 'return',
      toStepId: 'selfAssessment',
      reason: 'Thiếu biên bản họp khu dân cư',
      comments: { 'tt124-kdc.registration.households': 'Chưa đủ 100% hộ đăng ký' },
    });
    expect(returned).toMatchObject({ currentStepId: 'selfAssessment', returns: 1 });
    expect(availableActions(flow, returned, 'unitHead')).toEqual(['complete']);
  });

  it('locks on decision; unlocking needs a role and a reason and opens a new revision', () => {
    let state = act(toAppraisal(), 'steeringCommitteeMember', { type: 'complete', artefact: doc('proposal') });
    state = act(state, 'peoplesCommitteeApprover', { type: 'decide', decision: { recognised: false, number: '7/QĐ-UBND', date: today }, artefact: doc('decision') });
    expect(applyWorkflowAction(flow, state, { type: 'complete' }, { role: 'unitHead', today })).toEqual({
      ok: false,
      errors: [{ code: 'locked', message: 'Hồ sơ đã có quyết định và bị khoá; chỉ Quản trị cấp tỉnh hoặc Quản trị toàn quốc được mở khoá (kèm lý do) trước khi sửa' }],
    });
    expect(applyWorkflowAction(flow, state, { type: 'unlock', reason: 'Sai số liệu' }, { role: 'communePoliceOfficer', today })).toEqual({
      ok: false,
      errors: [{ code: 'forbidden', message: 'Vai trò Công an cấp xã không được mở khoá quyết định; chỉ Quản trị cấp tỉnh hoặc Quản trị toàn quốc' }],
    });
    expect(applyWorkflowAction(flow, state, { type: 'unlock', reason: ' ' }, { role: 'provinceAdmin', today })).toEqual({
      ok: false,
      errors: [{ code: 'missingReason', message: 'Mở khoá cần ghi lý do' }],
    });
    const unlocked = act(state, 'provinceAdmin', { type: 'unlock', reason: 'Sai số liệu khu dân cư' });
    expect(unlocked).toMatchObject({ locked: false, decision: undefined, currentStepId: 'decision', revision: 2 });
  });

  it('computes deadlines from the period and shows what is overdue', () => {
    const deadlines = stepDeadlines(flow, tt124PeriodScheme, 'commune', 2026);
    expect(deadlines).toContainEqual({ stepId: 'registration', dueOn: '2026-03-31' });
    expect(deadlines).toContainEqual({ stepId: 'verification', dueOn: '2026-11-25' });
    const waiting = act(act(startWorkflow(flow), 'unitHead', { type: 'complete', artefact: doc('registration') }), 'unitHead', { type: 'complete', artefact: doc('minutes') });
    expect(overdue(waiting, deadlines, '2026-11-24')).toBeUndefined();
    expect(overdue(waiting, deadlines, '2026-11-30')).toEqual({ stepId: 'verification', dueOn: '2026-11-25', days: 5 });
  });

  it('plans a bulk approval as a dry run', () => {
    const ready = act(toAppraisal(), 'steeringCommitteeMember', { type: 'complete', artefact: doc('proposal') });
    const plan = planBulkAction(
      flow,
      [
        { id: 'a', state: ready, outcome: 'met' },
        { id: 'b', state: toAppraisal(), outcome: 'met' },
        { id: 'c', state: ready, outcome: 'met', blockers: ['hồ sơ thiếu'] },
        { id: 'd', state: ready, outcome: 'notMet' },
      ],
      'peoplesCommitteeApprover',
      'decide',
    );
    expect(plan.ready).toEqual(['a']);
    expect(plan.skipped).toEqual([
      { id: 'b', reason: 'đang ở bước “Thẩm định (họp hoặc lấy ý kiến bằng văn bản)”' },
      { id: 'c', reason: 'hồ sơ thiếu' },
      { id: 'd', reason: 'kết quả đánh giá chưa đạt, không thể công nhận' },
    ]);
    // Declining in bulk needs no met outcome; completing a step never looks at it.
    const declining = planBulkAction(flow, [{ id: 'd', state: ready, outcome: 'notMet' }], 'peoplesCommitteeApprover', 'decide', { recognised: false });
    expect(declining.ready).toEqual(['d']);
    expect(planBulkAction(flow, [{ id: 'e', state: toAppraisal(), outcome: 'notMet' }], 'steeringCommitteeMember', 'complete').ready).toEqual(['e']);
  });

  it.each([
    ['not met', 'notMet' as const, 'kết quả đánh giá chưa đạt, không thể công nhận'],
    ['not assessed', 'notAssessed' as const, 'kết quả đánh giá chưa đánh giá, không thể công nhận'],
    ['unknown', undefined, 'kết quả đánh giá chưa có, không thể công nhận'],
  ])('never recognises an item whose outcome is %s, but may decline it', (_name, outcome, message) => {
    const appraised = act(toAppraisal(), 'steeringCommitteeMember', { type: 'complete', artefact: doc('proposal') });
    const decide = (recognised: boolean): WorkflowAction => ({ type: 'decide', decision: { recognised, number: '9/QĐ-UBND', date: today }, artefact: doc('decision') });
    const context = { role: 'peoplesCommitteeApprover' as const, today, ...(outcome && { outcome }) };
    expect(applyWorkflowAction(flow, appraised, decide(true), context)).toEqual({ ok: false, errors: [{ code: 'outcomeNotMet', message }] });
    const declined = applyWorkflowAction(flow, appraised, decide(false), context);
    expect(declined.ok && declined.value).toMatchObject({ locked: true, decision: { recognised: false } });
  });
});

describe('workflow messages', () => {
  it('name roles as people read them, joined with “hoặc”', () => {
    expect(rolesVi([])).toBe('không vai trò nào');
    expect(rolesVi(['nationalAdmin'])).toBe('Quản trị toàn quốc');
    expect(rolesVi(['unitHead', 'communePoliceOfficer', 'provinceAdmin'])).toBe('Người đứng đầu đơn vị, Công an cấp xã hoặc Quản trị cấp tỉnh');
  });

  it('tell a locked item apart by who may unlock it', () => {
    expect(lockedMessage(modelWardPoliceWorkflow)).toBe('Hồ sơ đã có quyết định và bị khoá; chỉ Quản trị toàn quốc được mở khoá (kèm lý do) trước khi sửa');
  });

  it('name the missing artefact in Vietnamese', () => {
    const result = applyWorkflowAction(flow, startWorkflow(flow), { type: 'complete' }, { role: 'unitHead', today });
    expect(result.ok === false && result.errors[0]).toMatchObject({ code: 'missingArtefact', message: expect.stringMatching(/cần kèm bản đăng ký$/) });
  });
});

describe('model ward police workflow', () => {
  it('ends with the Minister’s decision after the provincial review and proposal', () => {
    let state = startWorkflow(modelWardPoliceWorkflow);
    state = act(state, 'communePoliceOfficer', { type: 'complete', artefact: doc('selfAssessment') }, modelWardPoliceWorkflow);
    state = act(state, 'provincialPoliceOfficer', { type: 'complete', artefact: doc('minutes') }, modelWardPoliceWorkflow);
    state = act(state, 'provincialPoliceOfficer', { type: 'complete', artefact: doc('proposal') }, modelWardPoliceWorkflow);
    expect(availableActions(modelWardPoliceWorkflow, state, 'peoplesCommitteeApprover')).toEqual([]);
    state = act(state, 'ministryOfficer', { type: 'decide', decision: { recognised: true, number: '2878/QĐ-BCA', date: '2025-04-22' }, artefact: doc('decision') }, modelWardPoliceWorkflow);
    expect(state.locked).toBe(true);
  });
});
