/*
 * Certificate serials: province, program, period and a sequence, with a check character so a
 * mistyped serial is caught before any lookup. Format: 31-SSO-2026-000123-K.
 */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export interface SerialParts {
  readonly provinceCode: string;
  /** A short code for the program, e.g. SSO for safeSecurityOrder. */
  readonly programCode: string;
  readonly year: number;
  readonly sequence: number;
}

function checkCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const value = ALPHABET.indexOf(body[i]!);
    if (value < 0) continue;
    sum += value * (i % 2 === 0 ? 3 : 1);
  }
  return ALPHABET[sum % ALPHABET.length]!;
}

export function programSerialCode(programId: string): string {
  const capitals = programId.replace(/[^A-Z]/g, '');
  return `${programId[0]!.toUpperCase()}${capitals}`.slice(0, 4);
}

export function formatCertificateSerial(parts: SerialParts): string {
  const body = `${parts.provinceCode}-${parts.programCode}-${parts.year}-${String(parts.sequence).padStart(6, '0')}`;
  return `${body}-${checkCharacter(body)}`;
}

/** The parts of a serial, or undefined when it is malformed or its check character is wrong. */
export function parseCertificateSerial(serial: string): SerialParts | undefined {
  const match = /^(\d{2})-([A-Z]{1,4})-(\d{4})-(\d{6})-([0-9A-Z])$/.exec(serial.trim().toUpperCase());
  if (!match) return undefined;
  const [, provinceCode, programCode, year, sequence, check] = match;
  const body = `${provinceCode}-${programCode}-${year}-${sequence}`;
  if (checkCharacter(body) !== check) return undefined;
  return { provinceCode: provinceCode!, programCode: programCode!, year: Number(year), sequence: Number(sequence) };
}
