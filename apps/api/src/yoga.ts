import { maxRequestBodyBytes, type Database } from '@antt/db';
import { GraphQLError } from 'graphql';
import { createYoga, maskError as maskYogaError, type YogaServerInstance } from 'graphql-yoga';
import { todayIso, type Context } from './context.ts';
import { createEventBus, type EventBus } from './events/bus.ts';
import { authenticate } from './identity/actor.ts';
import { auditRefusals } from './identity/refusals.ts';
import { bodyLimitPlugin, DEFAULT_QUERY_LIMITS, queryLimitPlugins, type QueryLimits } from './limits.ts';
import { schema } from './schema/index.ts';

export interface ApiOptions {
  readonly db: Database;
  /** Fixes "today" (tests, restated reports); defaults to the real date per request. */
  readonly today?: () => string;
  readonly graphiql?: boolean;
  /**
   * Where workflow events travel. Default: this instance only, in memory. Give each instance its own
   * `createEventBus({ redisUrl })` on the same Redis to reach subscribers of every instance; whoever
   * creates a bus closes it.
   */
  readonly events?: EventBus;
  /** Sees every unexpected error before it is masked for the client; the server logs them. */
  readonly onUnexpectedError?: (error: unknown) => void;
  /** Depth, aliases, directives, tokens and cost a document may reach (default: DEFAULT_QUERY_LIMITS). */
  readonly limits?: Partial<QueryLimits>;
}

export type Api = YogaServerInstance<Record<string, unknown>, Context>;

/** The GraphQL server as a fetch handler: `server.ts` listens with it, tests call `api.fetch`. */
export function createApi(options: ApiOptions): Api {
  const events = options.events ?? createEventBus();
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphiql: options.graphiql ?? false,
    landingPage: false,
    // The largest import file, base64-encoded, and the query around it; a larger body is never read.
    maxRequestBodySize: maxRequestBodyBytes(),
    plugins: [bodyLimitPlugin(maxRequestBodyBytes()), ...queryLimitPlugins({ ...DEFAULT_QUERY_LIMITS, ...options.limits }), auditRefusals()],
    context: async ({ request }) => ({
      db: options.db,
      today: options.today?.() ?? todayIso(),
      auth: await authenticate(options.db, request.headers.get('authorization')),
      events,
    }),
    // Unexpected errors never reach clients with their stack or message; expected ones are typed results.
    maskedErrors: {
      maskError: (error, message, isDev) => {
        const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
        // Syntax and validation errors are the client's, reported as they are; only the rest is ours.
        const isClientError = original instanceof GraphQLError;
        if (!isClientError) options.onUnexpectedError?.(original);
        return maskYogaError(error, message, isDev);
      },
    },
  });
}
