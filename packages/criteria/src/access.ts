import type { WorkflowRole } from './workflow.ts';

/*
 * Who may do what, as data. A role is granted on a unit subtree (the nation, a province, a commune,
 * one village…) and holds everywhere below it. Pure: the API resolves a caller's grants and asks.
 */

export type Permission =
  | 'units.read'
  | 'units.import'
  | 'criteria.read'
  | 'criteria.author'
  | 'criteria.publish'
  | 'assessments.read'
  | 'assessments.record'
  | 'assessments.open'
  | 'workflow.act'
  | 'workflow.unlock'
  | 'reports.read'
  | 'targets.manage'
  | 'users.grant'
  | 'audit.read';

const READ: readonly Permission[] = ['units.read', 'criteria.read', 'assessments.read', 'reports.read'];

/** What each permission is called in a refusal a person reads. */
export const PERMISSION_TITLES_VI: Readonly<Record<Permission, string>> = {
  'units.read': 'xem đơn vị',
  'units.import': 'nhập đơn vị',
  'criteria.read': 'xem bộ tiêu chí',
  'criteria.author': 'soạn bộ tiêu chí',
  'criteria.publish': 'ban hành bộ tiêu chí',
  'assessments.read': 'xem kết quả đánh giá',
  'assessments.record': 'ghi kết quả đánh giá',
  'assessments.open': 'mở kỳ đánh giá',
  'workflow.act': 'xử lý hồ sơ công nhận',
  'workflow.unlock': 'mở khoá hồ sơ đã quyết định',
  'reports.read': 'xem báo cáo',
  'targets.manage': 'quản lý mục tiêu',
  'users.grant': 'quản lý người dùng và quyền',
  'audit.read': 'xem nhật ký',
};

/**
 * The sentence a refusal says, in Vietnamese: who, which permission (its title and its stable id)
 * and on what ("đơn vị 10507"; nothing for a refusal that is not about one place).
 */
export function refusalVi(actorLabel: string, permission: Permission, what?: string): string {
  return `${actorLabel} không có quyền ${PERMISSION_TITLES_VI[permission]} (${permission})${what ? ` đối với ${what}` : ''}`;
}

/** What each role may do inside its subtree. Data, so a deployment can review it in one place. */
export const ROLE_PERMISSIONS: Readonly<Record<WorkflowRole, readonly Permission[]>> = {
  nationalAdmin: [...READ, 'units.import', 'criteria.author', 'criteria.publish', 'targets.manage', 'assessments.open', 'assessments.record', 'workflow.act', 'workflow.unlock', 'users.grant', 'audit.read'],
  provinceAdmin: [...READ, 'units.import', 'criteria.author', 'criteria.publish', 'targets.manage', 'assessments.open', 'assessments.record', 'workflow.act', 'workflow.unlock', 'users.grant', 'audit.read'],
  communePoliceOfficer: [...READ, 'assessments.open', 'assessments.record', 'workflow.act'],
  steeringCommitteeMember: [...READ, 'workflow.act'],
  peoplesCommitteeApprover: [...READ, 'workflow.act'],
  provincialPoliceOfficer: [...READ, 'assessments.record', 'workflow.act'],
  ministryOfficer: [...READ, 'workflow.act'],
  unitHead: [...READ, 'assessments.record', 'workflow.act'],
  viewer: READ,
  partnerApp: ['units.read', 'criteria.read', 'reports.read'],
};

/** A role held on a subtree: `scopePath` is the path of codes of its root ("31", "31/10507"); '' is the nation. */
export interface Grant {
  readonly role: WorkflowRole;
  readonly scopePath: string;
}

/** Whether `path` (a unit's chain of codes) lies in the subtree rooted at `scopePath`. */
export function isWithin(path: string, scopePath: string): boolean {
  return scopePath === '' || path === scopePath || path.startsWith(`${scopePath}/`);
}

