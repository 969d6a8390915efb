import { t, type MessageKey } from '../../i18n/index.ts';
import type { CriterionRow } from '../../lib/queries/criteria-sets.ts';

const measureKeys: Readonly<Record<string, MessageKey>> = {
  group: 'measure.group',
  boolean: 'measure.boolean',
  number: 'measure.number',
  change: 'measure.change',
  childShare: 'measure.childShare',
  score: 'measure.score',
  programOutcome: 'measure.programOutcome',
  evidence: 'measure.evidence',
};

function measureLabel(type: string): string {
  const key = measureKeys[type];
  return key ? t(key) : type;
}

/** The resolved criteria, parents first, indented by depth; unverified content is flagged. */
export function CriteriaTree({ criteria }: { criteria: readonly CriterionRow[] }) {
  return (
    <section aria-labelledby="tree-title">
      <h2 id="tree-title">
        {t('sets.tree')} <span className="muted">{t('sets.treeCount', { count: criteria.length })}</span>
      </h2>
      <ul className="tree">
        {criteria.map((criterion) => (
          <li key={criterion.id} style={{ paddingLeft: `${criterion.depth * 1.5}rem` }} className={criterion.measureType === 'group' ? 'group' : undefined}>
            <span className="code">{criterion.code}</span>
            <span className="tree-title">{criterion.title}</span>
            <span className="tree-meta">
              <span className="tag">{measureLabel(criterion.measureType)}</span>
              {/* A group's bar is its rule, explained per unit by the preview; leaves show theirs. */}
              {criterion.measureType !== 'group' && (
                <span>
                  {t('sets.expected')}: {criterion.expected}
                </span>
              )}
              {criterion.critical && <span className="tag tag-critical">{t('sets.critical')}</span>}
              {!criterion.required && <span className="tag">{t('sets.optional')}</span>}
              {criterion.unverified && (
                <span className="tag tag-unverified" title={t('sets.unverifiedHint')}>
                  {t('sets.unverified')}
                </span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
