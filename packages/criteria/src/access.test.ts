import { describe, expect, it } from 'vitest';
import { broadestScope, can, canGrant, grantsFor, landingArea, isWithin, mayManageUser, passwordIssues, PERMISSION_TITLES_VI, provinceOfScope, readableScopes, refusalVi, ROLE_PERMISSIONS, usernameIssues, type Grant } from './access.ts';

const haiPhongAdmin: Grant[] = [{ role: 'provinceAdmin', scopePath: '31' }];
const communePolice: Grant[] = [{ role: 'communePoliceOfficer', scopePath: '31/10507' }];

describe('access by role and subtree', () => {
  it.each([
    ['31', '31', true],
    ['31/10507', '31', true],
    ['31/10507/10507-KDC01', '31/10507', true],
    ['310/1', '31', false],
    ['30/001', '31', false],
    ['31', '31/10507', false],
    ['01/00004', '', true],
  ])('%s within %s: %s', (path, scope, expected) => {
    expect(isWithin(path, scope)).toBe(expected);
  });

  it('lets a province admin act in its province only', () => {
    expect(can(haiPhongAdmin, 'criteria.publish', '31/10507')).toBe(true);
    expect(can(haiPhongAdmin, 'criteria.publish', '30/001/10001')).toBe(false);
    expect(can(haiPhongAdmin, 'assessments.read', '01')).toBe(false);
  });

  it('lets commune police record in their commune, never above it', () => {
    expect(can(communePolice, 'assessments.record', '31/10507/10507-KDC03')).toBe(true);
    expect(can(communePolice, 'assessments.record', '31')).toBe(false);
    expect(can(communePolice, 'criteria.publish', '31/10507')).toBe(false);
  });

  it('a viewer reads but never writes; a partner app reads reports only', () => {
    const viewer: Grant[] = [{ role: 'viewer', scopePath: '31' }];
    expect(can(viewer, 'reports.read', '31/10507')).toBe(true);
    expect(Object.entries(ROLE_PERMISSIONS.viewer).length).toBeGreaterThan(0);
    expect(['assessments.record', 'criteria.author', 'workflow.act', 'units.import'].some((p) => can(viewer, p as never, '31'))).toBe(false);
    expect(can([{ role: 'partnerApp', scopePath: '' }], 'assessments.read', '31')).toBe(false);
  });

  it('folds nested scopes for list filters', () => {
    const grants: Grant[] = [
      { role: 'viewer', scopePath: '31/10507' },
      { role: 'provinceAdmin', scopePath: '31' },
      { role: 'unitHead', scopePath: '79/26734/26734-KDC01' },
      { role: 'partnerApp', scopePath: '01' },
    ];
    expect(readableScopes(grants, 'assessments.read')).toEqual(['31', '79/26734/26734-KDC01']);
    expect(grantsFor(grants, 'reports.read', '31/10507').map((g) => g.role).sort()).toEqual(['provinceAdmin', 'viewer']);
  });

  it('grants only within the granter’s subtree and never beyond its role', () => {
    expect(canGrant(haiPhongAdmin, 'communePoliceOfficer', '31/10507')).toBe(true);
    expect(canGrant(haiPhongAdmin, 'viewer', '30')).toBe(false);
    expect(canGrant(haiPhongAdmin, 'nationalAdmin', '')).toBe(false);
    expect(canGrant(communePolice, 'viewer', '31/10507')).toBe(false);
    expect(canGrant([{ role: 'nationalAdmin', scopePath: '' }], 'nationalAdmin', '')).toBe(true);
  });
});

describe('refusalVi', () => {
  it('says who may not do what, in Vietnamese, keeping the stable permission id', () => {
    expect(refusalVi('user:haiphong', 'assessments.open', 'đơn vị 00004')).toBe('user:haiphong không có quyền mở kỳ đánh giá (assessments.open) đối với đơn vị 00004');
    expect(refusalVi('apiKey:key_demo…', 'reports.read')).toBe('apiKey:key_demo… không có quyền xem báo cáo (reports.read)');
  });

  it('names every permission', () => {
    for (const permission of new Set(Object.values(ROLE_PERMISSIONS).flat())) expect(PERMISSION_TITLES_VI[permission]).toMatch(/\p{L}/u);
  });
});

