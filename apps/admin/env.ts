import { z } from 'zod';

/**
 * The admin's build-time and dev-server configuration (read by vite.config.ts only). The browser
 * bundle reads no environment: it always talks to `/graphql` on its own origin.
 */
const envSchema = z.object({
  /** Where the dev and preview servers forward `/graphql`. Default: the API on `PORT` (4000). */
  API_URL: z.string().url().optional(),
  /** The API's port, as `bash scripts/start.sh` passes it to every dev task. */
  PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  ADMIN_HOST: z.string().default('127.0.0.1'),
  ADMIN_PORT: z.coerce.number().int().min(1).max(65535).default(5173),
  ADMIN_PREVIEW_PORT: z.coerce.number().int().min(1).max(65535).default(4173),
});

export interface AdminEnv {
  readonly apiUrl: string;
  readonly host: string;
  readonly port: number;
  readonly previewPort: number;
}

export function readAdminEnv(source: Record<string, string | undefined> = process.env): AdminEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  const env = parsed.data;
  return {
    apiUrl: env.API_URL ?? `http://127.0.0.1:${env.PORT}`,
    host: env.ADMIN_HOST,
    port: env.ADMIN_PORT,
    previewPort: env.ADMIN_PREVIEW_PORT,
  };
}
