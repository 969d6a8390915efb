import { describe, expect, it } from 'vitest';
import { commonArea, criteriaSetArea, homeArea, mayExtendOwner, mayReadAuditEvent, mayReadCriteriaSet, overlapsScopes, pathAndAncestors } from './visibility.ts';

const NATION = { scope: 'national' } as const;
const HAI_PHONG = { scope: 'province', provinceCode: '31' } as const;
const HA_NOI = { scope: 'province', provinceCode: '01' } as const;

describe('criteria sets', () => {
  it('belong to their province, or to the nation', () => {
    expect(criteriaSetArea(HAI_PHONG)).toBe('31');
    expect(criteriaSetArea(NATION)).toBe('');
    expect(criteriaSetArea({ scope: 'national', provinceCode: null })).toBe('');
  });

  it.each([
    // scopes of criteria.read, area of the set, readable?
    [['31'], '', true],
    [['31'], '31', true],
    [['31'], '01', false],
    [['31/10507'], '31', true],
    [['31/10507/TH01'], '31', true],
    [['31/10507'], '01', false],
    [[''], '01', true],
    [['01', '31'], '31', true],
    [[], '', false],
    [[], '31', false],
    // A scope that merely starts with the same digits is another unit.
    [['3'], '31', false],
    [['311'], '31', false],
  ] as const)('a reader in %j reads a set of "%s": %s', (scopes, area, expected) => {
    expect(mayReadCriteriaSet(scopes, area)).toBe(expected);
  });

  it.each([
    [HAI_PHONG, NATION, true],
    [HAI_PHONG, HAI_PHONG, true],
    [HAI_PHONG, HA_NOI, false],
    [NATION, NATION, true],
    [NATION, HAI_PHONG, false],
  ] as const)('a set of %j may extend one of %j: %s', (child, parent, expected) => {
    expect(mayExtendOwner(child, parent)).toBe(expected);
  });
});

describe('audit events', () => {
  it.each([
    [['31'], '31/10507/TH01', true],
    [['31'], '31', true],
    [['31'], '01/00004', false],
    [['31'], '', false],
    [['31'], null, false],
    [['31/10507'], '31', false],
    [[''], null, true],
    [[''], '01', true],
    [[], '31', false],
  ] as const)('a reader in %j reads an event of %j: %s', (scopes, area, expected) => {
    expect(mayReadAuditEvent(scopes, area)).toBe(expected);
  });
});

describe('paths', () => {
  it('overlap when either holds the other', () => {
    expect(overlapsScopes('31', ['31/10507'])).toBe(true);
    expect(overlapsScopes('31/10507', ['31'])).toBe(true);
    expect(overlapsScopes('31/10507', ['31/10510'])).toBe(false);
    expect(overlapsScopes('01', [''])).toBe(true);
    expect(overlapsScopes('01', [])).toBe(false);
  });

  it('list a path with its ancestors', () => {
    expect(pathAndAncestors('31/10507/TH01')).toEqual(['31', '31/10507', '31/10507/TH01']);
    expect(pathAndAncestors('31')).toEqual(['31']);
    expect(pathAndAncestors('')).toEqual(['']);
  });

  it('give a person the area of all their grants', () => {
    expect(homeArea([{ scopePath: '31' }, { scopePath: '31/10507' }])).toBe('31');
    expect(homeArea([{ scopePath: '31/10507/10507-KDC01' }])).toBe('31/10507/10507-KDC01');
    expect(homeArea([{ scopePath: '31' }, { scopePath: '01' }])).toBe('');
    expect(homeArea([])).toBe('');
  });

  it('share the deepest common area', () => {
    expect(commonArea(['31/10507', '31/10510'])).toBe('31');
    expect(commonArea(['31/10507/TH01', '31/10507'])).toBe('31/10507');
    expect(commonArea(['31', '01'])).toBe('');
    expect(commonArea(['31'])).toBe('31');
    expect(commonArea([])).toBe('');
  });
});
