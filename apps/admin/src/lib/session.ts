import { useSyncExternalStore } from 'react';

/**
 * The signed-in session: the bearer token `login` returned and who it belongs to. It lives in
 * sessionStorage, so it survives a reload but not the tab, and every request reads it from here.
 */
export interface Session {
  readonly token: string;
  readonly displayName: string;
  /** ISO date-time; a session past it is treated as signed out. */
  readonly expiresAt: string;
}

export interface SessionStore {
  /** The current session, or null when signed out or expired. Stable between changes. */
  get(): Session | null;
  set(session: Session): void;
  clear(): void;
  subscribe(onChange: () => void): () => void;
}

export const SESSION_KEY = 'antt.admin.session';
export const LOGIN_PATH = '/login';

function parse(raw: string | null): Session | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Session> | null;
    if (typeof value?.token !== 'string' || !value.token) return null;
    if (typeof value.displayName !== 'string' || typeof value.expiresAt !== 'string') return null;
    return { token: value.token, displayName: value.displayName, expiresAt: value.expiresAt };
  } catch {
    return null;
  }
}

function expired(session: Session, now: number): boolean {
  const ends = Date.parse(session.expiresAt);
  return Number.isNaN(ends) || ends <= now;
}

export function createSessionStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>, now: () => number = Date.now): SessionStore {
  const listeners = new Set<() => void>();
  let current = parse(storage.getItem(SESSION_KEY));
  const notify = () => listeners.forEach((listener) => listener());
  return {
    get() {
      return current && !expired(current, now()) ? current : null;
    },
    set(session) {
      storage.setItem(SESSION_KEY, JSON.stringify(session));
      current = session;
      notify();
    },
    clear() {
      storage.removeItem(SESSION_KEY);
      if (current === null) return;
      current = null;
      notify();
    },
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
  };
}

/** `{ authorization: 'Bearer …' }` while signed in, nothing otherwise. */
export function authHeaders(session: Session | null): Record<string, string> {
  return session ? { authorization: `Bearer ${session.token}` } : {};
}

/** Where to return after signing in: only a path on this origin, never the login page itself. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === LOGIN_PATH || next.startsWith(`${LOGIN_PATH}?`)) return '/';
  return next;
}

/** The login page, remembering the page the person was on. */
export function loginHref(current: string): string {
  const next = safeNext(current);
  return next === '/' ? LOGIN_PATH : `${LOGIN_PATH}?next=${encodeURIComponent(next)}`;
}

export const sessionStore: SessionStore = createSessionStore(
  typeof window === 'undefined'
    ? { getItem: () => null, setItem: () => undefined, removeItem: () => undefined }
    : window.sessionStorage,
);

export function useSession(store: SessionStore = sessionStore): Session | null {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
