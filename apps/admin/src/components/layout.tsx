import type { ReactNode } from 'react';
import { t, type MessageKey } from '../i18n/index.ts';
import { Link, useLocation } from '../lib/router.tsx';

const sections: ReadonlyArray<{ path: string; label: MessageKey }> = [
  { path: '/', label: 'nav.reports' },
  { path: '/units', label: 'nav.units' },
  { path: '/criteria-sets', label: 'nav.criteriaSets' },
];

function isCurrent(section: string, path: string): boolean {
  return section === '/' ? path === '/' : path === section || path.startsWith(`${section}/`);
}

export function Layout({ children }: { children: ReactNode }) {
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
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
