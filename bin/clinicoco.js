#!/usr/bin/env node
// Launcher for the CLI: runs the compiled engine (`npm run build` makes it).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const entry = new URL('../dist/engine/cli/run.js', import.meta.url)
if (!existsSync(fileURLToPath(entry))) {
  console.error('clinicoco is not built yet: run `npm install` (it builds) or `npm run build`.')
  process.exit(1)
}
try {
  await import(entry.href)
} catch (error) {
  // A native module built for another runtime fails here, before any command
  // (even `doctor`) could report it: say what IT needs to know, not just a stack.
  if (error && typeof error === 'object' && 'code' in error && error.code === 'ERR_DLOPEN_FAILED') {
    console.error(
      `clinicoco: a native module does not load under Node ${process.version} (NODE_MODULE_VERSION ${process.versions.modules}, ${process.platform}-${process.arch}):\n` +
        `  ${error instanceof Error ? error.message : String(error)}\n` +
        'Rebuild the native modules for this Node (`npm rebuild`), or run the CLI with the Node it was installed with.',
    )
    process.exit(1)
  }
  throw error
}
