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
  /** Load the seed (units, templates, demo province) at start; idempotent. */
  /** Query limits (see src/limits.ts): a document over any of them is refused before it runs. */
  GRAPHQL_MAX_DEPTH: limit(DEFAULT_QUERY_LIMITS.maxDepth),
  GRAPHQL_MAX_ALIASES: limit(DEFAULT_QUERY_LIMITS.maxAliases),
  GRAPHQL_MAX_DIRECTIVES: limit(DEFAULT_QUERY_LIMITS.maxDirectives),
  GRAPHQL_MAX_TOKENS: limit(DEFAULT_QUERY_LIMITS.maxTokens),
  GRAPHQL_MAX_COST: limit(DEFAULT_QUERY_LIMITS.maxCost),
  SEED_ON_START: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
});

export type Env = z.infer<typeof envSchema>;

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
  return parsed.data;
}
