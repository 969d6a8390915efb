import type { ReactNode } from 'react';
import { useMutation } from 'urql';
import { t, type MessageKey } from '../i18n/index.ts';
import { logoutMutation } from '../lib/queries/session.ts';
import { Link, navigate, useLocation } from '../lib/router.tsx';
import { LOGIN_PATH, sessionStore, type Session } from '../lib/session.ts';

const sections: ReadonlyArray<{ path: string; label: MessageKey }> = [
  { path: '/', label: 'nav.reports' },
  { path: '/units', label: 'nav.units' },
  { path: '/workflow/queue', label: 'nav.queue' },
  { path: '/workflow/bulk', label: 'nav.bulk' },
  { path: '/criteria-sets', label: 'nav.criteriaSets' },
  { path: '/certificates', label: 'nav.certificates' },
];

function isCurrent(section: string, path: string): boolean {
  return section === '/' ? path === '/' : path === section || path.startsWith(`${section}/`);
}

function SessionBox({ session }: { session: Session }) {
  const [{ fetching }, logout] = useMutation(logoutMutation);
  const onLogout = async () => {
    // The session is revoked on the server when it answers; the tab forgets it either way.
    await logout({});
    sessionStore.clear();
    navigate(LOGIN_PATH, { replace: true });
  };
  return (
    <div className="session">
      <span data-testid="signed-in-as">{t('auth.signedInAs', { name: session.displayName })}</span>
      <button type="button" className="secondary" onClick={onLogout} disabled={fetching}>
        {t('auth.logout')}
      </button>
    </div>
  );
}

export function Layout({ session, children }: { session: Session; children: ReactNode }) {
  const { path } = useLocation();
  return (
    <div className="layout">
      <header className="topbar">
        <div className="brand">
          <strong>{t('app.title')}</strong>
          <span>{t('app.subtitle')}</span>
        </div>
        <nav aria-label={t('nav.label')}>
          {sections.map((section) => (
            <Link key={section.path} to={section.path} {...(isCurrent(section.path, path) ? { 'aria-current': 'page' as const } : {})}>
              {t(section.label)}
            </Link>
          ))}
        </nav>
        <SessionBox session={session} />
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
