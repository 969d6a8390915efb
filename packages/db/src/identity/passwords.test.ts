import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import { newSecret, secretHash, secretHint } from './tokens.ts';

describe('passwords', () => {
  it('hashes at OWASP parameters (scrypt N=2^17, r=8, p=1), verifies the right password, NFC or not, and refuses others', async () => {
    const stored = await hashPassword('Mật khẩu an toàn 2026');
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(needsRehash(stored)).toBe(false);
    expect(await verifyPassword('Mật khẩu an toàn 2026', stored)).toBe(true);
    expect(await verifyPassword('Mật khẩu an toàn 2026'.normalize('NFD'), stored)).toBe(true);
    expect(await verifyPassword('mat khau an toan 2026', stored)).toBe(false);
    expect(await verifyPassword('x', 'md5$nope')).toBe(false);
  });

  it('still verifies hashes of older, weaker parameters and marks them for replacement', async () => {
    const old = await hashPassword('cũ nhưng đúng', { N: 2 ** 15, r: 8, p: 1 });
    expect(old).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('cũ nhưng đúng', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash('md5$nope')).toBe(true);
  });

  it('refuses stored parameters that would exhaust memory instead of trying them', async () => {
    expect(await verifyPassword('x', 'scrypt$1073741824$8$1$c2FsdA$aGFzaA')).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });
});

describe('secrets', () => {
  it('are random, hashed for storage and hinted for lists', () => {
    const secret = newSecret('key');
    expect(secret).toMatch(/^key_[A-Za-z0-9_-]{43}$/);
    expect(secretHash(secret)).toHaveLength(64);
    expect(secretHash(secret)).not.toBe(secretHash(newSecret('key')));
    expect(secretHint(secret)).toBe(`${secret.slice(0, 8)}…`);
  });
});
