import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'vite'

// Vite's config loader injects import.meta.dirname, so the root does not depend
// on the caller's working directory (and no node: import trips the renderer's layer rule).
export default defineConfig({
  root: import.meta.dirname,
  // Relative asset URLs: the page works from the Electron app:// origin and from
  // browser mode's root alike.
  base: './',
  plugins: [svelte()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Electron 41 and current browsers only: no legacy transforms to ship.
    target: 'es2022',
    rollupOptions: {
      // zod ships comments Rollup cannot place and says so for each one; they are harmless.
      onwarn(warning, warn) {
        if (warning.code !== 'INVALID_ANNOTATION') warn(warning)
      },
    },
  },
})
