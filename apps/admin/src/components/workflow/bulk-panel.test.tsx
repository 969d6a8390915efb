import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkflowBulkPlanData } from '../../lib/queries/workflow.ts';
import { BulkFilters } from './bulk-filters.tsx';
import { BulkPanel, type ApplyBulk } from './bulk-panel.tsx';
import type { BulkChoice } from './bulk-plan.ts';
import type { BulkOutcome } from './bulk-result.ts';
import { bulkItem } from './test-fixtures.ts';

afterEach(cleanup);

/** Answers each "Thực hiện" with the next of `answers`, keeping what was sent. */
function api(...answers: BulkOutcome[]) {
  const sent: Array<{ request: Parameters<ApplyBulk>[0]; units: string[] }> = [];
  const onApply: ApplyBulk = async (request, items) => {
    sent.push({ request, units: items.map((item) => item.unitCode) });
    const answer = answers.shift();
    if (!answer) throw new Error('no answer left');
    return answer;
  };
  let previews = 0;
  return { sent, onApply, onPreviewAgain: () => void previews++, previews: () => previews };
}

const complete: BulkChoice = { programId: 'safeSecurityOrder', year: 2026, area: '10507', kind: 'residentialArea', action: 'COMPLETE', recognised: true };

const registrationPlan: WorkflowBulkPlanData = {
  __typename: 'WorkflowBulkPlan',
  summary: '3 hồ sơ sẵn sàng, 1 hồ sơ bỏ qua',
  ready: [bulkItem('10507-KDC01'), bulkItem('10507-KDC02', { revision: 2 }), bulkItem('10507-KDC03', { outcome: 'notMet' })],
  skipped: [bulkItem('10507-KDC04', { stepId: 'verification', revision: 3, reason: 'đang ở bước “Kiểm tra, tổng hợp hồ sơ” của Công an xã (Thường trực Ban Chỉ đạo)' })],
};

const rows = (testId: string) => within(screen.getByTestId(testId)).getAllByRole('row').slice(1);

