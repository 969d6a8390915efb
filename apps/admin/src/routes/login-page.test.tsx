import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Provider } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';
import { createSessionStore } from '../lib/session.ts';
import { createUrqlClient } from '../lib/urql.ts';
import { LoginPage } from './login-page.tsx';

afterEach(cleanup);

/** The API answering `login` with one typed result. */
function renderWith(login: Record<string, unknown>) {
  const fetch = async () => new Response(JSON.stringify({ data: { login } }), { headers: { 'content-type': 'application/json' } });
  const items = new Map<string, string>();
  const store = createSessionStore({ getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value), removeItem: (key) => void items.delete(key) });
  const client = createUrqlClient({ url: 'http://admin.local/graphql', store, fetch: fetch as typeof globalThis.fetch, onSignedOut: () => undefined });
  render(
    <Provider value={client}>
      <LoginPage next={null} />
    </Provider>,
  );
  fireEvent.change(screen.getByLabelText('Tên đăng nhập'), { target: { value: 'haiphong' } });
  fireEvent.change(screen.getByLabelText('Mật khẩu'), { target: { value: 'sai mật khẩu' } });
  fireEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }));
}

describe('LoginPage', () => {
  it('says a wrong password plainly', async () => {
    renderWith({ __typename: 'InvalidCredentialsError', message: 'Sai' });
    expect(await screen.findByText('Sai tên đăng nhập hoặc mật khẩu.')).toBeTruthy();
  });

  it('says how long to wait when sign-ins are throttled', async () => {
    renderWith({ __typename: 'SignInThrottledError', message: 'Chờ', retryAfterSeconds: 4 });
    expect(await screen.findByText('Đăng nhập sai nhiều lần: vui lòng thử lại sau 4 giây.')).toBeTruthy();
  });

  it('says the account is locked, for about how long, and who can unlock it', async () => {
    renderWith({ __typename: 'AccountLockedError', message: 'Khoá', retryAfterSeconds: 900 });
    expect(await screen.findByText('Tài khoản tạm khoá do đăng nhập sai nhiều lần: thử lại sau khoảng 15 phút, hoặc nhờ quản trị viên mở khoá.')).toBeTruthy();
  });
});
