import { gql } from '@urql/core';
import { describe, expect, it, vi } from 'vitest';
import { createSessionStore, type SessionStore } from './session.ts';
import { createUrqlClient, requestHeaders } from './urql.ts';

function memoryStore(): SessionStore {
  const items = new Map<string, string>();
  return createSessionStore({ getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value), removeItem: (key) => void items.delete(key) });
}

const viewerQuery = gql<{ viewer: { label: string } }>`
  query Viewer {
    viewer {
      label
    }
  }
`;

/** A fake API answering every request with `body`, recording the headers it was sent. */
function fakeApi(body: unknown) {
  const seen: Headers[] = [];
  const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
    seen.push(new Headers(init?.headers));
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  return { fetch, seen };
}

function client(store: SessionStore, fetch: typeof globalThis.fetch, onSignedOut = vi.fn()) {
  return { urql: createUrqlClient({ url: 'http://admin.local/graphql', store, onSignedOut, fetch }), onSignedOut };
}

const expiresAt = new Date(Date.now() + 3600_000).toISOString();

describe('request headers', () => {
  it('carry the token of the session as it is at each request', () => {
    const store = memoryStore();
    expect(requestHeaders(store)).not.toHaveProperty('authorization');
    store.set({ token: 'ses_1', displayName: 'A', expiresAt });
    expect(requestHeaders(store)['authorization']).toBe('Bearer ses_1');
    store.set({ token: 'ses_2', displayName: 'A', expiresAt });
    expect(requestHeaders(store)['authorization']).toBe('Bearer ses_2');
  });
});

describe('the admin client', () => {
  it('sends Authorization: Bearer with the stored token', async () => {
    const store = memoryStore();
    store.set({ token: 'ses_abc', displayName: 'Quản trị Hải Phòng', expiresAt });
    const api = fakeApi({ data: { viewer: { label: 'user:haiphong' } } });
    const { urql, onSignedOut } = client(store, api.fetch);
    const result = await urql.query(viewerQuery, {}).toPromise();
    expect(result.data?.viewer.label).toBe('user:haiphong');
    expect(api.seen[0]?.get('authorization')).toBe('Bearer ses_abc');
    expect(onSignedOut).not.toHaveBeenCalled();
    expect(store.get()?.token).toBe('ses_abc');
  });

  it('sends no Authorization header when signed out', async () => {
    const api = fakeApi({ data: { viewer: { label: 'x' } } });
    await client(memoryStore(), api.fetch).urql.query(viewerQuery, {}).toPromise();
    expect(api.seen[0]?.has('authorization')).toBe(false);
  });

  it('forgets the token and signs out on UNAUTHENTICATED', async () => {
    const store = memoryStore();
    store.set({ token: 'ses_revoked', displayName: 'A', expiresAt });
    const api = fakeApi({ data: null, errors: [{ message: 'Sign in first', extensions: { code: 'UNAUTHENTICATED' } }] });
    const { urql, onSignedOut } = client(store, api.fetch);
    const result = await urql.query(viewerQuery, {}).toPromise();
    expect(result.error?.graphQLErrors[0]?.extensions['code']).toBe('UNAUTHENTICATED');
    expect(store.get()).toBeNull();
    expect(onSignedOut).toHaveBeenCalledTimes(1);
  });

  it('keeps the session on FORBIDDEN: the person is signed in, just not allowed', async () => {
    const store = memoryStore();
    store.set({ token: 'ses_abc', displayName: 'A', expiresAt });
    const api = fakeApi({ data: null, errors: [{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }] });
    const { urql, onSignedOut } = client(store, api.fetch);
    const result = await urql.query(viewerQuery, {}).toPromise();
    expect(result.error?.graphQLErrors[0]?.extensions['code']).toBe('FORBIDDEN');
    expect(store.get()?.token).toBe('ses_abc');
    expect(onSignedOut).not.toHaveBeenCalled();
  });
});

describe('subscriptions', () => {
  const changes = gql<{ workflowChanged: { unitCode: string } }, { areaCode: string }>`
    subscription Changes($areaCode: String) {
      workflowChanged(areaCode: $areaCode) {
        unitCode
      }
    }
  `;

  /** A fake API answering with one server-sent event stream that ends with `complete`. */
  function streamingApi(events: readonly unknown[]) {
    const seen: Headers[] = [];
    const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      seen.push(new Headers(init?.headers));
      const text = events.map((event) => `event: next\ndata: ${JSON.stringify(event)}\n\n`).join('') + 'event: complete\ndata:\n\n';
      return new Response(text, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    });
    return { fetch, seen };
  }

  const received = (urql: ReturnType<typeof createUrqlClient>) =>
    new Promise<Array<{ data?: unknown; code?: unknown }>>((resolve) => {
      const results: Array<{ data?: unknown; code?: unknown }> = [];
      urql.subscription(changes, { areaCode: '10507' }).subscribe((result) => {
        results.push({ data: result.data, code: result.error?.graphQLErrors[0]?.extensions['code'] });
        if (results.length === 2 || result.error) resolve(results);
      });
    });

  it('stream over SSE from the same URL with the bearer header', async () => {
    const store = memoryStore();
    store.set({ token: 'ses_abc', displayName: 'A', expiresAt });
    const api = streamingApi([{ data: { workflowChanged: { unitCode: '10507-KDC01' } } }, { data: { workflowChanged: { unitCode: '10507-KDC02' } } }]);
    const results = await received(client(store, api.fetch).urql);
    expect(results.map((result) => result.data)).toEqual([{ workflowChanged: { unitCode: '10507-KDC01' } }, { workflowChanged: { unitCode: '10507-KDC02' } }]);
    expect(api.seen[0]?.get('accept')).toBe('text/event-stream');
    expect(api.seen[0]?.get('authorization')).toBe('Bearer ses_abc');
  });

  it('sign out on UNAUTHENTICATED, as queries do', async () => {
    const store = memoryStore();
    store.set({ token: 'ses_revoked', displayName: 'A', expiresAt });
    const api = streamingApi([{ errors: [{ message: 'Sign in first', extensions: { code: 'UNAUTHENTICATED' } }] }]);
    const { urql, onSignedOut } = client(store, api.fetch);
    expect(await received(urql)).toEqual([{ data: undefined, code: 'UNAUTHENTICATED' }]);
    expect(store.get()).toBeNull();
    expect(onSignedOut).toHaveBeenCalledTimes(1);
  });
});
