import { resolveCriteriaSet, tt124Commune } from '@antt/criteria';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LivePreview } from './live-preview.tsx';

afterEach(cleanup);

function resolvedJson(): unknown {
  const resolved = resolveCriteriaSet(tt124Commune, () => undefined);
  if (!resolved.ok) throw new Error('tt124Commune does not resolve');
  const { definition: _definition, ...rest } = resolved.value;
  return JSON.parse(JSON.stringify(rest));
}

function outcome(): string {
  return within(screen.getByTestId('preview-outcome')).getAllByText(/Đạt|Chưa đạt|Chưa đánh giá|Không áp dụng/)[0]!.textContent!;
}

describe('LivePreview', () => {
  it('recomputes the outcome in the browser as inputs change', () => {
    render(<LivePreview resolved={resolvedJson()} />);
    expect(outcome()).toBe('Chưa đánh giá');

    fireEvent.click(screen.getByRole('button', { name: 'Điền mẫu (đạt tất cả)' }));
    fireEvent.change(screen.getByLabelText('5.2 — Số đơn vị đạt'), { target: { value: '8' } });
    fireEvent.change(screen.getByLabelText('5.2 — Tổng số đơn vị'), { target: { value: '10' } });
    expect(outcome()).toBe('Đạt');

    fireEvent.click(screen.getByLabelText('1.1 — Có'));
    expect(outcome()).toBe('Chưa đạt');
    expect(screen.getByTestId('preview-summary').textContent).toBe('Chưa đạt. Nếu chuyển thành “có” (tiêu chí 1.1) thì đạt.');

    fireEvent.click(screen.getByRole('button', { name: 'Xoá hết' }));
    expect(outcome()).toBe('Chưa đánh giá');
  });

  it('says so when the definition cannot be read', () => {
    render(<LivePreview resolved={{ nothing: true }} />);
    expect(screen.getByText('Không đọc được định nghĩa bộ tiêu chí để tính thử.')).toBeTruthy();
  });
});
