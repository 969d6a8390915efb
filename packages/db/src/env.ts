import { z } from 'zod';

const postgresUrl = z
  .string()
  .trim()
  .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL');

/** Empty strings count as unset, so `DATABASE_URL= pnpm …` falls back to PGlite. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const schema = z.object({
  /** PostgreSQL to use; unset means the embedded PGlite database. */
  DATABASE_URL: optional(postgresUrl),
  /** Where PGlite keeps its files; defaults to `.data/pglite` at the repository root. */
  PGLITE_DATA_DIR: optional(z.string().trim().min(1)),
  /** A PostgreSQL server the tests may create throw-away databases on (CI sets it). */
  TEST_DATABASE_URL: optional(postgresUrl),
});

export type DbEnv = z.infer<typeof schema>;

/** Validates the database variables of `source`; throws one readable error listing every problem. */
export function parseEnv(source: Record<string, string | undefined>): DbEnv {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid database environment:\n  ${problems.join('\n  ')}`);
  }
  return result.data;
}

/** The only place in @antt/db that reads `process.env`. */
export const env: DbEnv = parseEnv(process.env);
