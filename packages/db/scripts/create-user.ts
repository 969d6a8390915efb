// The first administrator of a new installation, or any user:
//   ANTT_NEW_PASSWORD=… pnpm --filter @antt/db create-user --username admin --role nationalAdmin --scope "" --name "Cục V05"
// (a `--` before the options, as older pnpm needed, is accepted too). The password is read from
// ANTT_NEW_PASSWORD so it never lands in shell history; the database is DATABASE_URL's, else PGlite's.
import { parseArgs } from 'node:util';
import { ROLE_PERMISSIONS } from '@antt/criteria';
import { createDatabase } from '../src/client.ts';
import { createUserWithGrant } from '../src/seed/demo-users.ts';

const USAGE = 'usage: ANTT_NEW_PASSWORD=<12+ characters> create-user --username U --role ROLE [--scope PATH] [--name NAME]';
const argv = process.argv.slice(2);
// pnpm 10 passes a `--` through to the script, where parseArgs would read every option after it as positional.
if (argv[0] === '--') argv.shift();

let values: { username?: string; role?: string; scope?: string; name?: string };
try {
  ({ values } = parseArgs({
    args: argv,
    options: { username: { type: 'string' }, role: { type: 'string' }, scope: { type: 'string', default: '' }, name: { type: 'string' } },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const password = process.env['ANTT_NEW_PASSWORD'];
if (!values.username || !values.role || !password || password.length < 12) {
  console.error(USAGE);
  process.exit(2);
}
if (!(values.role in ROLE_PERMISSIONS)) {
  console.error(`no role "${values.role}"; one of: ${Object.keys(ROLE_PERMISSIONS).join(', ')}`);
  process.exit(2);
}
const db = await createDatabase({ migrate: true });
try {
  await createUserWithGrant(db, { username: values.username, displayName: values.name ?? values.username, password, role: values.role, scopePath: values.scope ?? '' });
  console.log(`created ${values.username} as ${values.role} on "${values.scope ?? ''}"`);
} finally {
  await db.close();
}
