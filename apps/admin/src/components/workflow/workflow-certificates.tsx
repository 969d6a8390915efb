import { t } from '../../i18n/index.ts';
import { formatDateVi } from '../../lib/format.ts';
import type { CertificateData } from '../../lib/queries/workflow.ts';

/** The certificates a recognition issued, each valid or revoked (by an unlock, with its reason). */
export function WorkflowCertificates({ certificates }: { certificates: readonly CertificateData[] }) {
  return (
    <ul className="wf-certificates">
      {certificates.map((certificate) => (
        <li key={certificate.serial}>
          <code className="serial">{certificate.serial}</code>{' '}
          {certificate.revokedAt ? (
            <span className="badge badge-notMet">{t('workflow.certificateRevoked')}</span>
          ) : (
            <span className="badge badge-met">{t('workflow.certificateValid')}</span>
          )}
          <span className="reason">
            {t('workflow.certificateDecision', { number: certificate.decisionNumber, date: formatDateVi(certificate.decisionDate) })}
          </span>
          {certificate.revokedAt && (
            <span className="reason">
              {t('workflow.certificateRevokedOn', { date: formatDateVi(certificate.revokedAt), reason: certificate.revokedReason ?? t('common.dash') })}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
