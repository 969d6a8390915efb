import { STATUS_VI, type Status } from '@antt/criteria';
import { t } from '../../i18n/index.ts';
import type { PreviewField, PreviewValues } from './preview-model.ts';

interface InputProps {
  readonly field: PreviewField;
  readonly code: string;
  readonly values: PreviewValues;
  readonly onChange: (key: string, value: string | undefined) => void;
}

function YesNo({ field, code, values, onChange }: InputProps) {
  const value = values[field.id];
  return (
    <span className="yes-no">
      <label>
        <input
          type="checkbox"
          aria-label={`${code} — ${t('preview.yes')}`}
          checked={value === 'true'}
          // Neither ticked nor unticked until someone says: a missing answer is "not assessed".
          ref={(element) => {
            if (element) element.indeterminate = value === undefined;
          }}
          onChange={(event) => onChange(field.id, String(event.target.checked))}
        />{' '}
        {value === undefined ? <span className="muted">{t('preview.notEntered')}</span> : value === 'true' ? t('preview.yes') : t('preview.no')}
      </label>
      {value !== undefined && (
        <button type="button" className="link" onClick={() => onChange(field.id, undefined)}>
          {t('preview.clearValue')}
        </button>
      )}
    </span>
  );
}

function NumberBox(props: {
  code: string;
  label: string;
  valueKey: string;
  values: PreviewValues;
  onChange: InputProps['onChange'];
  suffix?: string | undefined;
}) {
  return (
    <label className="number-box">
      <span className="hint">{props.label}</span>
      <input
        type="text"
        inputMode="decimal"
        size={6}
        aria-label={`${props.code} — ${props.label}`}
        value={props.values[props.valueKey] ?? ''}
        onChange={(event) => props.onChange(props.valueKey, event.target.value === '' ? undefined : event.target.value)}
      />
      {props.suffix && <span className="hint">{props.suffix}</span>}
    </label>
  );
}

/** The input a criterion needs: yes/no, a number, this and last period, points, or child counts. */
export function PreviewInput(props: InputProps) {
  const { field, code, values, onChange } = props;
  switch (field.type) {
    case 'boolean':
    case 'evidence':
      return <YesNo {...props} />;
    case 'number':
      return <NumberBox code={code} label={t('preview.value')} valueKey={field.id} values={values} onChange={onChange} suffix={field.unit} />;
    case 'score':
      return <NumberBox code={code} label={t('preview.points', { max: field.maxPoints })} valueKey={field.id} values={values} onChange={onChange} />;
    case 'change':
      return (
        <span className="pair">
          <NumberBox code={code} label={t('preview.current')} valueKey={field.id} values={values} onChange={onChange} suffix={field.unit} />
          <NumberBox code={code} label={t('preview.previous')} valueKey={`${field.id}#previous`} values={values} onChange={onChange} suffix={field.unit} />
        </span>
      );
    case 'childShare':
      return (
        <span className="pair">
          <NumberBox code={code} label={t('preview.childrenMet')} valueKey={`${field.id}#met`} values={values} onChange={onChange} />
          <NumberBox code={code} label={t('preview.childrenTotal')} valueKey={`${field.id}#total`} values={values} onChange={onChange} />
        </span>
      );
    case 'programOutcome':
      return (
        <label className="number-box">
          <span className="hint">{t('preview.programOutcome')}</span>
          <select aria-label={`${code} — ${t('preview.programOutcome')}`} value={values[field.id] ?? ''} onChange={(event) => onChange(field.id, event.target.value || undefined)}>
            <option value="">{t('preview.notEntered')}</option>
            {(Object.keys(STATUS_VI) as Status[]).map((status) => (
              <option key={status} value={status}>
                {STATUS_VI[status]}
              </option>
            ))}
          </select>
        </label>
      );
  }
}
