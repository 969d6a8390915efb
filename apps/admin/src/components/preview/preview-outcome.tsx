import type { Evaluation } from '@antt/criteria';
import { StatusBadge } from '../status-badge.tsx';
import { t } from '../../i18n/index.ts';

/** The set's outcome as the engine explains it: status, grade where scored, and the summary sentence. */
export function PreviewOutcome({ evaluation }: { evaluation: Evaluation }) {
  return (
    <div className={`outcome outcome-${evaluation.status}`} data-testid="preview-outcome" aria-live="polite">
      <div>
        <span className="figure-label">{t('preview.outcome')}</span> <StatusBadge status={evaluation.status} />
        {evaluation.grade && <span className="tag">{t('preview.grade', { grade: evaluation.grade.title.vi })}</span>}
      </div>
      <p className="summary" data-testid="preview-summary">
        {evaluation.summary}
      </p>
    </div>
  );
}
