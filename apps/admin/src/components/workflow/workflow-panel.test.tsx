import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkflowActionInput, WorkflowEventData } from '../../lib/queries/workflow.ts';
import type { ActOutcome } from './act-result.ts';
import { residentialAreaAssessment } from './test-fixtures.ts';
import { WorkflowPanel, type ActOnAssessment } from './workflow-panel.tsx';

afterEach(cleanup);

/** Answers each action with the next of `answers`, keeping what was sent. */
function api(...answers: ActOutcome[]) {
  const sent: Array<{ input: WorkflowActionInput; revision: number }> = [];
  const onAct: ActOnAssessment = async (input, revision) => {
    sent.push({ input, revision });
    const answer = answers.shift();
    if (!answer) throw new Error('no answer left');
    return answer;
  };
  let reloads = 0;
  return { sent, onAct, onReload: () => void reloads++, reloads: () => reloads };
}

const none = { toStepId: null, by: null, reason: null, comments: null, mode: null, artefact: null, decision: null };
const completed: WorkflowEventData[] = [
  { ...none, type: 'COMPLETE', stepId: 'registration', role: 'unitHead', at: '2026-03-20', artefact: { kind: 'registration', documentRef: 'hoso/dang-ky.pdf' } },
  {
    ...none,
    type: 'COMPLETE',
    stepId: 'selfAssessment',
    role: 'unitHead',
    by: 'Tổ trưởng Tổ dân phố số 1, Thành Đông',
    at: '2026-11-10',
    artefact: { kind: 'minutes', documentRef: 'hoso/bien-ban.pdf' },
  },
];

/** At verification, eight days late, for the commune police who may complete or return it. */
const atVerification = residentialAreaAssessment({
  revision: 3,
  currentStep: { id: 'verification' },
  overdueDays: 8,
  availableActions: ['COMPLETE', 'RETURN'],
  deadlines: [
    { stepId: 'registration', dueOn: '2026-03-31', overdueDays: 0 },
    { stepId: 'verification', dueOn: '2026-11-15', overdueDays: 8 },
  ],
  history: completed,
});

