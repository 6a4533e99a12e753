import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The built app's folder (`dist/`), found from this file whether it runs compiled
 * (dist/engine/host/app-paths.js) or from source under the test runner.
 */
export function distDir(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  return fileURLToPath(import.meta.url).endsWith('.ts') ? resolve(here, '../../dist') : resolve(here, '../..')
}

export function rendererDir(): string {
  return resolve(distDir(), 'renderer')
}
