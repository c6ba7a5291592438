// The staff page's build: `npm run web:build` (run by `npm ci`) writes web/dist, which the API
// serves under /app/. Nothing is fetched at run time: every script and style is in the bundle.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web',
  base: '/app/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The page must work with a Content-Security-Policy of 'self': no inline scripts or styles.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // TanStack Query marks its modules "use client" (for React Server Components); meaningless in a page bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  logLevel: 'warn',
});
