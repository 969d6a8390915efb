import { t, type MessageKey } from '../../i18n/index.ts';
import { formatDateVi } from '../../lib/format.ts';
import type { LineageLink, LineageUnit } from '../../lib/queries/units.ts';
import { href, Link } from '../../lib/router.tsx';

const eventLabels: Readonly<Record<string, MessageKey>> = {
  merge: 'lineage.merge',
  split: 'lineage.split',
  rename: 'lineage.rename',
  reparent: 'lineage.reparent',
};

function eventLabel(event: string): string {
  const key = eventLabels[event];
  return key ? t(key) : event;
}

function shareLabel(share: string): string {
  return share === 'full' || share === 'partial' ? t(`lineage.share.${share}`) : share;
}

/** A link to the other unit as it was: the day before the change for an older one, the day of it for a newer one. */
function UnitAt({ unit, day }: { unit: LineageUnit; day: string | null }) {
  return (
    <Link to={href(`/units/${encodeURIComponent(unit.code)}`, { asOf: day ?? undefined })}>
      {unit.fullName} <span className="muted">({unit.code})</span>
    </Link>
  );
}

export function LineageList(props: { title: string; links: readonly LineageLink[]; direction: 'from' | 'to' }) {
  return (
    <section>
      <h2>{props.title}</h2>
      {props.links.length === 0 ? (
        <p className="muted">{t('units.lineageEmpty')}</p>
      ) : (
        <ul className="lineage">
          {props.links.map((link) => {
            const other = props.direction === 'from' ? link.from : link.to;
            const day = props.direction === 'from' ? other.validTo : other.validFrom;
            return (
              <li key={`${link.from.code}-${link.to.code}-${link.event}-${link.effectiveOn}`}>
                <span className="tag">{eventLabel(link.event)}</span> <UnitAt unit={other} day={day} /> — {shareLabel(link.share)},{' '}
                {t('units.lineageOn', { date: formatDateVi(link.effectiveOn) })}
                {link.legalAct && <div className="muted">{link.legalAct}</div>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
