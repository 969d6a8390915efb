import { t } from '../../i18n/index.ts';
import { formatDateVi } from '../../lib/format.ts';
import type { UnitVersion } from '../../lib/queries/units.ts';

/** Every version of the unit, oldest first; the one valid on the chosen day is marked. */
export function UnitHistory({ versions, currentId }: { versions: readonly UnitVersion[]; currentId: string }) {
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('units.history')}</h2>
      <table className="table">
        <thead>
          <tr>
            <th>{t('units.historyName')}</th>
            <th>{t('units.historyParent')}</th>
            <th>{t('units.historyFrom')}</th>
            <th>{t('units.historyTo')}</th>
            <th>{t('units.legalAct')}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => (
            <tr key={version.id} className={version.id === currentId ? 'current' : undefined}>
              <td>
                {version.fullName}
                {version.id === currentId && <span className="tag">{t('units.historyThis')}</span>}
              </td>
              <td>{version.parentCode ?? t('common.dash')}</td>
              <td>{formatDateVi(version.validFrom)}</td>
              <td>{version.validTo ? formatDateVi(version.validTo) : t('units.current')}</td>
              <td className="muted">{version.legalAct ?? t('common.dash')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
