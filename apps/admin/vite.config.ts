import react from '@vitejs/plugin-react';
import type { ProxyOptions } from 'vite';
import { defineConfig } from 'vitest/config';
import { readAdminEnv } from './env.ts';

/** `/graphql` on the admin's origin is forwarded to the API, in dev and in preview alike. */
export function graphqlProxy(apiUrl: string): Record<string, ProxyOptions> {
  return { '/graphql': { target: apiUrl, changeOrigin: true } };
}

const env = readAdminEnv();

export default defineConfig({
  plugins: [react()],
  server: { host: env.host, port: env.port, strictPort: true, proxy: graphqlProxy(env.apiUrl) },
  preview: { host: env.host, port: env.previewPort, strictPort: true, proxy: graphqlProxy(env.apiUrl) },
  build: { sourcemap: true },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', environment: 'jsdom', include: ['src/**/*.test.{ts,tsx}'] },
      },
      {
        extends: true,
        // Starts the API and a preview server and drives Debian's Chromium; skipped without it.
        test: {
          name: 'browser',
          environment: 'node',
          include: ['tests/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