export function rolePermits(role: WorkflowRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** The grants that allow `permission` on the unit at `path` (empty: forbidden). */
export function grantsFor(grants: readonly Grant[], permission: Permission, path: string): Grant[] {
  return grants.filter((grant) => rolePermits(grant.role, permission) && isWithin(path, grant.scopePath));
}

export function can(grants: readonly Grant[], permission: Permission, path: string): boolean {
  return grantsFor(grants, permission, path).length > 0;
}

/**
 * The subtrees in which the caller holds `permission`, with nested ones folded into their parent:
 * what list queries and reports filter by. `['']` means the whole country.
 */
export function readableScopes(grants: readonly Grant[], permission: Permission): string[] {
  const scopes = [...new Set(grants.filter((grant) => rolePermits(grant.role, permission)).map((grant) => grant.scopePath))].sort(
    (a, b) => a.length - b.length,
  );
  const kept: string[] = [];
  for (const scope of scopes) if (!kept.some((outer) => isWithin(scope, outer))) kept.push(scope);
  return kept;
}

/**
 * Whether a granter may hand out `role` on `scopePath`: inside a subtree where they may grant, never
 * more than their own role allows, and the national role only nationally.
 */
export function canGrant(grants: readonly Grant[], role: WorkflowRole, scopePath: string): boolean {
  if (role === 'nationalAdmin' && scopePath !== '') return false;
  return grants.some(
    (grant) =>
      rolePermits(grant.role, 'users.grant') &&
      isWithin(scopePath, grant.scopePath) &&
      (role !== 'nationalAdmin' || grant.role === 'nationalAdmin') &&
      ROLE_PERMISSIONS[role].every((permission) => rolePermits(grant.role, permission)),
  );
}

/**
 * Whether a caller may manage the account of a user holding `userGrants` (reset, deactivate, revoke,
 * list): every one of the user's grants lies inside a subtree where the caller may grant. A user with
 * no grant at all belongs to the nation. A province admin thus never acts on someone who also holds a
 * role in another province.
 */
export function mayManageUser(grants: readonly Grant[], userGrants: readonly { readonly scopePath: string }[]): boolean {
  const scopes = readableScopes(grants, 'users.grant');
  const held = userGrants.length > 0 ? userGrants.map((grant) => grant.scopePath) : [''];
  return held.every((path) => scopes.some((scope) => isWithin(path, scope)));
}

/** Passwords a person chooses: at least this many characters. */
export const MIN_PASSWORD_LENGTH = 12;

export interface AccountIssue {
  readonly code: 'weakPassword' | 'invalidUsername';
  readonly path: string;
  readonly message: string;
}

/** What is wrong with `password` as the new password of `username` (empty: acceptable). */
export function passwordIssues(username: string, password: string, path = 'newPassword'): AccountIssue[] {
  const issues: AccountIssue[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    issues.push({ code: 'weakPassword', path, message: `mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự` });
  }
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) {
    issues.push({ code: 'weakPassword', path, message: 'mật khẩu không được trùng tên đăng nhập' });
  }
  return issues;
}

/** Usernames: 3 to 64 of lower-case letters, digits, ".", "_" and "-", starting with a letter or digit. */
export function usernameIssues(username: string, path = 'username'): AccountIssue[] {
  return /^[a-z0-9][a-z0-9._-]{2,63}$/.test(username)
    ? []
    : [{ code: 'invalidUsername', path, message: 'tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, chữ số, ".", "_" hoặc "-", bắt đầu bằng chữ hoặc số' }];
}

/** A grant as the API describes it to its holder: where it holds and what it allows there. */
export interface DescribedGrant {
  readonly scopePath: string;
  readonly permissions: readonly string[];
}

/** The broadest of the grants carrying `permission` (the first of equals); undefined when none does. */
export function broadestScope(grants: readonly DescribedGrant[], permission: Permission): string | undefined {
  let broadest: string | undefined;
  for (const grant of grants) {
    if (!grant.permissions.includes(permission)) continue;
    if (broadest === undefined || depth(grant.scopePath) < depth(broadest)) broadest = grant.scopePath;
  }
  return broadest;
}

const depth = (scopePath: string) => scopePath.split('/').filter(Boolean).length;

/**
 * The area a person's pages open on: the root of their broadest grant carrying `permission`, as a
 * unit code. A grant on one unit below a commune (a residential area's head) opens on its commune,
 * since pages list the units below an area. '' is the whole country; undefined when no grant carries
 * the permission.
 */
export function landingArea(grants: readonly DescribedGrant[], permission: Permission): string | undefined {
  const scope = broadestScope(grants, permission);
  if (scope === undefined) return undefined;
  const codes = scope.split('/').filter(Boolean);
  return codes.length >= 3 ? codes[codes.length - 2]! : (codes.at(-1) ?? '');
}

/** The province of a grant's root ("01" for "01/00004"); '' for the whole country. */
export function provinceOfScope(scopePath: string): string {
  return scopePath.split('/')[0] ?? '';
}
