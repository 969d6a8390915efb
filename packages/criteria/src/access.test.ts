import { describe, expect, it } from 'vitest';
import { can, canGrant, grantsFor, isWithin, PERMISSION_TITLES_VI, readableScopes, refusalVi, ROLE_PERMISSIONS, type Grant } from './access.ts';

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
