import { z } from 'zod';

/** Empty strings count as unset, so `REDIS_URL= pnpm start` runs without Redis. */
const redisUrl = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z.string().trim().regex(/^rediss?:\/\/./, 'must be a redis:// or rediss:// URL').optional(),
);

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
  SEED_ON_START: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
});

export type Env = z.infer<typeof envSchema>;

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}
