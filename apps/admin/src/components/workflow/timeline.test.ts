import { describe, expect, it } from 'vitest';
import type { WorkflowData } from '../../lib/queries/workflow.ts';
import { tt124Steps as steps } from './test-fixtures.ts';
import { standingLine, workflowTimeline } from './timeline.ts';

function workflow(currentStepId: string | null, deadlines: WorkflowData['deadlines'] = []) {
  return { steps, currentStep: currentStepId ? { id: currentStepId } : null, deadlines };
}

describe('workflowTimeline', () => {
  it('marks the steps before the current one done and the later ones to come', () => {
    const timeline = workflowTimeline(workflow('verification'));
    expect(timeline.map((step) => [step.id, step.status])).toEqual([
      ['registration', 'done'],
      ['selfAssessment', 'done'],
      ['verification', 'current'],
      ['appraisal', 'upcoming'],
      ['decision', 'upcoming'],
    ]);
    expect(timeline[2]!.actingBody).toBe('Công an xã (Thường trực Ban Chỉ đạo)');
    expect(timeline[4]!.unverified).toBe(true);
  });

  it('shows every deadline and the lateness of the current step only', () => {
    const timeline = workflowTimeline(
      workflow('registration', [
        { stepId: 'registration', dueOn: '2026-03-31', overdueDays: 237 },
        { stepId: 'selfAssessment', dueOn: '2026-11-15', overdueDays: 0 },
      ]),
    );
    expect(timeline[0]).toMatchObject({ status: 'current', dueOn: '2026-03-31', overdueDays: 237 });
    expect(timeline[1]).toMatchObject({ status: 'upcoming', dueOn: '2026-11-15', overdueDays: 0 });
    expect(timeline[2]).toMatchObject({ dueOn: null, overdueDays: 0 });
  });

  it('has no current step once decided', () => {
    expect(workflowTimeline(workflow(null)).every((step) => step.status === 'done')).toBe(true);
  });
});

describe('standingLine', () => {
  it('names the waiting step and the body that acts, in Vietnamese', () => {
    expect(standingLine(workflow('appraisal'))).toBe('Đang chờ: Thẩm định (họp hoặc lấy ý kiến bằng văn bản) (Ban Chỉ đạo cấp xã)');
    expect(standingLine(workflow(null))).toBe('Đã có quyết định');
    const decision = { recognised: true, number: '125/QĐ-UBND', date: '2026-12-20', signer: null };
    expect(standingLine({ ...workflow(null), decision })).toBe('Đã quyết định công nhận (số 125/QĐ-UBND)');
    expect(standingLine({ ...workflow(null), decision: { ...decision, recognised: false } })).toBe('Đã quyết định không công nhận (số 125/QĐ-UBND)');
  });
});
