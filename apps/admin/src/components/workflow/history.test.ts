import { describe, expect, it } from 'vitest';
import type { WorkflowEventData } from '../../lib/queries/workflow.ts';
import { historyLines } from './history.ts';
import { residentialAreaAssessment, tt124Steps } from './test-fixtures.ts';

const none = { stepId: null, toStepId: null, by: null, reason: null, comments: null, mode: null, artefact: null, decision: null };
const criteria = residentialAreaAssessment().explanation!.criteria;

describe('historyLines', () => {
  it('names the step, who acted in which role and the artefact of a completed step', () => {
    const event: WorkflowEventData = {
      ...none,
      type: 'COMPLETE',
      stepId: 'appraisal',
      role: 'steeringCommitteeMember',
      by: 'Ban Chỉ đạo phường Thành Đông',
      at: '2026-12-10',
      mode: 'WRITTEN_CONSULTATION',
      artefact: { kind: 'proposal', documentRef: 'hoso/to-trinh.pdf' },
    };
    expect(historyLines([event], tt124Steps)).toEqual([
      {
        key: '0-COMPLETE',
        date: '10/12/2026',
        who: 'Ban Chỉ đạo phường Thành Đông — Thành viên Ban Chỉ đạo cấp xã',
        action: 'Hoàn thành bước “Thẩm định (họp hoặc lấy ý kiến bằng văn bản)”',
        details: ['Hình thức: Lấy ý kiến bằng văn bản', 'Tài liệu: Tờ trình đề nghị — hoso/to-trinh.pdf'],
        comments: [],
      },
    ]);
  });

  it('gives a return its reason and its comments per criterion, by code and title', () => {
    const event: WorkflowEventData = {
      ...none,
      type: 'RETURN',
      stepId: 'verification',
      toStepId: 'selfAssessment',
      role: 'communePoliceOfficer',
      at: '2026-11-23',
      reason: 'Biên bản thiếu chữ ký',
      comments: { 'tt124-kdc.policy': 'Bổ sung', 'tt124-kdc.gone': 'Tiêu chí đã bỏ', 'tt124-kdc.no-incidents': ' ' },
    };
    const [line] = historyLines([event], tt124Steps, criteria);
    expect(line).toMatchObject({
      who: 'Công an cấp xã',
      action: 'Trả lại từ bước “Kiểm tra, tổng hợp hồ sơ” về bước “Tự đánh giá, họp bình xét”',
      details: ['Lý do: Biên bản thiếu chữ ký'],
      comments: [
        { criterion: '1 — Chấp hành chủ trương, chính sách', text: 'Bổ sung' },
        { criterion: 'tt124-kdc.gone', text: 'Tiêu chí đã bỏ' },
      ],
    });
  });

  it('writes decisions and unlocks', () => {
    const lines = historyLines(
      [
        {
          ...none,
          type: 'DECIDE',
          stepId: 'decision',
          role: 'peoplesCommitteeApprover',
          at: '2026-12-20',
          decision: { recognised: true, number: '125/QĐ-UBND', date: '2026-12-20', signer: 'Chủ tịch UBND phường' },
        },
        { ...none, type: 'UNLOCK', role: 'provinceAdmin', at: '2026-12-22', reason: 'Sai số liệu' },
        { ...none, type: 'DECIDE', stepId: 'decision', role: 'peoplesCommitteeApprover', at: '2026-12-23', decision: { recognised: false, number: '130/QĐ-UBND', date: '2026-12-23', signer: null } },
      ],
      tt124Steps,
    );
    expect(lines.map((line) => [line.action, ...line.details])).toEqual([
      ['Quyết định công nhận', 'Số 125/QĐ-UBND, ngày 20/12/2026', 'Người ký: Chủ tịch UBND phường'],
      ['Mở khoá quyết định', 'Lý do: Sai số liệu'],
      ['Quyết định không công nhận', 'Số 130/QĐ-UBND, ngày 23/12/2026'],
    ]);
    expect(lines[1]!.who).toBe('Quản trị cấp tỉnh');
  });

  it('names only the role for events recorded before the API kept who acted', () => {
    const [before, after] = historyLines(
      [
        { ...none, type: 'COMPLETE', stepId: 'registration', role: 'unitHead', at: '2026-03-20' },
        { ...none, type: 'COMPLETE', stepId: 'selfAssessment', role: 'unitHead', by: 'Tổ trưởng Tổ dân phố số 1, Thành Đông', at: '2026-11-10' },
      ],
      tt124Steps,
    );
    expect(before!.who).toBe('Người đứng đầu đơn vị');
    expect(after!.who).toBe('Tổ trưởng Tổ dân phố số 1, Thành Đông — Người đứng đầu đơn vị');
  });

  it('shows a role it has no name for as it is', () => {
    expect(historyLines([{ ...none, type: 'UNLOCK', role: 'newRole', at: '2026-12-22', reason: 'x' }], tt124Steps)[0]!.who).toBe('newRole');
  });
});
