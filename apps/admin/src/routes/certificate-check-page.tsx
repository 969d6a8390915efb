import { Fragment, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { QueryState } from '../components/query-state.tsx';
import { checkVerdict, normaliseSerial, serialProblem } from '../components/workflow/certificate-check.ts';
import { t } from '../i18n/index.ts';
import { programsQuery } from '../lib/queries/reports.ts';
import { verifyCertificateQuery } from '../lib/queries/workflow.ts';
import { useQueryState } from '../lib/router.tsx';

function CheckResult({ serial }: { serial: string }) {
  // A certificate can be revoked at any time: every check asks the API.
  const [{ data, fetching, error }] = useQuery({ query: verifyCertificateQuery, variables: { serial }, requestPolicy: 'network-only' });
  const [{ data: programs }] = useQuery({ query: programsQuery });
  const programTitle = (id: string) => programs?.programs.find((program) => program.id === id)?.title ?? id;
  const result = data?.verifyCertificate;
  const verdict = result && checkVerdict(result, programTitle);
  return (
    <QueryState fetching={fetching} error={error} hasData={result !== undefined}>
      {verdict && (
        <div className={`outcome ${verdict.tone === 'valid' ? 'outcome-met' : 'outcome-notMet'}`} data-testid="certificate-verdict">
          <p className="summary" role="status">
            {verdict.text}
          </p>
          {verdict.facts.length > 0 && (
            <dl className="facts">
              {verdict.facts.map(([label, value]) => (
                <Fragment key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </Fragment>
              ))}
            </dl>
          )}
        </div>
      )}
    </QueryState>
  );
}

/**
 * "Kiểm tra giấy công nhận": a serial → whether the certificate was issued and is still valid. The API
 * answers it without a sign-in; a mistyped serial is caught here by its check character first.
 */
export function CertificateCheckPage() {
  const [query, setQuery] = useQueryState();
  const checked = query.get('serial') ?? '';
  const [serial, setSerial] = useState(checked);
  const problem = checked ? serialProblem(checked) : undefined;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setQuery({ serial: normaliseSerial(serial) || undefined });
  };

  return (
    <div className="page">
      <h1>{t('certificate.title')}</h1>
      <p className="muted">{t('certificate.intro')}</p>
      <form className="filters" onSubmit={onSubmit}>
        <label className="grow">
          {t('certificate.serial')}
          <input type="text" value={serial} onChange={(event) => setSerial(event.target.value)} placeholder="31-SSO-2026-000001-7K2M-9QXD-4TPA-K" spellCheck={false} autoFocus />
        </label>
        <button type="submit">{t('certificate.check')}</button>
      </form>
      {problem && (
        <p className="note note-error" role="alert">
          {problem}
        </p>
      )}
      {checked && !problem && <CheckResult serial={checked} />}
    </div>
  );
}
