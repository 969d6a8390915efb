import { describe, expect, it } from 'vitest';
import { formatCertificateSerial, parseCertificateSerial, programSerialCode } from './certificate.ts';

describe('certificate serials', () => {
  it('round-trips and rejects a mistyped serial', () => {
    const serial = formatCertificateSerial({ provinceCode: '31', programCode: programSerialCode('safeSecurityOrder'), year: 2026, sequence: 123 });
    expect(serial).toMatch(/^31-SSO-2026-000123-[0-9A-Z]$/);
    expect(parseCertificateSerial(serial)).toEqual({ provinceCode: '31', programCode: 'SSO', year: 2026, sequence: 123 });
    expect(parseCertificateSerial(serial.toLowerCase())).toBeDefined();
    expect(parseCertificateSerial(serial.replace('000123', '000124'))).toBeUndefined();
    expect(parseCertificateSerial('31-SSO-2026-123')).toBeUndefined();
  });

  it('derives short program codes', () => {
    expect(programSerialCode('modelWardPolice')).toBe('MWP');
    expect(programSerialCode('newRural192')).toBe('NR');
  });
});
