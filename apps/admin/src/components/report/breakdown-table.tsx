import { t } from '../../i18n/index.ts';
import { formatShare, formatSigned } from '../../lib/format.ts';
import { href, Link } from '../../lib/router.tsx';
import type { ReportFigures } from '../../lib/queries/reports.ts';

/**
 * The same report for each area one level down. Areas with no unit of the chosen kind are left out:
 * a commune-level report broken down by commune would otherwise list every commune as 0/0.
 */
export function BreakdownTable(props: {
  rows: ReportFigures['breakdown'];
  names: ReadonlyMap<string, string>;
  linkQuery: Readonly<Record<string, string | number | undefined>>;
}) {
  const rows = props.rows.filter((row) => row.units > 0);
  return (
    <section aria-labelledby="breakdown-title">
      <h2 id="breakdown-title">{t('report.breakdown')}</h2>
      {rows.length === 0 ? (
        <p className="note">{t('report.breakdownEmpty')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('report.breakdownArea')}</th>
              <th className="number">{t('report.breakdownMet')}</th>
              <th className="number">{t('report.breakdownShare')}</th>
              <th className="number">{t('report.breakdownChange')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const code = row.areaCode ?? '';
              return (
                <tr key={code}>
                  <td>
                    <Link to={href('/', { ...props.linkQuery, area: code })}>{props.names.get(code) ?? code}</Link>{' '}
                    <span className="muted">{code}</span>
                  </td>
                  <td className="number">{t('report.metOfUnitsValue', { met: row.met, units: row.units })}</td>
                  <td className="number">{formatShare(row.sharePercent)}</td>
                  <td className="number">{row.metChange === null ? t('common.dash') : formatSigned(row.metChange)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
