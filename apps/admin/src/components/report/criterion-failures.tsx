import { t } from '../../i18n/index.ts';
import type { ReportFigures } from '../../lib/queries/reports.ts';

/** How many units failed each criterion, most failed first (the API's order). */
export function CriterionFailures({ failures, units }: { failures: ReportFigures['criterionFailures']; units: number }) {
  return (
    <section aria-labelledby="failures-title">
      <h2 id="failures-title">{t('report.failures')}</h2>
      {failures.length === 0 ? (
        <p className="note">{t('report.failuresEmpty')}</p>
      ) : (
        <ol className="failures">
          {failures.map((failure) => (
            <li key={failure.criterionId}>
              <span className="code">{failure.code}</span>
              <span className="failure-title">{failure.title}</span>
              <span className="failure-count">{t('report.failureCount', { count: failure.count })}</span>
              <span className="bar" aria-hidden="true">
                <span style={{ width: `${units > 0 ? Math.min(100, (failure.count / units) * 100) : 0}%` }} />
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
