import { z } from 'zod';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './limits.ts';

/** Empty strings count as unset, so `REDIS_URL= pnpm start` runs without Redis. */
const redisUrl = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z.string().trim().regex(/^rediss?:\/\/./, 'must be a redis:// or rediss:// URL').optional(),
);

/** A positive whole number, or the default when unset or empty. */
const limit = (fallback: number) =>
  z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(1).default(fallback));

const flag = z.preprocess((value) => (value === '' ? undefined : value), z.enum(['true', 'false']).optional());

/** Origins as a browser sends them: scheme, host and port, nothing after. */
const origins = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z
    .string()
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'each origin is scheme://host[:port], e.g. https://antt.example.gov.vn')))
    .optional(),
);

/** The admin's dev server (`apps/admin`, port 5173) is the only cross-origin caller a development start expects. */
const DEVELOPMENT_ORIGINS = ['http://127.0.0.1:5173', 'http://localhost:5173'];

/** The API's whole configuration, read once and checked; nothing else reads `process.env`. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  /** Unset: the embedded PGlite database under `.data/`. `postgres://…`: a PostgreSQL server. */
  DATABASE_URL: z.string().url().optional(),
  /**
   * Unset: workflow events reach the subscribers of this process only. `redis://…`: every API instance
   * on the same Redis pushes them to its own subscribers (run several behind one address).
   */
  REDIS_URL: redisUrl,
  /** A Redis the tests may use for the several-instances suite; skipped when unset (CI sets it). */
  TEST_REDIS_URL: redisUrl,
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /**
   * Where the audit chain's signed head is kept, apart from the database (default `.data/audit-head.json`).
   * Put it where whoever administers the database cannot write.
   */
  AUDIT_HEAD_FILE: z.preprocess((value) => (value === '' ? undefined : value), z.string().trim().min(1).optional()),
  /** The key (≥ 32 characters) that signs the head; unset: one generated once into `.data/audit-head.key`. */
  AUDIT_HEAD_KEY: z.preprocess((value) => (value === '' ? undefined : value), z.string().min(32, 'must have at least 32 characters').optional()),
  /** Query limits (see src/limits.ts): a document over any of them is refused before it runs. */
  GRAPHQL_MAX_DEPTH: limit(DEFAULT_QUERY_LIMITS.maxDepth),
  GRAPHQL_MAX_ALIASES: limit(DEFAULT_QUERY_LIMITS.maxAliases),
  GRAPHQL_MAX_DIRECTIVES: limit(DEFAULT_QUERY_LIMITS.maxDirectives),
  GRAPHQL_MAX_TOKENS: limit(DEFAULT_QUERY_LIMITS.maxTokens),
  GRAPHQL_MAX_COST: limit(DEFAULT_QUERY_LIMITS.maxCost),
  /** Load the seed (units, templates, demo province) at start; idempotent. */
  SEED_ON_START: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /**
   * Also seed the demo province, its users and its partner key (published credentials). Default: yes
   * in development, no in production, where a start refuses to run while demo credentials are live
   * unless this is `true`.
   */
  SEED_DEMO: flag,
  /** `true` behind a reverse proxy: the client address is the last `X-Forwarded-For` entry, not the socket's. */
  TRUST_PROXY: flag,
  /** Origins allowed to call with credentials, comma-separated. Default: the admin's dev server; none in production. */
  CORS_ORIGINS: origins,
  /** Answer introspection queries. Default: yes, except in production. */
  GRAPHQL_INTROSPECTION: flag,
});

type RawEnv = z.infer<typeof envSchema>;

export interface Env extends Omit<RawEnv, 'SEED_DEMO' | 'TRUST_PROXY' | 'CORS_ORIGINS' | 'GRAPHQL_INTROSPECTION'> {
  readonly SEED_DEMO: boolean;
  readonly TRUST_PROXY: boolean;
  readonly CORS_ORIGINS: readonly string[];
  readonly GRAPHQL_INTROSPECTION: boolean;
}

export function queryLimitsOf(env: Env): QueryLimits {
  return {
    maxDepth: env.GRAPHQL_MAX_DEPTH,
    maxAliases: env.GRAPHQL_MAX_ALIASES,
    maxDirectives: env.GRAPHQL_MAX_DIRECTIVES,
    maxTokens: env.GRAPHQL_MAX_TOKENS,
    maxCost: env.GRAPHQL_MAX_COST,
  };
}

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  const raw = parsed.data;
  const production = raw.NODE_ENV === 'production';
  return {
    ...raw,
    SEED_DEMO: raw.SEED_DEMO === undefined ? !production : raw.SEED_DEMO === 'true',
    TRUST_PROXY: raw.TRUST_PROXY === 'true',
    CORS_ORIGINS: raw.CORS_ORIGINS ?? (production ? [] : DEVELOPMENT_ORIGINS),
    GRAPHQL_INTROSPECTION: raw.GRAPHQL_INTROSPECTION === undefined ? !production : raw.GRAPHQL_INTROSPECTION === 'true',
  };
}
