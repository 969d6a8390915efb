import { describe, expect, it } from 'vitest';
import { formatCertificateSerial, normaliseCertificateSerial, parseCertificateSerial, programSerialCode, serialRandomPart } from './certificate.ts';

describe('certificate serials', () => {
  it('round-trips and rejects a mistyped serial', () => {
    const serial = formatCertificateSerial({ provinceCode: '31', programCode: programSerialCode('safeSecurityOrder'), year: 2026, sequence: 123, random: '7K2M9QXD4TPA' });
    expect(serial).toMatch(/^31-SSO-2026-000123-7K2M-9QXD-4TPA-[0-9A-Z]$/);
    expect(parseCertificateSerial(serial)).toEqual({ provinceCode: '31', programCode: 'SSO', year: 2026, sequence: 123, random: '7K2M9QXD4TPA' });
    expect(parseCertificateSerial(serial.toLowerCase())).toBeDefined();
    expect(parseCertificateSerial(` ${serial.slice(0, 19)} ${serial.slice(19)} `)).toBeDefined();
    expect(parseCertificateSerial(serial.replace('000123', '000124'))).toBeUndefined();
    expect(parseCertificateSerial('31-SSO-2026-123')).toBeUndefined();
    // A random part of the wrong length, or with a character Crockford's base32 does not use.
    expect(parseCertificateSerial('31-SSO-2026-000123-7K2M-9QXD-K')).toBeUndefined();
    expect(parseCertificateSerial(serial.replace('7K2M', '7K2U'))).toBeUndefined();
  });

  it('catches any one character changed in the random part', () => {
    const serial = formatCertificateSerial({ provinceCode: '31', programCode: 'SSO', year: 2026, sequence: 1, random: '000000000000' });
    for (let i = 19; i < serial.length - 2; i++) {
      if (serial[i] === '-') continue;
      expect(parseCertificateSerial(`${serial.slice(0, i)}7${serial.slice(i + 1)}`), `position ${i}`).toBeUndefined();
    }
  });

  it('reads I and L as 1 and O as 0 in the random part, as Crockford intended', () => {
    const serial = formatCertificateSerial({ provinceCode: '31', programCode: 'SSO', year: 2026, sequence: 5, random: '10101010ABCD' });
    const typed = serial.replace('1010-1010', 'I0L0-lOio');
    expect(normaliseCertificateSerial(typed)).toBe(serial);
    expect(parseCertificateSerial(typed)?.random).toBe('10101010ABCD');
  });

  it('still reads serials issued before the random part', () => {
    const legacy = formatCertificateSerial({ provinceCode: '31', programCode: 'SSO', year: 2026, sequence: 123 });
    expect(legacy).toMatch(/^31-SSO-2026-000123-[0-9A-Z]$/);
    expect(parseCertificateSerial(legacy)).toEqual({ provinceCode: '31', programCode: 'SSO', year: 2026, sequence: 123 });
    expect(parseCertificateSerial(legacy.replace('000123', '000124'))).toBeUndefined();
  });

  it('encodes 60 random bits as 12 Crockford characters', () => {
    expect(serialRandomPart(new Uint8Array(8))).toBe('000000000000');
    expect(serialRandomPart(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 1]))).toBe('000000000001');
    expect(serialRandomPart(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 32]))).toBe('000000000010');
    expect(serialRandomPart(Uint8Array.from([0, 0, 0, 0, 0, 0, 1, 0]))).toBe('000000000080');
    // Only the low 60 of 64 bits are used.
    expect(serialRandomPart(Uint8Array.from([255, 255, 255, 255, 255, 255, 255, 255]))).toBe('ZZZZZZZZZZZZ');
    expect(() => serialRandomPart(new Uint8Array(7))).toThrow();
  });

  it('derives short program codes', () => {
    expect(programSerialCode('modelWardPolice')).toBe('MWP');
    expect(programSerialCode('newRural192')).toBe('NR');
  });
});
