import { createDatabase, liveDemoCredentials, seedDatabase, type Database } from '@antt/db';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { queryLimitsOf, type Env } from './env.ts';
import { createEventBus, type EventBus } from './events/bus.ts';
import { anchorAudit, auditHeadKey, fileAuditAnchor } from './identity/audit-head.ts';
import { createApi, type Api } from './yoga.ts';

/*
 * Everything a start does before listening, as one function the tests call: open and migrate the
 * database, seed it (the demo only where asked), refuse a production start that the published demo
 * credentials could sign in to, and build the API from the environment.
 */

/** A start that must not go on; `server.ts` prints the message and exits non-zero. */
export class StartRefusedError extends Error {
  readonly code = 'DEMO_CREDENTIALS_LIVE';
  constructor(message: string) {
    super(message);
    this.name = 'StartRefusedError';
  }
}

export interface Started {
  readonly api: Api;
  readonly db: Database;
  readonly events: EventBus;
  /** Closes the event bus and the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** An open database (tests); default: `createDatabase` from DATABASE_URL / PGlite. */
  readonly db?: Database;
  readonly log?: (line: string) => void;
  readonly onUnexpectedError?: (error: unknown) => void;
}

export async function startApi(env: Env, options: StartOptions = {}): Promise<Started> {
  const log = options.log ?? (() => {});
  const db = options.db ?? (await createDatabase({ migrate: true }));
  try {
    if (options.db) await db.migrate();
    const production = env.NODE_ENV === 'production';
    if (env.SEED_ON_START) {
      // Idempotent: the first start loads units and templates (and the demo); later ones add nothing.
      await seedDatabase(db, { demo: env.SEED_DEMO, log: (line) => log(`seed: ${line}`) });
    }
    if (production && env.SEED_DEMO) log('warning: SEED_DEMO=true — the demo users and key with published credentials can sign in');
    if (production && !env.SEED_DEMO) await refuseLiveDemoCredentials(db);
  } catch (error) {
    if (!options.db) await db.close();
    throw error;
  }
  // The audit chain's signed head lives beside the data, never in the database it vouches for.
  const dataDir = fileURLToPath(new URL('../../../.data', import.meta.url));
  const auditKey = await auditHeadKey({ key: env.AUDIT_HEAD_KEY, keyFile: join(dataDir, 'audit-head.key') });
  if (!env.AUDIT_HEAD_KEY && env.NODE_ENV === 'production') log('warning: AUDIT_HEAD_KEY is unset; using the key generated in .data/audit-head.key');
  anchorAudit(db, fileAuditAnchor({ file: env.AUDIT_HEAD_FILE ?? join(dataDir, 'audit-head.json'), key: auditKey, report: (message) => log(`audit: ${message}`) }));
  const events = createEventBus({
    redisUrl: env.REDIS_URL,
    report: (message, error) => (error ? console.error(`events: ${message}:`, error) : log(`events: ${message}`)),
  });
  const api = createApi({
    db,
    events,
    graphiql: env.NODE_ENV !== 'production',
    limits: queryLimitsOf(env),
    introspection: env.GRAPHQL_INTROSPECTION,
    corsOrigins: env.CORS_ORIGINS,
    trustProxy: env.TRUST_PROXY,
    onUnexpectedError: options.onUnexpectedError,
  });
  return {
    api,
    db,
    events,
    close: async () => {
      await events.close();
      await db.close();
    },
  };
}

async function refuseLiveDemoCredentials(db: Database): Promise<void> {
  const live = await liveDemoCredentials(db);
  if (live.users.length === 0 && !live.partnerKey) return;
  const problems = [
    ...(live.users.length > 0 ? [`tài khoản demo ${live.users.join(', ')} vẫn đăng nhập được bằng mật khẩu công khai`] : []),
    ...(live.partnerKey ? ['khoá đối tác demo (key_demo-…) vẫn còn hiệu lực'] : []),
  ];
  throw new StartRefusedError(
    `Không khởi động ở chế độ production: ${problems.join('; ')}. ` +
      'Đổi mật khẩu hoặc vô hiệu hoá các tài khoản đó, thu hồi khoá demo (xem README, "Cài đặt thật"), ' +
      'hoặc đặt SEED_DEMO=true nếu đây là bản trình diễn.',
  );
}
