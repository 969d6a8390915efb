import { createHash, randomBytes } from 'node:crypto';

/*
 * Session tokens and API keys are random secrets given to the client once; the database keeps only
 * their SHA-256, so a leaked table reveals no usable credential. Revocation and expiry live in the
 * rows the hashes point to.
 */

export function newSecret(prefix: 'ses' | 'key'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The part of an API key shown in lists so an admin can tell keys apart without seeing them. */
export function secretHint(secret: string): string {
  return `${secret.slice(0, 8)}…`;
}
