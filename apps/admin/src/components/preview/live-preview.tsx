import type { ResolvedCriteriaSet } from '@antt/criteria';
import { useMemo, useState } from 'react';
import { StatusBadge } from '../status-badge.tsx';
import { t } from '../../i18n/index.ts';
import { unitKindLabel } from '../../lib/format.ts';
import { PreviewInput } from './preview-input.tsx';
import { PreviewOutcome } from './preview-outcome.tsx';
import {
  asResolvedSet,
  evaluatePreview,
  initialState,
  previewFields,
  previewUnitKinds,
  sampleValues,
  withValue,
  type PreviewState,
} from './preview-model.ts';

function PreviewForm({ set }: { set: ResolvedCriteriaSet }) {
  const fields = useMemo(() => previewFields(set), [set]);
  const [state, setState] = useState<PreviewState>(() => initialState(set));
  // Computed on every keystroke, in the browser, by the same engine the API runs.
  const evaluation = useMemo(() => evaluatePreview(set, fields, state), [set, fields, state]);
  const setValue = (key: string, value: string | undefined) => setState((current) => ({ ...current, values: withValue(current.values, key, value) }));

  return (
    <div className="preview">
      <div className="filters">
        <label>
          {t('preview.unitKind')}
          <select value={state.unitKind} onChange={(event) => setState({ ...state, unitKind: event.target.value })}>
            {previewUnitKinds(set).map((kind) => (
              <option key={kind} value={kind}>
                {unitKindLabel(kind)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setState({ ...state, values: sampleValues(set, fields, state.values) })}>
          {t('preview.fillSample')}
        </button>
        <button type="button" className="secondary" onClick={() => setState({ ...state, values: {} })}>
          {t('preview.clear')}
        </button>
      </div>
      <PreviewOutcome evaluation={evaluation} />
      <ul className="preview-rows">
        {evaluation.criteria.map((result) => {
          const field = fields.get(result.id);
          return (
            <li key={result.id} className={`preview-row depth-${result.depth}`} style={{ paddingLeft: `${result.depth * 1.5}rem` }} data-criterion={result.code}>
              <div className="preview-label">
                <span className="code">{result.code}</span> {result.title.vi}
              </div>
              <div className="preview-input">{field && <PreviewInput field={field} code={result.code} values={state.values} onChange={setValue} />}</div>
              <div className="preview-result">
                <StatusBadge status={result.status} />
                <span className="reason">{result.reason}</span>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** A form over the version's resolved definition whose outcome `@antt/criteria` computes as one types. */
export function LivePreview({ resolved }: { resolved: unknown }) {
  const set = useMemo(() => asResolvedSet(resolved), [resolved]);
  return (
    <section aria-labelledby="preview-title">
      <h2 id="preview-title">{t('preview.title')}</h2>
      <p className="muted">{t('preview.intro')}</p>
      {set ? <PreviewForm key={`${set.ref.setId}@${set.ref.version}`} set={set} /> : <p className="note note-error">{t('preview.unreadable')}</p>}
    </section>
  );
}
