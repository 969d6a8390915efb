/*
 * Certificate serials: province, program, period and a sequence, then a random part that makes a
 * serial impossible to guess from the ones around it, and a check character so a mistyped serial is
 * caught before any lookup. Format: 31-SSO-2026-000123-7K2M-9QXD-4TPA-K.
 *
 * The random part is 12 characters of Crockford's base32 (60 bits) in groups of four: finding a
 * valid serial by trying takes about 2^59 requests, not the 36 a check character alone allowed.
 * Serials issued before it (31-SSO-2026-000123-K) still parse, so certificates already printed keep
 * verifying. Typing I or L for 1 and O for 0 is forgiven, as Crockford intended.
 */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** Crockford's base32: no I, L, O or U, so no character reads as another. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Characters (5 bits each) of a serial's random part, and the group size they print in. */
export const SERIAL_RANDOM_CHARACTERS = 12;
const GROUP = 4;
/** Bytes of randomness `serialRandomPart` needs (60 bits, rounded up). */
export const SERIAL_RANDOM_BYTES = Math.ceil((SERIAL_RANDOM_CHARACTERS * 5) / 8);

export interface SerialParts {
  readonly provinceCode: string;
  /** A short code for the program, e.g. SSO for safeSecurityOrder. */
  readonly programCode: string;
  readonly year: number;
  readonly sequence: number;
  /** The random part without dashes (12 Crockford characters); absent in serials issued before it. */
  readonly random?: string;
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

/**
 * The random part of a serial from random bytes (at least `SERIAL_RANDOM_BYTES`; the caller draws
 * them from a cryptographic source, e.g. `crypto.randomBytes`): 12 Crockford characters, 60 bits.
 */
export function serialRandomPart(bytes: Uint8Array): string {
  if (bytes.length < SERIAL_RANDOM_BYTES) throw new Error(`a serial's random part needs ${SERIAL_RANDOM_BYTES} random bytes`);
  let bits = 0n;
  for (const byte of bytes.subarray(0, SERIAL_RANDOM_BYTES)) bits = (bits << 8n) | BigInt(byte);
  let out = '';
  for (let i = 0; i < SERIAL_RANDOM_CHARACTERS; i++) {
    out = CROCKFORD[Number(bits & 31n)]! + out;
    bits >>= 5n;
  }
  return out;
}

const grouped = (random: string) => random.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');

export function formatCertificateSerial(parts: SerialParts): string {
  const head = `${parts.provinceCode}-${parts.programCode}-${parts.year}-${String(parts.sequence).padStart(6, '0')}`;
  const body = parts.random === undefined ? head : `${head}-${grouped(parts.random)}`;
  return `${body}-${checkCharacter(body)}`;
}

/** A typed serial tidied: spaces dropped, upper case, and in the random part I/L read as 1, O as 0. */
export function normaliseCertificateSerial(serial: string): string {
  const upper = serial.replace(/\s+/g, '').toUpperCase();
  const match = /^(\d{2}-[A-Z]{1,4}-\d{4}-\d{6}-)(.*)$/.exec(upper);
  if (!match) return upper;
  const rest = match[2]!;
  // The last character is the check character (any of ALPHABET); only the random groups are Crockford.
  const groups = rest.slice(0, -1).replace(/[IL]/g, '1').replace(/O/g, '0');
  return `${match[1]}${groups}${rest.slice(-1)}`;
}

/** The parts of a serial, or undefined when it is malformed or its check character is wrong. */
export function parseCertificateSerial(serial: string): SerialParts | undefined {
  const group = `[${CROCKFORD}]{${GROUP}}`;
  const pattern = new RegExp(`^(\\d{2})-([A-Z]{1,4})-(\\d{4})-(\\d{6})(?:-(${group}(?:-${group}){${SERIAL_RANDOM_CHARACTERS / GROUP - 1}}))?-([0-9A-Z])$`);
  const match = pattern.exec(normaliseCertificateSerial(serial));
  if (!match) return undefined;
  const [, provinceCode, programCode, year, sequence, random, check] = match;
  const parts: SerialParts = {
    provinceCode: provinceCode!,
    programCode: programCode!,
    year: Number(year),
    sequence: Number(sequence),
    ...(random !== undefined && { random: random.replaceAll('-', '') }),
  };
  const body = formatCertificateSerial(parts).slice(0, -2);
  if (checkCharacter(body) !== check) return undefined;
  return parts;
}
