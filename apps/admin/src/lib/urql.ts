import { cacheExchange, Client, fetchExchange } from '@urql/core';

/**
 * The admin's one GraphQL client. It talks to `/graphql` on its own origin: the vite dev and preview
 * servers forward that path to the API (`API_URL`), and a production deployment serves both behind
 * one host. The document cache keeps pages instant when going back and forth; the admin reads only.
 */
export function createUrqlClient(url = '/graphql'): Client {
  return new Client({
    url,
    exchanges: [cacheExchange, fetchExchange],
    requestPolicy: 'cache-first',
    fetchOptions: { headers: { accept: 'application/graphql-response+json, application/json' } },
  });
}

export const client = createUrqlClient();