describe('BulkPanel', () => {
  it('lists the ready items checked and the skipped ones with their reasons, and sends the checked ones with the step’s document', async () => {
    const fake = api({ kind: 'done', applied: 2, items: [bulkItem('10507-KDC01', { stepId: 'selfAssessment', revision: 2 }), bulkItem('10507-KDC03', { stepId: 'selfAssessment', revision: 2 })] });
    render(<BulkPanel choice={complete} plan={registrationPlan} {...fake} />);
    expect(screen.getByTestId('bulk-summary').textContent).toBe('3 hồ sơ sẵn sàng, 1 hồ sơ bỏ qua');
    expect(screen.getByRole('heading', { name: 'Sẵn sàng (3)' })).toBeTruthy();

    const ready = rows('bulk-ready');
    expect(ready.map((row) => (within(row).getByRole('checkbox') as HTMLInputElement).checked)).toEqual([true, true, true]);
    expect(ready[0]!.textContent).toBe('10507-KDC01Tổ dân phố số 1Đăng ký phấn đấu (Quý I)Đạt');
    expect(ready[2]!.textContent).toContain('Chưa đạt');
    const [skipped] = rows('bulk-skipped');
    expect(skipped!.textContent).toBe(
      '10507-KDC04Tổ dân phố số 4Kiểm tra, tổng hợp hồ sơĐạtđang ở bước “Kiểm tra, tổng hợp hồ sơ” của Công an xã (Thường trực Ban Chỉ đạo)',
    );

    fireEvent.click(screen.getByLabelText('Chọn 10507-KDC02 Tổ dân phố số 2'));
    expect(screen.getByText('Đã chọn 2/3 hồ sơ')).toBeTruthy();
    expect((screen.getByLabelText('Chọn tất cả') as HTMLInputElement).checked).toBe(false);
    const form = screen.getByRole('form', { name: 'Hoàn thành bước' });
    expect(within(form).getByText('Bước của các hồ sơ đã chọn: Đăng ký phấn đấu (Quý I)')).toBeTruthy();

    // Nothing is sent without the registration document the step requires.
    fireEvent.click(within(form).getByRole('button', { name: 'Thực hiện cho 2 hồ sơ' }));
    expect(within(form).getByRole('alert').textContent).toBe('Cần nhập tài liệu kèm theo (Bản đăng ký).');
    expect(fake.sent).toEqual([]);

    fireEvent.change(within(form).getByLabelText('Tài liệu kèm theo: Bản đăng ký'), { target: { value: 'hoso/dang-ky-2026.pdf' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Thực hiện cho 2 hồ sơ' }));
    expect((await screen.findByRole('status')).textContent).toBe('Đã thực hiện cho 2 hồ sơ.');
    expect(fake.sent).toEqual([
      {
        request: {
          items: [
            { assessmentId: 'A-10507-KDC01', revision: 1 },
            { assessmentId: 'A-10507-KDC03', revision: 1 },
          ],
          action: { type: 'COMPLETE', artefact: { kind: 'registration', documentRef: 'hoso/dang-ky-2026.pdf' } },
        },
        units: ['10507-KDC01', '10507-KDC03'],
      },
    ]);
  });

  it('decides for all at once with one number, and lists the certificates issued', async () => {
    const atDecision: WorkflowBulkPlanData = {
      __typename: 'WorkflowBulkPlan',
      summary: '2 hồ sơ sẵn sàng, 1 hồ sơ bỏ qua',
      ready: [bulkItem('10507-KDC01', { stepId: 'decision', revision: 5 }), bulkItem('10507-KDC02', { stepId: 'decision', revision: 5 })],
      skipped: [bulkItem('10507-KDC03', { stepId: 'decision', outcome: 'notMet', revision: 5, reason: 'kết quả đánh giá chưa đạt, không thể công nhận' })],
    };
    const fake = api({
      kind: 'done',
      applied: 2,
      items: [
        bulkItem('10507-KDC01', { stepId: null, revision: 6, certificateSerial: '31-SSO-2026-000001-K' }),
        bulkItem('10507-KDC02', { stepId: null, revision: 6, certificateSerial: '31-SSO-2026-000002-M' }),
      ],
    });
    render(<BulkPanel choice={{ ...complete, action: 'DECIDE' }} plan={atDecision} {...fake} />);
    const form = screen.getByRole('form', { name: 'Ra quyết định' });
    expect(within(form).getByText('Một quyết định cho tất cả hồ sơ đã chọn: Công nhận')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Ngày quyết định'), { target: { value: '2026-12-20' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Thực hiện cho 2 hồ sơ' }));
    expect(within(form).getByRole('alert').textContent).toBe('Cần nhập số quyết định.Cần nhập tài liệu kèm theo (Quyết định).');

    fireEvent.change(within(form).getByLabelText('Số quyết định'), { target: { value: '210/QĐ-UBND' } });
    fireEvent.change(within(form).getByLabelText('Người ký (không bắt buộc)'), { target: { value: 'Chủ tịch UBND phường' } });
    fireEvent.change(within(form).getByLabelText('Tài liệu kèm theo: Quyết định'), { target: { value: 'qd-210.pdf' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Thực hiện cho 2 hồ sơ' }));
    const note = await screen.findByRole('status');
    expect(note.textContent).toBe('Đã thực hiện cho 2 hồ sơ; đã cấp 2 giấy công nhận:10507-KDC01 (Tổ dân phố số 1): 31-SSO-2026-000001-K10507-KDC02 (Tổ dân phố số 2): 31-SSO-2026-000002-M');
    expect(fake.sent[0]!.request.action).toEqual({
      type: 'DECIDE',
      decision: { recognised: true, number: '210/QĐ-UBND', date: '2026-12-20', signer: 'Chủ tịch UBND phường' },
      artefact: { kind: 'decision', documentRef: 'qd-210.pdf' },
    });
    expect(fake.sent[0]!.request.items).toEqual([
      { assessmentId: 'A-10507-KDC01', revision: 5 },
      { assessmentId: 'A-10507-KDC02', revision: 5 },
    ]);
  });

  it('asks for a new dry run on a conflict, and names the unit of a refused item', async () => {
    const fake = api(
      { kind: 'conflict' },
      { kind: 'invalid', issues: [{ unit: '10507-KDC02 (Tổ dân phố số 2)', message: 'Thiếu tài liệu bắt buộc của bước này.' }] },
    );
    render(<BulkPanel choice={complete} plan={registrationPlan} {...fake} />);
    const form = screen.getByRole('form', { name: 'Hoàn thành bước' });
    fireEvent.change(within(form).getByLabelText('Tài liệu kèm theo: Bản đăng ký'), { target: { value: 'hoso/dang-ky.pdf' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Thực hiện cho 3 hồ sơ' }));

    const conflict = await screen.findByTestId('bulk-note');
    expect(conflict.getAttribute('role')).toBe('alert');
    expect(conflict.textContent).toContain('có hồ sơ đã thay đổi từ lúc xem trước, hãy xem trước lại');
    fireEvent.click(within(conflict).getByRole('button', { name: 'Xem trước lại' }));
    expect(fake.previews()).toBe(1);

    fireEvent.click(within(form).getByRole('button', { name: 'Thực hiện cho 3 hồ sơ' }));
    const invalid = await screen.findByText('Không thực hiện được, không hồ sơ nào bị thay đổi:');
    expect(within(invalid.parentElement!).getByRole('listitem').textContent).toBe('10507-KDC02 (Tổ dân phố số 2): Thiếu tài liệu bắt buộc của bước này.');
  });

  it('refuses items waiting at different steps, and nothing checked', () => {
    const mixed: WorkflowBulkPlanData = { ...registrationPlan, ready: [bulkItem('10507-KDC01'), bulkItem('10507-KDC02', { stepId: 'selfAssessment', revision: 2 })] };
    render(<BulkPanel choice={complete} plan={mixed} {...api()} />);
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('Các hồ sơ đã chọn đang ở những bước khác nhau');

    fireEvent.click(screen.getByLabelText('Chọn 10507-KDC02 Tổ dân phố số 2'));
    expect(screen.getByLabelText('Tài liệu kèm theo: Bản đăng ký')).toBeTruthy();
    // Not all checked: "Chọn tất cả" checks every item, then unchecks them all.
    fireEvent.click(screen.getByLabelText('Chọn tất cả'));
    expect(screen.getByText('Đã chọn 2/2 hồ sơ')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Chọn tất cả'));
    expect(screen.getByText('Đã chọn 0/2 hồ sơ')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Chưa chọn hồ sơ nào.');
  });

  it('says so when nothing is ready and every item is skipped', () => {
    render(<BulkPanel choice={complete} plan={{ ...registrationPlan, summary: '0 hồ sơ sẵn sàng, 1 hồ sơ bỏ qua', ready: [] }} {...api()} />);
    expect(screen.getByText('Không có hồ sơ nào bạn có thể chuyển bước lúc này.')).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
    expect(rows('bulk-skipped')).toHaveLength(1);
  });
});

describe('BulkFilters', () => {
  const programs = [
    { id: 'safeSecurityOrder', title: 'An toàn về an ninh, trật tự' },
    { id: 'modelWardPolice', title: 'Công an phường điển hình, kiểu mẫu' },
  ];

  it('starts on the area where the caller’s role holds and previews the choice', () => {
    const chosen: BulkChoice[] = [];
    const empty = { ...complete, area: '', kind: '' };
    const { rerender } = render(<BulkFilters choice={empty} suggestedArea="" programs={programs} onPreview={(choice) => chosen.push(choice)} />);
    // The caller's roles arrive after the form.
    rerender(<BulkFilters choice={empty} suggestedArea="10507" programs={programs} onPreview={(choice) => chosen.push(choice)} />);
    expect((screen.getByLabelText('Địa bàn (mã đơn vị)') as HTMLInputElement).value).toBe('10507');
    expect(screen.queryByLabelText('Không công nhận')).toBeNull();

    fireEvent.change(screen.getByLabelText('Loại đơn vị'), { target: { value: 'residentialArea' } });
    fireEvent.change(screen.getByLabelText('Thao tác'), { target: { value: 'DECIDE' } });
    fireEvent.click(screen.getByLabelText('Không công nhận'));
    fireEvent.click(screen.getByRole('button', { name: 'Xem trước' }));
    expect(chosen).toEqual([{ programId: 'safeSecurityOrder', year: 2026, area: '10507', kind: 'residentialArea', action: 'DECIDE', recognised: false }]);
  });

  it('keeps an area typed before the caller’s roles arrive', () => {
    const empty = { ...complete, area: '' };
    const { rerender } = render(<BulkFilters choice={empty} suggestedArea="" programs={programs} onPreview={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Địa bàn (mã đơn vị)'), { target: { value: '31' } });
    rerender(<BulkFilters choice={empty} suggestedArea="10507" programs={programs} onPreview={() => undefined} />);
    expect((screen.getByLabelText('Địa bàn (mã đơn vị)') as HTMLInputElement).value).toBe('31');
  });
});
