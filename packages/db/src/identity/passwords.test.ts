import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.ts';
import { newSecret, secretHash, secretHint } from './tokens.ts';

describe('passwords', () => {
  it('verifies the right password, NFC or not, and refuses others', async () => {
    const stored = await hashPassword('Mật khẩu an toàn 2026');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('Mật khẩu an toàn 2026', stored)).toBe(true);
    expect(await verifyPassword('Mật khẩu an toàn 2026'.normalize('NFD'), stored)).toBe(true);
    expect(await verifyPassword('mat khau an toan 2026', stored)).toBe(false);
    expect(await verifyPassword('x', 'md5$nope')).toBe(false);
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
