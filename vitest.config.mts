import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Two projects: Node for everything that runs in main, the gateway, the sandbox and cross-process
// tests in test/; happy-dom for renderer components. Playwright specs (*.spec.ts) are not vitest's.
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
            'src-gateway/**/*.test.ts',
            'src-sandbox/**/*.test.ts',
            'src-preload/**/*.test.ts',
            'test/**/*.test.ts',
          ],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
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
