import { defineConfig } from 'prisma/config';

// Only `prisma generate` runs through the Prisma CLI: the native schema engine behind `prisma migrate`
// cannot be downloaded offline, so migrations are created and applied by scripts/ (see README.md).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
