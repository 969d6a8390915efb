import { t } from '../../i18n/index.ts';
import type { HistoryLine } from './history.ts';

/** Who did what and when, oldest first, with the reasons and per-criterion comments of returns. */
export function WorkflowHistory({ lines }: { lines: readonly HistoryLine[] }) {
  if (lines.length === 0) return <p className="muted">{t('workflow.historyEmpty')}</p>;
  return (
    <ol className="wf-history" data-testid="workflow-history">
      {lines.map((line) => (
        <li key={line.key}>
          <div>
            <span className="wf-history-when">{line.date}</span> · <span className="wf-history-who">{line.who}</span>
          </div>
          <div className="wf-history-action">{line.action}</div>
          {line.details.map((detail) => (
            <div key={detail} className="reason">
              {detail}
            </div>
          ))}
          {line.comments.length > 0 && (
            <ul className="wf-comments" aria-label={t('workflow.historyComments')}>
              {line.comments.map((comment) => (
                <li key={comment.criterion}>
                  <span className="wf-comment-criterion">{comment.criterion}</span>: {comment.text}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
