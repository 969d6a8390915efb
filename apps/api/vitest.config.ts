import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Pothos and yoga load graphql's CommonJS build through Node; source files must get the same
    // copy, not the .mjs one Vite would pick, or graphql sees two realms.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
    globalSetup: ['./vitest.setup.ts'],
    // Each file starts its own seeded database; the first build of the seed template takes a while.
    hookTimeout: 120_000,
    testTimeout: 60_000,
    // Two cores: two files at a time keeps PGlite and PostgreSQL from starving each other.
    maxWorkers: 2,
  },
});
