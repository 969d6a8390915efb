import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { t } from '../i18n/index.ts';
import { loginMutation } from '../lib/queries/session.ts';
import { navigate } from '../lib/router.tsx';
import { safeNext, sessionStore } from '../lib/session.ts';

/** Username and password → `login`; the token is kept for the tab and the person returns to `next`. */
export function LoginPage({ next }: { next: string | null }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string>();
  const [{ fetching }, login] = useMutation(loginMutation);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setProblem(undefined);
    const result = await login({ username: username.trim(), password });
    const answer = result.data?.login;
    if (answer?.__typename === 'SessionToken') {
      sessionStore.set({ token: answer.token, displayName: answer.displayName, expiresAt: answer.expiresAt });
      navigate(safeNext(next), { replace: true });
    } else if (answer?.__typename === 'InvalidCredentialsError') {
      setProblem(t('auth.invalid'));
    } else if (answer?.__typename === 'SignInThrottledError' || answer?.__typename === 'AccountLockedError') {
      const key = answer.__typename === 'AccountLockedError' ? 'auth.locked' : 'auth.throttled';
      setProblem(t(key, { minutes: String(Math.max(1, Math.ceil(answer.retryAfterSeconds / 60))), seconds: String(answer.retryAfterSeconds) }));
    } else {
      setProblem(t('auth.failed', { message: result.error?.message ?? '' }));
    }
  };

  return (
    <div className="login">
      <div className="brand">
        <strong>{t('app.title')}</strong>
        <span>{t('app.subtitle')}</span>
      </div>
      <form className="login-card" onSubmit={onSubmit}>
        <h1>{t('auth.title')}</h1>
        <p className="muted">{t('auth.intro')}</p>
        <label>
          {t('auth.username')}
          <input type="text" name="username" autoComplete="username" value={username} onChange={(event) => setUsername(event.target.value)} required autoFocus />
        </label>
        <label>
          {t('auth.password')}
          <input type="password" name="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} required />
        </label>
        {problem ? (
          <p className="note note-error" role="alert">
            {problem}
          </p>
        ) : null}
        <button type="submit" disabled={fetching}>
          {fetching ? t('auth.submitting') : t('auth.submit')}
        </button>
      </form>
    </div>
  );
}