describe('managing accounts', () => {
  const national: Grant[] = [{ role: 'nationalAdmin', scopePath: '' }];
  it.each([
    ['a province admin, a viewer of its province', haiPhongAdmin, [{ scopePath: '31' }], true],
    ['a province admin, a commune officer inside it', haiPhongAdmin, [{ scopePath: '31/10507' }], true],
    ['a province admin, a user of another province', haiPhongAdmin, [{ scopePath: '01' }], false],
    ['a province admin, a user also holding a role elsewhere', haiPhongAdmin, [{ scopePath: '31' }, { scopePath: '01/00004' }], false],
    ['a province admin, a national user', haiPhongAdmin, [{ scopePath: '' }], false],
    ['a province admin, a user with no grant', haiPhongAdmin, [], false],
    ['a province admin, a code sharing the prefix', haiPhongAdmin, [{ scopePath: '310' }], false],
    ['the national admin, anyone', national, [{ scopePath: '01' }, { scopePath: '31' }], true],
    ['the national admin, a user with no grant', national, [], true],
    ['a commune officer, a village head below it', communePolice, [{ scopePath: '31/10507/10507-KDC01' }], false],
  ])('%s: %s', (_label, grants, userGrants, expected) => {
    expect(mayManageUser(grants, userGrants)).toBe(expected);
  });

  it('asks for 12 characters and not the username', () => {
    expect(passwordIssues('haiphong', 'dài-đủ-mười-hai')).toEqual([]);
    expect(passwordIssues('haiphong', 'ngắn quá').map((i) => i.code)).toEqual(['weakPassword']);
    expect(passwordIssues('haiphong.canbo', 'HaiPhong.CanBo')).toEqual([{ code: 'weakPassword', path: 'newPassword', message: 'mật khẩu không được trùng tên đăng nhập' }]);
    expect(passwordIssues('abc', 'abc')).toHaveLength(2);
  });

  it.each([
    ['canbo.haiphong', true],
    ['ab', false],
    ['Cán bộ', false],
    ['.dot', false],
    ['a'.repeat(65), false],
  ])('username %s is acceptable: %s', (username, ok) => {
    expect(usernameIssues(username).length === 0).toBe(ok);
  });
});

describe('landingArea', () => {
  const grant = (scopePath: string, permissions = ['units.read', 'reports.read']) => ({ scopePath, permissions });

  it('opens on the root of the broadest grant carrying the permission', () => {
    expect(landingArea([grant('01/00004'), grant('01')], 'reports.read')).toBe('01');
    expect(landingArea([grant('91/25113')], 'reports.read')).toBe('25113');
    expect(landingArea([grant('04'), grant('01')], 'reports.read')).toBe('04');
  });

  it('opens a unit head on the commune of their unit', () => {
    expect(landingArea([grant('31/10507/10507-KDC01')], 'reports.read')).toBe('10507');
  });

  it('opens the nation on "" and nothing for a caller without the permission', () => {
    expect(landingArea([grant('33'), grant('')], 'reports.read')).toBe('');
    expect(landingArea([grant('33', ['units.read'])], 'reports.read')).toBeUndefined();
    expect(landingArea([], 'reports.read')).toBeUndefined();
  });

  it('names the broadest scope and its province', () => {
    expect(broadestScope([grant('31/10507'), grant('33', ['units.read']), grant('31')], 'reports.read')).toBe('31');
    expect(broadestScope([grant('33', ['units.read'])], 'reports.read')).toBeUndefined();
    expect(provinceOfScope('01/00004')).toBe('01');
    expect(provinceOfScope('')).toBe('');
  });
});
