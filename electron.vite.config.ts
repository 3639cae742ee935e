import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { PRODUCTION_CSP_DIRECTIVES, serializeCsp } from './src-shared/security/csp';

const root = import.meta.dirname;

const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i;

/**
 * index.html's CSP meta tag is written from the one shared policy at build time (frame-ancestors is
 * dropped: browsers ignore it in a meta tag; the shell and the preview send it as a header). Under
 * `electron-vite dev` the tag is removed, so that the shell's dev-server header alone applies: Vite's
 * refresh preamble and injected styles are inline, and a meta policy cannot be relaxed by a header.
 */
function rendererCsp(): Plugin {
  const { 'frame-ancestors': _ignoredInMeta, ...directives } = PRODUCTION_CSP_DIRECTIVES;
  return {
    name: 'screening-desk:renderer-csp',
    transformIndexHtml: {
      order: 'pre',
      handler(html, ctx) {
        if (!CSP_META.test(html))
          throw new Error('src-renderer/index.html must carry a CSP meta tag');
        const tag = ctx.server
          ? ''
          : `<meta http-equiv="Content-Security-Policy" content="${serializeCsp(directives)}" />`;
        return html.replace(CSP_META, tag);
      },
    },
  };
}
const fromRoot = (path: string) => resolve(root, path);

/**
 * One folder per runtime (see ARCHITECTURE.md), so every entry is named explicitly instead of
 * electron-vite's default `src/{main,preload,renderer}` layout. Output: out/main, out/preload,
 * out/renderer; `package.json#main` points at out/main/index.js.
 */
export default defineConfig({
  main: {
    build: {
      outDir: fromRoot('out/main'),
      // Every runtime dependency stays a plain `import` resolved from node_modules at run time. It
      // matters most for the native modules (better-sqlite3, keytar): their .node binaries cannot be
      // bundled, and their loaders find the binary relative to their own package folder.
      externalizeDeps: { include: ['better-sqlite3', 'keytar'] },
      rolldownOptions: {
        input: {
          index: fromRoot('src-main/index.ts'),
          // The sync's cache writer runs in a worker thread from its own file (out/main/
          // sync-writer-worker.js); src-main/sync/writer/worker-entry.ts finds it there.
          'sync-writer-worker': fromRoot('src-main/sync/writer/writer-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: fromRoot('out/preload'),
      // A sandboxed preload can `require` only `electron` (and a few polyfilled modules): every
      // other dependency, zod included, must be bundled into the one file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRoot('src-preload/index.ts') },
        output: {
          // Sandboxed preloads cannot be ES modules; the .cjs extension keeps Node-style loaders
          // from treating the file as ESM under this package's "type": "module".
          format: 'cjs',
          entryFileNames: '[name].cjs',
          // One self-contained file: a sandboxed preload cannot load sibling chunks.
          codeSplitting: false,
        },
      },
    },
  },
  renderer: {
    root: fromRoot('src-renderer'),
    plugins: [react(), rendererCsp()],
    build: {
      outDir: fromRoot('out/renderer'),
      // electron-vite leaves bundles unminified; the renderer's 1.2 MB of JS is parsed on every
      // window load, so it is minified (React is already its production build).
      minify: true,
      rolldownOptions: {
        input: { index: fromRoot('src-renderer/index.html') },
      },
    },
  },
});
