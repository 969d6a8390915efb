import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { OutcomeNote } from './outcome-note.tsx';

afterEach(cleanup);

describe('OutcomeNote', () => {
  it('reports a success as a status, with its details', () => {
    render(<OutcomeNote note={{ tone: 'ok', text: 'Đã thực hiện cho 1 hồ sơ.', details: ['Giấy khen 31-SSO-2026-000001-X'] }} testId="note" />);
    const note = screen.getByTestId('note');
    expect(note.getAttribute('role')).toBe('status');
    expect(note.className).toBe('note note-ok');
    expect(within(note).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Giấy khen 31-SSO-2026-000001-X']);
    expect(within(note).queryByRole('button')).toBeNull();
  });

  it('reports a refusal as an alert with its reasons and the next step', () => {
    let clicks = 0;
    render(
      <OutcomeNote
        note={{ tone: 'error', text: 'Không thực hiện được thao tác:', details: ['Thiếu tài liệu.', 'Sai ngày.'] }}
        testId="note"
        next={{ label: 'Tải lại', onClick: () => void clicks++ }}
      />,
    );
    const note = screen.getByTestId('note');
    expect(note.getAttribute('role')).toBe('alert');
    expect(note.className).toBe('note note-error');
    expect(within(note).getByText('Không thực hiện được thao tác:').tagName).toBe('P');
    expect(within(note).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Thiếu tài liệu.', 'Sai ngày.']);
    fireEvent.click(within(note).getByRole('button', { name: 'Tải lại' }));
    expect(clicks).toBe(1);
  });

  it('leaves the list out when there are no details', () => {
    render(<OutcomeNote note={{ tone: 'error', text: 'Bạn không có quyền.', details: [] }} testId="note" />);
    expect(within(screen.getByTestId('note')).queryByRole('list')).toBeNull();
  });
});
