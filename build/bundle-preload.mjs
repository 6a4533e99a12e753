// Bundles the preload into ONE CommonJS file. A sandboxed preload can require
// only `electron` and a few Node built-ins, never an npm package, and it cannot
// be an ES module; so everything it imports is inlined here.
// Usage: node build/bundle-preload.mjs
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

export const PROJECT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const PRELOAD_ENTRY = 'electron/preload/preload.ts'
export const PRELOAD_BUNDLE = 'dist/electron/preload/preload.cjs'

/**
 * Writes the bundle and returns its size and inputs. Fails when the bundle
 * would inline an npm package (zod would make it ~450 kB; the preload needs names only).
 * @param {{ projectDir?: string, outfile?: string }} [options]
 * @returns {Promise<{ outfile: string, bytes: number, inputs: string[] }>}
 */
export async function bundlePreload(options = {}) {
  const projectDir = options.projectDir ?? PROJECT_DIR
  const outfile = options.outfile ?? join(projectDir, PRELOAD_BUNDLE)
  const result = await build({
    absWorkingDir: projectDir,
    entryPoints: [join(projectDir, PRELOAD_ENTRY)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // Electron 41 runs Chromium 146; ES2022 keeps the output readable and exact.
    target: 'es2022',
    external: ['electron'],
    sourcemap: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  })
  const inputs = Object.keys(result.metafile.inputs)
  const packaged = inputs.filter((input) => input.includes('node_modules/'))
  if (packaged.length > 0) {
    throw new Error(`The preload bundle must not inline npm packages, but it includes:\n  ${packaged.join('\n  ')}`)
  }
  const output = result.metafile.outputs[relative(projectDir, outfile).split('\\').join('/')]
  return { outfile, bytes: output?.bytes ?? 0, inputs }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { outfile, bytes } = await bundlePreload()
  console.log(`preload bundled: ${relative(PROJECT_DIR, outfile)} (${bytes} bytes)`)
}
