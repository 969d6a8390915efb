import { useEffect } from 'react';
import { Layout } from './components/layout.tsx';
import { navigate, useLocation } from './lib/router.tsx';
import { LOGIN_PATH, safeNext, useSession } from './lib/session.ts';
import { goToLogin } from './lib/urql.ts';
import { LoginPage } from './routes/login-page.tsx';
import { RouteView } from './routes/index.tsx';

export function App() {
  const { path, query } = useLocation();
  const session = useSession();
  const onLoginPage = path === LOGIN_PATH;
  const next = query.get('next');

  useEffect(() => {
    if (!session && !onLoginPage) goToLogin();
    else if (session && onLoginPage) navigate(safeNext(next), { replace: true });
  }, [session, onLoginPage, next]);

  if (onLoginPage) return session ? null : <LoginPage next={next} />;
  if (!session) return null;
  return (
    <Layout session={session}>
      <RouteView path={path} />
    </Layout>
  );
}
