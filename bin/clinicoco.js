#!/usr/bin/env node
// Launcher for the CLI: runs the compiled engine (`npm run build` makes it).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const entry = new URL('../dist/engine/cli/run.js', import.meta.url)
if (!existsSync(fileURLToPath(entry))) {
  console.error('clinicoco is not built yet: run `npm install` (it builds) or `npm run build`.')
  process.exit(1)
}
await import(entry.href)
