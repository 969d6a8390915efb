import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutcomeStatus } from '../../lib/queries/common.ts';
import { isoToday, type ActionDraft, type ActionFields } from './action-draft.ts';
import { ArtefactField, DecisionFields, DraftProblems, ModeField, useActionDraft } from './draft-fields.tsx';

afterEach(cleanup);

const none: ActionFields = { action: 'COMPLETE', artefact: null, modes: [], returnTargets: [], reason: false, comments: false, decision: false };

/** A form of the shared parts only; `sent` keeps each draft that passed the check. */
function renderForm(fields: ActionFields, outcome: OutcomeStatus = 'met') {
  const sent: ActionDraft[] = [];
  function Form() {
    const { draft, change, problems, submit } = useActionDraft(fields, outcome, (valid) => sent.push(valid));
    return (
      <form aria-label="Thao tác" onSubmit={submit} noValidate>
        <ModeField name="mode" fields={fields} draft={draft} change={change} />
        {fields.decision && <DecisionFields draft={draft} change={change} />}
        <ArtefactField fields={fields} draft={draft} change={change} />
        <DraftProblems problems={problems} />
        <button type="submit">Gửi</button>
      </form>
    );
  }
  render(<Form />);
  return { sent, form: screen.getByRole('form', { name: 'Thao tác' }) };
}

describe('useActionDraft and the shared fields', () => {
  it('asks an appraisal for its mode and the document it requires, and sends nothing until it is given', () => {
    const { sent, form } = renderForm({ ...none, modes: ['MEETING', 'WRITTEN_CONSULTATION'], artefact: { kind: 'minutes', label: 'Biên bản họp', required: true } });
    expect((within(form).getByLabelText('Họp') as HTMLInputElement).checked).toBe(true);
    expect(within(form).getByRole('group', { name: 'Hình thức thẩm định' })).toBeTruthy();
    expect(within(form).queryByLabelText('Số quyết định')).toBeNull();
    fireEvent.click(within(form).getByLabelText('Lấy ý kiến bằng văn bản'));

    fireEvent.click(within(form).getByRole('button', { name: 'Gửi' }));
    expect(within(form).getByRole('alert').textContent).toBe('Cần nhập tài liệu kèm theo (Biên bản họp).');
    expect(sent).toEqual([]);

    fireEvent.change(within(form).getByLabelText('Tài liệu kèm theo: Biên bản họp'), { target: { value: 'hoso/bien-ban.pdf' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Gửi' }));
    expect(within(form).queryByRole('alert')).toBeNull();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ mode: 'WRITTEN_CONSULTATION', documentRef: 'hoso/bien-ban.pdf' });
  });

  it('asks a decision for its number, dated today, with an optional document and signer', () => {
    const { sent, form } = renderForm({ ...none, action: 'DECIDE', decision: true, artefact: { kind: 'decision', label: 'Quyết định', required: false } }, 'notMet');
    expect(within(form).queryByRole('group')).toBeNull();
    expect((within(form).getByLabelText('Ngày quyết định') as HTMLInputElement).value).toBe(isoToday());
    expect(within(form).getByLabelText('Tài liệu kèm theo: Quyết định (không bắt buộc)')).toBeTruthy();

    fireEvent.click(within(form).getByRole('button', { name: 'Gửi' }));
    expect(within(form).getByRole('alert').textContent).toBe('Cần nhập số quyết định.');

    fireEvent.change(within(form).getByLabelText('Số quyết định'), { target: { value: '125/QĐ-UBND' } });
    fireEvent.change(within(form).getByLabelText('Người ký (không bắt buộc)'), { target: { value: 'Chủ tịch UBND phường' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Gửi' }));
    expect(sent).toEqual([
      expect.objectContaining({ recognised: false, decisionNumber: '125/QĐ-UBND', decisionDate: isoToday(), signer: 'Chủ tịch UBND phường', documentRef: '' }),
    ]);
  });

  it('shows none of the optional fields when the step asks for nothing', () => {
    const { sent, form } = renderForm(none);
    expect(within(form).queryAllByRole('textbox')).toEqual([]);
    expect(within(form).queryAllByRole('radio')).toEqual([]);
    fireEvent.click(within(form).getByRole('button', { name: 'Gửi' }));
    expect(within(form).queryByRole('alert')).toBeNull();
    expect(sent).toHaveLength(1);
  });
});
