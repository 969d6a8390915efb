import { randomUUID } from 'node:crypto';
import { hashPassword, verifyPassword } from '../identity/passwords.ts';
import { secretHash, secretHint } from '../identity/tokens.ts';
import type { SqlExecutor } from '../sql.ts';

/*
 * One demo user per role for the demo province, listed in the README. Demo credentials only: a
 * real installation creates its own users and never runs with these.
 */

export const DEMO_PASSWORD = 'antt-demo-2026';
/** A partner application's key for the demo province (read units and reports). */
export const DEMO_PARTNER_KEY = 'key_demo-hai-phong-partner-read-only-0000000000';

export const DEMO_USERS: ReadonlyArray<{ username: string; displayName: string; role: string; scopePath: string }> = [
  { username: 'bocongan', displayName: 'Cục V05 (quản trị toàn quốc)', role: 'nationalAdmin', scopePath: '' },
  { username: 'haiphong', displayName: 'Quản trị TP Hải Phòng', role: 'provinceAdmin', scopePath: '31' },
  { username: 'catp.haiphong', displayName: 'Công an TP Hải Phòng', role: 'provincialPoliceOfficer', scopePath: '31' },
  { username: 'ca.thanhdong', displayName: 'Công an phường Thành Đông', role: 'communePoliceOfficer', scopePath: '31/10507' },
  { username: 'bcd.thanhdong', displayName: 'Ban Chỉ đạo phường Thành Đông', role: 'steeringCommitteeMember', scopePath: '31/10507' },
  { username: 'ubnd.thanhdong', displayName: 'UBND phường Thành Đông', role: 'peoplesCommitteeApprover', scopePath: '31/10507' },
  { username: 'truongkdc.thanhdong1', displayName: 'Tổ trưởng Tổ dân phố số 1, Thành Đông', role: 'unitHead', scopePath: '31/10507/10507-KDC01' },
  { username: 'xem.haiphong', displayName: 'Cán bộ xem báo cáo Hải Phòng', role: 'viewer', scopePath: '31' },
  { username: 'boconganbo', displayName: 'Bộ Công an (quyết định công nhận)', role: 'ministryOfficer', scopePath: '' },
];

/** Creates a user holding one role on one subtree (the first administrator of a new installation, a test user). */
export async function createUserWithGrant(
  db: SqlExecutor,
  user: { username: string; displayName: string; role: string; scopePath: string } & ({ password: string } | { passwordHash: string }),
): Promise<string> {
  const id = randomUUID();
  const passwordHash = 'passwordHash' in user ? user.passwordHash : await hashPassword(user.password);
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO "User" (id, username, "displayName", "passwordHash") VALUES ($1, $2, $3, $4)', [id, user.username, user.displayName, passwordHash]);
    await tx.query('INSERT INTO "RoleGrant" (id, "userId", role, "scopePath") VALUES ($1, $2, $3, $4)', [randomUUID(), id, user.role, user.scopePath]);
  });
  return id;
}

export async function insertDemoUsers(db: SqlExecutor): Promise<number> {
  let inserted = 0;
  const existing = new Set((await db.query<{ username: string }>('SELECT username FROM "User"')).map((row) => row.username));
  // One hash for all of them: the password is published anyway, and each scrypt costs ~0.5 s.
  let passwordHash: string | undefined;
  for (const user of DEMO_USERS) {
    if (existing.has(user.username)) continue;
    passwordHash ??= await hashPassword(DEMO_PASSWORD);
    await createUserWithGrant(db, { ...user, passwordHash });
    inserted++;
  }
  const keyHash = secretHash(DEMO_PARTNER_KEY);
  const key = await db.query(
    `INSERT INTO "ApiKey" (id, name, "keyHash", hint, "scopePath", permissions) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT ("keyHash") DO NOTHING RETURNING id`,
    [randomUUID(), 'Ứng dụng đối tác (demo, chỉ đọc)', keyHash, secretHint(DEMO_PARTNER_KEY), '31', ['units.read', 'reports.read', 'criteria.read']],
  );
  return inserted + key.length;
}

export interface LiveDemoCredentials {
  /** Demo usernames that still sign in with `DEMO_PASSWORD` (enabled accounts only). */
  readonly users: string[];
  /** Whether `DEMO_PARTNER_KEY` is stored, not revoked and not expired. */
  readonly partnerKey: boolean;
}

/**
 * What of the published demo credentials would still let someone in: checked at a production start,
 * which refuses to run while any is live. Each distinct stored hash is verified once.
 */
export async function liveDemoCredentials(db: SqlExecutor, now: Date = new Date()): Promise<LiveDemoCredentials> {
  const rows = await db.query<{ username: string; passwordHash: string }>(
    'SELECT username, "passwordHash" FROM "User" WHERE username = ANY($1) AND "disabledAt" IS NULL ORDER BY username',
    [DEMO_USERS.map((user) => user.username)],
  );
  const verdicts = new Map<string, Promise<boolean>>();
  for (const row of rows) if (!verdicts.has(row.passwordHash)) verdicts.set(row.passwordHash, verifyPassword(DEMO_PASSWORD, row.passwordHash));
  const users: string[] = [];
  for (const row of rows) if (await verdicts.get(row.passwordHash)) users.push(row.username);
  const keys = await db.query('SELECT 1 FROM "ApiKey" WHERE "keyHash" = $1 AND "revokedAt" IS NULL AND ("expiresAt" IS NULL OR "expiresAt" > $2)', [secretHash(DEMO_PARTNER_KEY), now]);
  return { users, partnerKey: keys.length > 0 };
}
