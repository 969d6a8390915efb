import { describe, expect, it, vi } from 'vitest';
import { authHeaders, createSessionStore, loginHref, safeNext, SESSION_KEY, type Session } from './session.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

const NOW = Date.parse('2026-03-01T08:00:00Z');
const session: Session = { token: 'ses_abc', displayName: 'Quản trị Hải Phòng', expiresAt: '2026-03-02T20:00:00.000Z' };

describe('session store', () => {
  it('starts signed out, keeps a session in storage and forgets it on clear', () => {
    const storage = memoryStorage();
    const store = createSessionStore(storage, () => NOW);
    const onChange = vi.fn();
    store.subscribe(onChange);
    expect(store.get()).toBeNull();

    store.set(session);
    expect(store.get()).toEqual(session);
    expect(JSON.parse(storage.items.get(SESSION_KEY)!)).toEqual(session);
    expect(onChange).toHaveBeenCalledTimes(1);

    store.clear();
    expect(store.get()).toBeNull();
    expect(storage.items.has(SESSION_KEY)).toBe(false);
    expect(onChange).toHaveBeenCalledTimes(2);
    store.clear();
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('reads the session a reload left in storage, and returns the same object until it changes', () => {
    const store = createSessionStore(memoryStorage({ [SESSION_KEY]: JSON.stringify(session) }), () => NOW);
    expect(store.get()).toEqual(session);
    expect(store.get()).toBe(store.get());
  });

  it('treats an expired, malformed or incomplete session as signed out', () => {
    const later = createSessionStore(memoryStorage({ [SESSION_KEY]: JSON.stringify(session) }), () => Date.parse('2026-03-03T00:00:00Z'));
    expect(later.get()).toBeNull();
    for (const raw of ['not json', 'null', '{"token":""}', JSON.stringify({ ...session, expiresAt: 5 })]) {
      expect(createSessionStore(memoryStorage({ [SESSION_KEY]: raw }), () => NOW).get(), raw).toBeNull();
    }
  });

  it('stops notifying after unsubscribe', () => {
    const store = createSessionStore(memoryStorage(), () => NOW);
    const onChange = vi.fn();
    store.subscribe(onChange)();
    store.set(session);
    expect(onChange).not.toHaveBeenCalled();
  });
});

describe('auth header', () => {
  it('is a bearer token while signed in and absent otherwise', () => {
    expect(authHeaders(session)).toEqual({ authorization: 'Bearer ses_abc' });
    expect(authHeaders(null)).toEqual({});
  });
});

describe('returning after login', () => {
  it('accepts only paths on this origin, never the login page', () => {
    expect(safeNext('/units?search=hai+phong')).toBe('/units?search=hai+phong');
    for (const next of [null, undefined, '', 'https://evil.example', '//evil.example', '/\\evil.example', '/login', '/login?next=/units']) {
      expect(safeNext(next), String(next)).toBe('/');
    }
  });

  it('remembers the page in the login link', () => {
    expect(loginHref('/')).toBe('/login');
    expect(loginHref('/?area=31&year=2026')).toBe('/login?next=%2F%3Farea%3D31%26year%3D2026');
    expect(loginHref('/login?next=%2Funits')).toBe('/login');
  });
});
