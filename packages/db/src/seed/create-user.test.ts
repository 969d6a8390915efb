import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../client.ts';
import { verifyPassword } from '../identity/passwords.ts';

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'antt-create-user-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function run(args: string[], password = 'mật khẩu quản trị đủ dài') {
  return spawnSync('pnpm', ['--filter', '@antt/db', 'create-user', ...args], {
    cwd: packageDir,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', PGLITE_DATA_DIR: dataDir, ANTT_NEW_PASSWORD: password },
  });
}

describe('create-user (the first administrator)', () => {
  it('works as the README writes it, with the `--` pnpm passes through, and refuses an unknown role', () => {
    const created = run(['--', '--username', 'quantri', '--role', 'nationalAdmin', '--name', 'Cục V05']);
    expect(created.stderr).not.toContain('ERR_PARSE_ARGS');
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('created quantri as nationalAdmin on ""');

    const plain = run(['--username', 'haiphong.admin', '--role', 'provinceAdmin', '--scope', '31']);
    expect(plain.status).toBe(0);

    const wrongRole = run(['--username', 'x', '--role', 'emperor']);
    expect(wrongRole.status).toBe(2);
    expect(wrongRole.stderr).toContain('no role "emperor"');
  }, 120_000);

  it('stored both users with their grant and a hash of the password', async () => {
    const db = await createDatabase({ pglite: true, dataDir });
    try {
      const rows = await db.query<{ username: string; displayName: string; passwordHash: string; role: string; scopePath: string }>(
        'SELECT u.username, u."displayName", u."passwordHash", g.role, g."scopePath" FROM "User" u JOIN "RoleGrant" g ON g."userId" = u.id ORDER BY u.username',
      );
      expect(rows.map(({ passwordHash: _, ...row }) => row)).toEqual([
        { username: 'haiphong.admin', displayName: 'haiphong.admin', role: 'provinceAdmin', scopePath: '31' },
        { username: 'quantri', displayName: 'Cục V05', role: 'nationalAdmin', scopePath: '' },
      ]);
      expect(await verifyPassword('mật khẩu quản trị đủ dài', rows[1]!.passwordHash)).toBe(true);
    } finally {
      await db.close();
    }
  });
});
