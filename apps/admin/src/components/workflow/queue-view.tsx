import { formatNumberVi } from '@antt/criteria';
import { useState } from 'react';
import { Figure } from '../report/report-figures.tsx';
import { StatusBadge } from '../status-badge.tsx';
import { t } from '../../i18n/index.ts';
import { formatDateVi, unitKindLabel } from '../../lib/format.ts';
import type { WorkflowQueueData, WorkflowQueueItem } from '../../lib/queries/workflow.ts';
import { href, Link } from '../../lib/router.tsx';
import { areaChoiceToQuery } from './area-choice.ts';
import { actionLabel } from './labels.ts';
import { clockTime, type QueueChoice } from './queue.ts';

// A province lists well over a thousand items: the table grows on request.
const ROWS = 50;

function Lateness({ item }: { item: WorkflowQueueItem }) {
  if (item.overdueDays > 0) return <span className="overdue">{t('workflow.overdue', { days: item.overdueDays })}</span>;
  return <span className="muted">{item.stepId ? t('queue.onTime') : t('common.dash')}</span>;
}

function Step({ item }: { item: WorkflowQueueItem }) {
  const step = item.stepTitle ?? t('queue.decided');
  const notes = [item.locked ? t('workflow.locked') : undefined, item.returns > 0 ? t('queue.returns', { count: item.returns }) : undefined].filter(Boolean);
  return (
    <>
      {step}
      {notes.length > 0 && <span className="muted"> ({notes.join(', ')})</span>}
    </>
  );
}

function QueueRow({ item, year }: { item: WorkflowQueueItem; year: number }) {
  return (
    <tr data-unit={item.unitCode}>
      <td className="nowrap">
        <Link to={href(`/units/${encodeURIComponent(item.unitCode)}`, { year })}>{item.unitCode}</Link>
      </td>
      <td>{item.unitName}</td>
      <td>{unitKindLabel(item.unitKind)}</td>
      <td className="queue-step">
        <Step item={item} />
      </td>
      <td>{item.actingBody ?? t('common.dash')}</td>
      <td className="nowrap">{formatDateVi(item.dueOn)}</td>
      <td className="queue-late">
        <Lateness item={item} />
      </td>
      <td>
        <StatusBadge status={item.outcome} />
      </td>
      <td>{item.availableActions.length > 0 ? item.availableActions.map(actionLabel).join(', ') : <span className="muted">{t('common.dash')}</span>}</td>
    </tr>
  );
}

/** The counts (before the filters), the link to act on many at once, and the items, most overdue first. */
export function QueueView(props: { choice: QueueChoice; queue: WorkflowQueueData; updatedAt?: string | undefined }) {
  const { choice, queue } = props;
  const [shown, setShown] = useState(ROWS);
  const items = queue.items.slice(0, shown);
  return (
    <>
      <div className="figures" data-testid="queue-counts">
        <Figure label={t('queue.total')} value={formatNumberVi(queue.total, 0)} />
        <Figure label={t('queue.overdue')} value={formatNumberVi(queue.overdue, 0)} />
        <Figure label={t('queue.actionable')} value={formatNumberVi(queue.actionable, 0)} />
      </div>
      <p className="queue-links">
        <Link to={href('/workflow/bulk', areaChoiceToQuery(choice))}>{t('queue.toBulk')}</Link>
        {props.updatedAt && (
          <span className="muted" role="status" data-testid="queue-updated">
            {t('queue.updatedAt', { time: clockTime(props.updatedAt) })}
          </span>
        )}
      </p>
      {queue.items.length === 0 ? (
        <p className="muted">{t('queue.empty')}</p>
      ) : (
        <table className="table" data-testid="queue-items">
          <thead>
            <tr>
              <th colSpan={2}>{t('queue.column.unit')}</th>
              <th>{t('queue.column.kind')}</th>
              <th>{t('queue.column.step')}</th>
              <th>{t('queue.column.actingBody')}</th>
              <th>{t('queue.column.due')}</th>
              <th>{t('queue.column.late')}</th>
              <th>{t('queue.column.outcome')}</th>
              <th>{t('queue.column.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <QueueRow key={item.assessmentId} item={item} year={choice.year} />
            ))}
          </tbody>
        </table>
      )}
      {queue.items.length > shown && (
        <p>
          <span className="muted">{t('common.shown', { shown: items.length, total: queue.items.length })}</span>{' '}
          <button type="button" className="secondary" onClick={() => setShown((count) => count + ROWS)}>
            {t('common.loadMore')}
          </button>
        </p>
      )}
    </>
  );
}
