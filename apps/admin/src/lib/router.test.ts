import { describe, expect, it } from 'vitest';
import { href, matchPath } from './router.tsx';

describe('matchPath', () => {
  it('reads parameters', () => {
    expect(matchPath('/criteria-sets/:setId/:version', '/criteria-sets/tt124-commune/1')).toEqual({ setId: 'tt124-commune', version: '1' });
    expect(matchPath('/units/:code', '/units/10660')).toEqual({ code: '10660' });
  });

  it('rejects other paths', () => {
    expect(matchPath('/units/:code', '/units')).toBeUndefined();
    expect(matchPath('/units', '/criteria-sets')).toBeUndefined();
    expect(matchPath('/', '/')).toEqual({});
  });
});

describe('href', () => {
  it('leaves out empty values', () => {
    expect(href('/units', { search: 'hai phong', asOf: '' })).toBe('/units?search=hai+phong');
    expect(href('/', {})).toBe('/');
  });
});
