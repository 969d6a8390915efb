import { normaliseCertificateSerial, parseCertificateSerial } from '@antt/criteria';
import { t } from '../../i18n/index.ts';
import { formatDateVi } from '../../lib/format.ts';
import type { VerifyCertificateResult } from '../../lib/queries/workflow.ts';

/** A serial as typed, tidied: spaces dropped, letters upper-cased, I/L/O of the random part read as 1/0. */
export function normaliseSerial(input: string): string {
  return normaliseCertificateSerial(input);
}

/** Why a typed serial cannot be a certificate's (format or check character), before asking the API. */
export function serialProblem(input: string): string | undefined {
  return parseCertificateSerial(input) ? undefined : t('certificate.malformed');
}

export interface CheckVerdict {
  readonly tone: 'valid' | 'invalid';
  readonly text: string;
  readonly facts: ReadonlyArray<readonly [label: string, value: string]>;
}

/** What the check found, in Vietnamese; `programTitle` names a program by its id. */
export function checkVerdict(result: VerifyCertificateResult, programTitle: (programId: string) => string = (id) => id): CheckVerdict {
  switch (result.__typename) {
    case 'CertificateCheck': {
      const text = result.valid
        ? t('certificate.valid')
        : result.revoked && result.revokedAt
          ? t('certificate.revokedOn', { date: formatDateVi(result.revokedAt) })
          : result.revoked
            ? t('certificate.revoked')
            : t('certificate.invalid');
      return {
        tone: result.valid ? 'valid' : 'invalid',
        text,
        facts: [
          [t('certificate.serial'), result.serial],
          [t('certificate.unit'), result.unitCode ? `${result.unitName} (${result.unitCode})` : result.unitName],
          [t('certificate.program'), programTitle(result.programId)],
          [t('certificate.year'), String(result.periodYear)],
          [t('certificate.decision'), t('workflow.decisionLine', { number: result.decisionNumber, date: formatDateVi(result.decisionDate) })],
        ],
      };
    }
    case 'NotFoundError':
      return { tone: 'invalid', text: t('certificate.notFound'), facts: [] };
    case 'ValidationError':
      return { tone: 'invalid', text: t('certificate.malformed'), facts: [] };
  }
}
