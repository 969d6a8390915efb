import { formatPercentVi } from '@antt/criteria';
import { t } from '../../i18n/index.ts';
import { formatDateVi, formatShare, formatSigned } from '../../lib/format.ts';
import type { ReportFigures as Figures } from '../../lib/queries/reports.ts';

/** One headline figure: a label, its value and a line of detail. */
export function Figure({ label, value, detail }: { label: string; value: string; detail?: string | undefined }) {
  return (
    <div className="figure">
      <span className="figure-label">{label}</span>
      <strong className="figure-value">{value}</strong>
      {detail && <span className="figure-detail">{detail}</span>}
    </div>
  );
}

function changeText(change: number | null): string {
  if (change === null) return t('report.noPrevious');
  if (change > 0) return t('report.changeUp', { count: change });
  if (change < 0) return t('report.changeDown', { count: -change });
  return t('report.changeSame');
}

/** The headline figures: the API's Vietnamese summary, then met/units, share, target and change. */
export function ReportFigures({ report }: { report: Figures }) {
  const target = report.target;
  const threshold = target ? `≥ ${formatPercentVi(target.thresholdPercent)}` : '';
  return (
    <section aria-labelledby="report-summary">
      <p id="report-summary" className="summary" data-testid="report-summary">
        {report.summary}
      </p>
      <p className="muted">{t('report.onDate', { date: formatDateVi(report.onDate) })}</p>
      <div className="figures">
        <Figure
          label={t('report.metOfUnits')}
          value={t('report.metOfUnitsValue', { met: report.met, units: report.units })}
          detail={t('report.counts', { notMet: report.notMet, notAssessed: report.notAssessed, notApplicable: report.notApplicable })}
        />
        <Figure label={t('report.share')} value={formatShare(report.sharePercent)} />
        <Figure
          label={t('report.target')}
          value={target ? (target.reached ? t('report.targetReached', { threshold }) : t('report.targetMissing', { threshold, missing: target.missing })) : t('report.noTarget')}
          detail={target?.title}
        />
        <Figure
          label={t('report.change')}
          value={changeText(report.metChange)}
          detail={[
            report.shareChangePoints === null ? undefined : t('report.changePoints', { points: formatSigned(Math.round(report.shareChangePoints * 10) / 10) }),
            report.previous ? t('report.previous', { met: report.previous.met, units: report.previous.units }) : undefined,
          ]
            .filter(Boolean)
            .join(' · ')}
        />
      </div>
    </section>
  );
}
