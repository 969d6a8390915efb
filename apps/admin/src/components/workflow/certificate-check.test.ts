import { formatCertificateSerial } from '@antt/criteria';
import { describe, expect, it } from 'vitest';
import type { CertificateCheckData } from '../../lib/queries/workflow.ts';
import { checkVerdict, normaliseSerial, serialProblem } from './certificate-check.ts';

const serial = formatCertificateSerial({ provinceCode: '31', programCode: 'SSO', year: 2026, sequence: 1, random: '7K2M9QXD4TPA' });

const check: CertificateCheckData = {
  __typename: 'CertificateCheck',
  valid: true,
  revoked: false,
  revokedAt: null,
  serial,
  unitCode: '10507-KDC01',
  unitName: 'Tổ dân phố số 1',
  programId: 'safeSecurityOrder',
  periodYear: 2026,
  decisionNumber: '125/QĐ-UBND',
  decisionDate: '2026-12-20',
};

describe('serials as typed', () => {
  it('are tidied and checked with the domain’s check character', () => {
    expect(normaliseSerial(`  ${serial.toLowerCase()} `)).toBe(serial);
    // O for 0 and I or L for 1, in the random part, are what the paper meant.
    const withZero = formatCertificateSerial({ provinceCode: '31', programCode: 'SSO', year: 2026, sequence: 1, random: '7K209QXD41PA' });
    expect(normaliseSerial(withZero.replace('7K20-9QXD-41PA', '7K2O-9QXD-4IPA'))).toBe(withZero);
    expect(serialProblem(serial)).toBeUndefined();
    expect(serialProblem(serial.replace('-000001-', '-000009-'))).toBe(
      'Số hiệu không đúng: sai định dạng hoặc sai ký tự kiểm tra ở cuối. Hãy đối chiếu lại với giấy.',
    );
    expect(serialProblem('not a serial')).toBeDefined();
  });
});

describe('checkVerdict', () => {
  it('says a valid certificate is valid and what it certifies', () => {
    const verdict = checkVerdict(check, (id) => (id === 'safeSecurityOrder' ? 'An toàn về an ninh, trật tự' : id));
    expect(verdict).toEqual({
      tone: 'valid',
      text: 'Giấy công nhận hợp lệ, còn hiệu lực.',
      facts: [
        ['Số hiệu giấy công nhận', serial],
        ['Đơn vị', 'Tổ dân phố số 1 (10507-KDC01)'],
        ['Chương trình', 'An toàn về an ninh, trật tự'],
        ['Năm', '2026'],
        ['Quyết định', 'Số 125/QĐ-UBND, ngày 20/12/2026'],
      ],
    });
  });

  it('names the unit without its code when the API keeps the code for readers of the assessment', () => {
    expect(checkVerdict({ ...check, unitCode: null }).facts[1]).toEqual(['Đơn vị', 'Tổ dân phố số 1']);
  });

  it('says when a certificate was revoked', () => {
    const verdict = checkVerdict({ ...check, valid: false, revoked: true, revokedAt: '2026-12-22T08:00:00.000Z' });
    expect(verdict).toMatchObject({ tone: 'invalid', text: 'Đã bị thu hồi ngày 22/12/2026, không còn hiệu lực.' });
  });

  it('says when no certificate has the serial', () => {
    expect(checkVerdict({ __typename: 'NotFoundError', code: 'NOT_FOUND', message: 'x' })).toEqual({
      tone: 'invalid',
      text: 'Không có giấy công nhận nào mang số hiệu này.',
      facts: [],
    });
    expect(checkVerdict({ __typename: 'ValidationError', code: 'VALIDATION', message: 'x' }).tone).toBe('invalid');
  });
});
