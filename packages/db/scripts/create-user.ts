// The first administrator of a new installation, or any user:
//   pnpm --filter @antt/db create-user -- --username admin --role nationalAdmin --scope "" --name "Cục V05"
// The password is read from ANTT_NEW_PASSWORD so it never lands in shell history.
import { parseArgs } from 'node:util';
import { createDatabase } from '../src/client.ts';
import { createUserWithGrant } from '../src/seed/demo-users.ts';

const { values } = parseArgs({
  options: { username: { type: 'string' }, role: { type: 'string' }, scope: { type: 'string', default: '' }, name: { type: 'string' } },
});
const password = process.env['ANTT_NEW_PASSWORD'];
if (!values.username || !values.role || !password || password.length < 12) {
  console.error('usage: ANTT_NEW_PASSWORD=<12+ characters> create-user --username U --role ROLE [--scope PATH] [--name NAME]');
  process.exit(2);
}
const db = await createDatabase({ migrate: true });
try {
  await createUserWithGrant(db, { username: values.username, displayName: values.name ?? values.username, password, role: values.role, scopePath: values.scope ?? '' });
  console.log(`created ${values.username} as ${values.role} on "${values.scope ?? ''}"`);
} finally {
  await db.close();
}