describe('WorkflowPanel', () => {
  it('shows the steps with the body acting at each, the current one and how late it is', () => {
    render(<WorkflowPanel assessment={atVerification} {...api()} />);
    expect(screen.getByRole('heading', { name: 'An toàn về an ninh, trật tự — năm 2026' })).toBeTruthy();
    expect(screen.getByTestId('workflow-current').textContent).toBe('Đang chờ: Kiểm tra, tổng hợp hồ sơ (Công an xã (Thường trực Ban Chỉ đạo))');

    const steps = within(screen.getByRole('list', { name: 'Các bước' })).getAllByRole('listitem');
    expect(steps).toHaveLength(5);
    expect(steps[0]!.textContent).toContain('Đã xong');
    expect(steps[0]!.textContent).toContain('Hạn: 31/03/2026');
    const current = steps[2]!;
    expect(current.getAttribute('aria-current')).toBe('step');
    expect(current.textContent).toContain('Cơ quan thực hiện: Công an xã (Thường trực Ban Chỉ đạo)');
    expect(within(current).getByText('Quá hạn 8 ngày').className).toBe('overdue');
    expect(steps[4]!.textContent).toContain('Chưa tới');
    expect(steps[4]!.textContent).toContain('Chưa xác minh');

    const history = within(screen.getByTestId('workflow-history')).getAllByRole('listitem');
    expect(history.map((line) => line.textContent)).toEqual([
      '20/03/2026 · Người đứng đầu đơn vịHoàn thành bước “Đăng ký phấn đấu (Quý I)”Tài liệu: Bản đăng ký — hoso/dang-ky.pdf',
      '10/11/2026 · Tổ trưởng Tổ dân phố số 1, Thành Đông — Người đứng đầu đơn vịHoàn thành bước “Tự đánh giá, họp bình xét”Tài liệu: Biên bản họp — hoso/bien-ban.pdf',
    ]);
  });

  it('returns the item with a reason and a comment on a failing criterion, and asks to reload on a conflict', async () => {
    const fake = api({ kind: 'conflict', currentRevision: 4 }, { kind: 'invalid', issues: ['Không thể trả lại về bước đã chọn.'] });
    render(<WorkflowPanel assessment={atVerification} {...fake} />);
    fireEvent.click(screen.getByRole('button', { name: 'Trả lại' }));
    const form = screen.getByRole('form', { name: 'Trả lại' });
    expect((within(form).getByLabelText('Trả về bước') as HTMLSelectElement).value).toBe('selfAssessment');

    // Nothing is sent without a reason.
    fireEvent.click(within(form).getByRole('button', { name: 'Trả lại' }));
    expect(within(form).getByRole('alert').textContent).toBe('Cần nêu lý do.');
    expect(fake.sent).toEqual([]);

    fireEvent.change(within(form).getByLabelText('Lý do'), { target: { value: 'Biên bản thiếu chữ ký' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Thêm nhận xét' }));
    expect((within(form).getByLabelText('Tiêu chí') as HTMLSelectElement).value).toBe('tt124-kdc.no-incidents');
    fireEvent.change(within(form).getByLabelText('Nhận xét'), { target: { value: 'Bổ sung số liệu' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Trả lại' }));

    const conflict = await screen.findByTestId('workflow-note');
    expect(conflict.getAttribute('role')).toBe('alert');
    expect(conflict.textContent).toContain('Người khác vừa thay đổi hồ sơ này (phiên bản hiện tại: 4). Hãy tải lại rồi thao tác lại.');
    expect(fake.sent).toEqual([
      {
        input: { type: 'RETURN', toStepId: 'selfAssessment', reason: 'Biên bản thiếu chữ ký', comments: { 'tt124-kdc.no-incidents': 'Bổ sung số liệu' } },
        revision: 3,
      },
    ]);

    // Reload, then the same form goes again on the revision the API reported.
    fireEvent.click(within(conflict).getByRole('button', { name: 'Tải lại' }));
    expect(fake.reloads()).toBe(1);
    fireEvent.click(within(screen.getByRole('form', { name: 'Trả lại' })).getByRole('button', { name: 'Trả lại' }));
    const invalid = await screen.findByText('Không thực hiện được thao tác:');
    expect(invalid.parentElement!.textContent).toContain('Không thể trả lại về bước đã chọn.');
    expect(fake.sent[1]!.revision).toBe(4);
  });

  it('completes a step with the artefact it requires and closes the form', async () => {
    const atRegistration = residentialAreaAssessment({ availableActions: ['COMPLETE'] });
    const fake = api({ kind: 'done', assessment: residentialAreaAssessment({ currentStep: { id: 'selfAssessment' } }) });
    render(<WorkflowPanel assessment={atRegistration} {...fake} />);
    fireEvent.click(screen.getByRole('button', { name: 'Hoàn thành bước' }));
    const form = screen.getByRole('form', { name: 'Hoàn thành bước' });
    fireEvent.click(within(form).getByRole('button', { name: 'Hoàn thành bước' }));
    expect(within(form).getByRole('alert').textContent).toBe('Cần nhập tài liệu kèm theo (Bản đăng ký).');

    fireEvent.change(within(form).getByLabelText('Tài liệu kèm theo: Bản đăng ký'), { target: { value: 'hoso/dang-ky-2026.pdf' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Hoàn thành bước' }));
    expect((await screen.findByRole('status')).textContent).toBe('Đã ghi nhận thao tác.');
    expect(screen.queryByRole('form')).toBeNull();
    expect(fake.sent).toEqual([{ input: { type: 'COMPLETE', artefact: { kind: 'registration', documentRef: 'hoso/dang-ky-2026.pdf' } }, revision: 1 }]);
  });

  it('asks the appraisal for its mode and a decision for its number, warning before recognising an outcome not met', async () => {
    const atAppraisal = residentialAreaAssessment({ currentStep: { id: 'appraisal' }, availableActions: ['COMPLETE', 'RETURN'] });
    const { unmount } = render(<WorkflowPanel assessment={atAppraisal} {...api()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Hoàn thành bước' }));
    expect((screen.getByLabelText('Họp') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByLabelText('Lấy ý kiến bằng văn bản')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Trả lại' }));
    expect(within(screen.getByLabelText('Trả về bước')).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Kiểm tra, tổng hợp hồ sơ',
      'Tự đánh giá, họp bình xét',
    ]);
    unmount();

    const fake = api({ kind: 'forbidden' });
    render(<WorkflowPanel assessment={residentialAreaAssessment({ currentStep: { id: 'decision' }, availableActions: ['DECIDE', 'RETURN'] })} {...fake} />);
    fireEvent.click(screen.getByRole('button', { name: 'Ra quyết định' }));
    // The outcome was not met: the form starts on "not recognised"; choosing "recognised" warns.
    expect((screen.getByLabelText('Không công nhận') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByLabelText('Công nhận'));
    expect(screen.getByText('Kết quả đánh giá chưa đạt, không thể công nhận')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Không công nhận'));
    fireEvent.change(screen.getByLabelText('Số quyết định'), { target: { value: '125/QĐ-UBND' } });
    fireEvent.change(screen.getByLabelText('Ngày quyết định'), { target: { value: '2026-12-20' } });
    fireEvent.change(screen.getByLabelText('Tài liệu kèm theo: Quyết định'), { target: { value: 'qd-125.pdf' } });
    fireEvent.click(within(screen.getByRole('form', { name: 'Ra quyết định' })).getByRole('button', { name: 'Ra quyết định' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Bạn không có quyền thực hiện thao tác này ở bước hiện tại.');
    expect(fake.sent[0]!.input).toEqual({
      type: 'DECIDE',
      decision: { recognised: false, number: '125/QĐ-UBND', date: '2026-12-20' },
      artefact: { kind: 'decision', documentRef: 'qd-125.pdf' },
    });
  });

  it('shows a decided item as locked, with its decision and certificates, and unlocks only with a reason', () => {
    const decided = residentialAreaAssessment({
      revision: 8,
      round: 2,
      locked: true,
      currentStep: null,
      availableActions: ['UNLOCK'],
      decision: { recognised: true, number: '130/QĐ-UBND', date: '2026-12-23', signer: 'Chủ tịch UBND phường' },
      certificates: [
        { serial: '31-SSO-2026-000001-X', decisionNumber: '125/QĐ-UBND', decisionDate: '2026-12-20', issuedAt: '2026-12-20T03:00:00Z', revokedAt: '2026-12-22T03:00:00Z', revokedReason: 'Sai số liệu' },
        { serial: '31-SSO-2026-000002-Y', decisionNumber: '130/QĐ-UBND', decisionDate: '2026-12-23', issuedAt: '2026-12-23T03:00:00Z', revokedAt: null, revokedReason: null },
      ],
    });
    render(<WorkflowPanel assessment={decided} {...api()} />);
    expect(screen.getByTestId('workflow-current').textContent).toBe('Đã quyết định công nhận (số 130/QĐ-UBND)');
    expect(screen.getByText('Đã khoá')).toBeTruthy();
    expect(screen.getByText('Lần xét thứ 2')).toBeTruthy();
    expect(screen.getByText(/Số 130\/QĐ-UBND, ngày 23\/12\/2026 · Người ký: Chủ tịch UBND phường/)).toBeTruthy();
    const certificates = screen.getAllByText(/^31-SSO-2026-/).map((serial) => serial.parentElement!.textContent);
    expect(certificates[0]).toContain('Đã thu hồi');
    expect(certificates[0]).toContain('Thu hồi ngày 22/12/2026: Sai số liệu');
    expect(certificates[1]).toContain('Còn hiệu lực');

    fireEvent.click(screen.getByRole('button', { name: 'Mở khoá' }));
    const form = screen.getByRole('form', { name: 'Mở khoá' });
    expect(within(form).queryByLabelText(/Tài liệu kèm theo/)).toBeNull();
    fireEvent.click(within(form).getByRole('button', { name: 'Mở khoá' }));
    expect(within(form).getByRole('alert').textContent).toBe('Cần nêu lý do.');
  });

  it('says so when the caller has nothing to do at this step', () => {
    render(<WorkflowPanel assessment={residentialAreaAssessment()} {...api()} />);
    expect(screen.getByText('Bạn không có thao tác nào ở bước này.')).toBeTruthy();
    expect(screen.getByText('Chưa có thao tác nào.')).toBeTruthy();
  });
});
