// Builds the app: TypeScript projects (tsc -b), the sandboxed preload bundle, and
// the renderer. Electron is an optional dependency (its postinstall downloads a
// binary, which fails offline, and npm then drops it): without it the desktop
// shell is skipped with a notice, and browser mode still builds and runs.
// `--typecheck` type-checks instead (tsc -b, then svelte-check for the renderer).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const typecheckOnly = process.argv.includes('--typecheck')
const hasElectron = existsSync('node_modules/electron/electron.d.ts')

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: false })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

const bin = (name) => `node_modules/.bin/${name}`

if (!hasElectron) {
  console.warn(
    'Electron is not installed (its binary download failed or was skipped): building browser mode only. ' +
      'For the desktop shell and the full test suite run `ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install` (offline) or `npm install` with network.',
  )
}
run(bin('tsc'), ['-b', ...(hasElectron ? ['tsconfig.json'] : ['contract', 'native', 'engine'])])
if (typecheckOnly) {
  run(bin('svelte-check'), ['--tsconfig', 'renderer/tsconfig.json', '--fail-on-warnings', '--output', 'human'])
} else {
  if (hasElectron) run('node', ['build/bundle-preload.mjs'])
  run(bin('vite'), ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'])
}
