import type { ReactNode } from 'react';
import { t } from '../i18n/index.ts';
import { Link, matchPath } from '../lib/router.tsx';
import { CertificateCheckPage } from './certificate-check-page.tsx';
import { CriteriaSetVersionPage } from './criteria-set-version-page.tsx';
import { CriteriaSetsPage } from './criteria-sets-page.tsx';
import { ReportsPage } from './reports-page.tsx';
import { UnitDetailPage } from './unit-detail-page.tsx';
import { UnitsPage } from './units-page.tsx';
import { WorkflowBulkPage } from './workflow-bulk-page.tsx';
import { WorkflowQueuePage } from './workflow-queue-page.tsx';

const routes: ReadonlyArray<{ pattern: string; render: (params: Record<string, string>) => ReactNode }> = [
  { pattern: '/', render: () => <ReportsPage /> },
  { pattern: '/units', render: () => <UnitsPage /> },
  { pattern: '/units/:code', render: ({ code }) => <UnitDetailPage key={code} code={code!} /> },
  { pattern: '/criteria-sets', render: () => <CriteriaSetsPage /> },
  { pattern: '/certificates', render: () => <CertificateCheckPage /> },
  { pattern: '/workflow/queue', render: () => <WorkflowQueuePage /> },
  { pattern: '/workflow/bulk', render: () => <WorkflowBulkPage /> },
  {
    pattern: '/criteria-sets/:setId/:version',
    render: ({ setId, version }) => <CriteriaSetVersionPage key={`${setId}@${version}`} setId={setId!} version={Number(version)} />,
  },
];

export function RouteView({ path }: { path: string }) {
  for (const route of routes) {
    const params = matchPath(route.pattern, path);
    if (params) return <>{route.render(params)}</>;
  }
  return (
    <div className="page">
      <p className="note">{t('page.notFound')}</p>
      <Link to="/">{t('page.backHome')}</Link>
    </div>
  );
}
