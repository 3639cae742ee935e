import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/** The gateway's suite: it runs once per store (see src-gateway/testing/stores.ts). */
const gatewayTests = ['src-gateway/**/*.test.ts', 'test/gateway-*.test.ts'];
const GATEWAY_STORES = ['sqlite', 'postgres'] as const;

// Node for everything that runs in main, the gateway, the sandbox and cross-process tests in test/
// (the gateway's suite once per store); happy-dom for renderer components. Playwright specs
// (*.spec.ts) are not vitest's.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'src-main/**/*.test.ts',
            'src-shared/**/*.test.ts',
            'src-sandbox/**/*.test.ts',
            'src-preload/**/*.test.ts',
            'test/**/*.test.ts',
          ],
          exclude: gatewayTests,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...GATEWAY_STORES.map((store) => ({
        test: {
          name: `gateway-${store}`,
          environment: 'node',
          include: gatewayTests,
          provide: { gatewayStore: store },
          // Starts one PostgreSQL for the run (or uses GATEWAY_TEST_PG); only when this project
          // has a test to run.
          globalSetup: store === 'postgres' ? ['src-gateway/testing/postgres-global-setup.ts'] : [],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      })),
      {
        plugins: [react()],
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['src-renderer/**/*.test.ts', 'src-renderer/**/*.test.tsx'],
        },
      },
    ],
  },
});
