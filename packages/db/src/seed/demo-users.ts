import { randomUUID } from 'node:crypto';
import { hashPassword } from '../identity/passwords.ts';
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
  user: { username: string; displayName: string; password: string; role: string; scopePath: string },
): Promise<string> {
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO "User" (id, username, "displayName", "passwordHash") VALUES ($1, $2, $3, $4)', [id, user.username, user.displayName, await hashPassword(user.password)]);
    await tx.query('INSERT INTO "RoleGrant" (id, "userId", role, "scopePath") VALUES ($1, $2, $3, $4)', [randomUUID(), id, user.role, user.scopePath]);
  });
  return id;
}

export async function insertDemoUsers(db: SqlExecutor): Promise<number> {
  let inserted = 0;
  const existing = new Set((await db.query<{ username: string }>('SELECT username FROM "User"')).map((row) => row.username));
  for (const user of DEMO_USERS) {
    if (existing.has(user.username)) continue;
    await createUserWithGrant(db, { ...user, password: DEMO_PASSWORD });
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
