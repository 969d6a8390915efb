import { t } from '../../i18n/index.ts';

/** The day the unit tree is read on; empty means today. */
export function AsOfPicker({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <label>
      {t('units.asOf')}
      <input type="date" value={value} onChange={(event) => onChange(event.target.value)} aria-describedby="as-of-hint" />
      <span id="as-of-hint" className="hint">
        {t('units.asOfHint')}
      </span>
    </label>
  );
}
