import { cacheExchange, Client, fetchExchange, mapExchange, subscriptionExchange, type CombinedError, type Exchange } from '@urql/core';
import { useMemo } from 'react';
import { navigate } from './router.tsx';
import { authHeaders, loginHref, LOGIN_PATH, sessionStore, useSession, type SessionStore } from './session.ts';
import { sseForwarder } from './sse-subscriptions.ts';

/**
 * The admin's one GraphQL client. It talks to `/graphql` on its own origin: the vite dev and preview
 * servers forward that path to the API (`API_URL`), and a production deployment serves both behind
 * one host. Every request carries the signed-in session's bearer token; an UNAUTHENTICATED answer
 * (expired or revoked session) signs the person out and sends them to the login page. The document
 * cache keeps pages instant when going back and forth; it belongs to one session (see useUrqlClient).
 * Subscriptions (`useSubscription`) are server-sent event streams on the same URL (sse-subscriptions.ts).
 */

const ACCEPT = 'application/graphql-response+json, application/json';

/** Whether the API refused the request for want of a valid sign-in (`extensions.code`). */
export function isUnauthenticated(error: CombinedError | undefined): boolean {
  return error?.graphQLErrors.some((graphQLError) => graphQLError.extensions?.['code'] === 'UNAUTHENTICATED') ?? false;
}

/** The request headers for the session currently in `store`. */
export function requestHeaders(store: SessionStore): Record<string, string> {
  return { accept: ACCEPT, ...authHeaders(store.get()) };
}

function currentHref(): string {
  return window.location.pathname + window.location.search;
}

/** Sends the person to the login page, remembering where they were. */
export function goToLogin(): void {
  if (window.location.pathname === LOGIN_PATH) return;
  navigate(loginHref(currentHref()), { replace: true });
}

/** On UNAUTHENTICATED: forget the token (it is no longer good) and call `onSignedOut`. */
export function authErrorExchange(store: SessionStore, onSignedOut: () => void): Exchange {
  return mapExchange({
    onError(error) {
      if (!isUnauthenticated(error)) return;
      store.clear();
      onSignedOut();
    },
  });
}

export interface UrqlClientOptions {
  readonly url?: string;
  readonly store?: SessionStore;
  readonly onSignedOut?: () => void;
  /** The browser's by default; tests pass a fake API. */
  readonly fetch?: typeof globalThis.fetch;
}

export function createUrqlClient(options: UrqlClientOptions = {}): Client {
  const store = options.store ?? sessionStore;
  const url = options.url ?? '/graphql';
  const subscriptions = sseForwarder({
    url,
    headers: () => authHeaders(store.get()),
    active: () => store.get() !== null,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return new Client({
    url,
    exchanges: [cacheExchange, authErrorExchange(store, options.onSignedOut ?? goToLogin), subscriptionExchange({ forwardSubscription: subscriptions }), fetchExchange],
    requestPolicy: 'cache-first',
    // A function, so each request reads the token as it is now.
    fetchOptions: () => ({ headers: requestHeaders(store) }),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/** A fresh client (and so an empty cache) for each session: one person's data never shows for the next. */
export function useUrqlClient(store: SessionStore = sessionStore): Client {
  const token = useSession(store)?.token;
  return useMemo(() => createUrqlClient({ store }), [store, token]);
}
