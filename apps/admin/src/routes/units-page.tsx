import { useEffect, useState } from 'react';
import { AsOfPicker } from '../components/units/as-of-picker.tsx';
import { UnitResults } from '../components/units/unit-results.tsx';
import { useDebounced } from '../components/units/use-debounced.ts';
import { t } from '../i18n/index.ts';
import { useQueryState } from '../lib/router.tsx';

/** Search units by name, with or without diacritics, or by code, as the tree stood on a chosen day. */
export function UnitsPage() {
  const [query, setQuery] = useQueryState();
  const asOf = query.get('asOf') ?? '';
  const [search, setSearch] = useState(query.get('search') ?? '');
  const settled = useDebounced(search.trim());
  // The settled search goes into the URL, so a result page can be bookmarked or shared.
  useEffect(() => setQuery({ search: settled || undefined }), [settled]);

  return (
    <div className="page">
      <h1>{t('units.title')}</h1>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <label className="grow">
          {t('units.search')}
          <input
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder={t('units.searchPlaceholder')}
            autoFocus
          />
        </label>
        <AsOfPicker value={asOf} onChange={(value) => setQuery({ asOf: value || undefined })} />
      </form>
      {settled ? <UnitResults search={settled} asOf={asOf} /> : <p className="note">{t('units.prompt')}</p>}
    </div>
  );
}
