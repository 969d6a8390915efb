import { maxRequestBodyBytes, type Database } from '@antt/db';
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, maskError as maskYogaError, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { todayIso, type Context } from './context.ts';
import { createEventBus, type EventBus } from './events/bus.ts';
import { authenticate } from './identity/actor.ts';
import { auditRefusals } from './identity/refusals.ts';
import { Limits } from './identity/throttle.ts';
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
  /** Answer `__schema` / `__type` queries. Default: true (production turns it off, see env.ts). */
  readonly introspection?: boolean;
  /** Origins a browser may call from with credentials; any other gets no CORS headers. Default: none. */
  readonly corsOrigins?: readonly string[];
  /** The clock of sign-in throttling and rate limits (tests stop it); default: the real time. */
  readonly now?: () => Date;
  /** Behind a reverse proxy: the client address is the last `X-Forwarded-For` entry. Default: the socket's. */
  readonly trustProxy?: boolean;
}

/** The caller's address: the socket's (Node's http server context), or the proxy's word when trusted. */
function clientAddress(request: Request, serverContext: Record<string, unknown>, trustProxy: boolean): string | null {
  const forwarded = trustProxy ? request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined;
  const socket = (serverContext['req'] as { socket?: { remoteAddress?: string } } | undefined)?.socket;
  const address = forwarded || socket?.remoteAddress || null;
  return address?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '') ?? null;
}

export type Api = YogaServerInstance<Record<string, unknown>, Context>;

const noIntrospection: Plugin = { onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) };

/** The GraphQL server as a fetch handler: `server.ts` listens with it, tests call `api.fetch`. */
export function createApi(options: ApiOptions): Api {
  const events = options.events ?? createEventBus();
  const limits = new Limits(options.now);
  const origins = new Set(options.corsOrigins ?? []);
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphiql: options.graphiql ?? false,
    landingPage: false,
    // Only listed origins get CORS headers (with credentials); yoga's default reflects any Origin.
    cors: (request) => {
      const origin = request.headers.get('origin');
      return origin && origins.has(origin) ? { origin: [origin], credentials: true, methods: ['GET', 'POST'] } : false;
    },
    // The largest import file, base64-encoded, and the query around it; a larger body is never read.
    maxRequestBodySize: maxRequestBodyBytes(),
    plugins: [
      bodyLimitPlugin(maxRequestBodyBytes()),
      ...queryLimitPlugins({ ...DEFAULT_QUERY_LIMITS, ...options.limits }),
      auditRefusals(),
      ...(options.introspection === false ? [noIntrospection] : []),
    ],
    context: async ({ request, ...serverContext }) => ({
      clientAddress: clientAddress(request, serverContext, options.trustProxy ?? false),
      limits,
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
