// `npm start`: the app on the bundled demo workspace. With the Electron binary
// present it opens the desktop window; without it (as on build servers and these
// offline machines) it serves the same app to a browser on 127.0.0.1 and prints
// the URL with its per-run access token.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'

const isDemo = process.env.CLINICOCO_WORKSPACE === undefined
const workspace = resolve(process.env.CLINICOCO_WORKSPACE ?? '.demo-workspace')
const cli = ['bin/clinicoco.js']

if (!existsSync('dist/engine/cli/run.js') || !existsSync('dist/renderer/index.html')) {
  console.log('Building the app first (npm run build)…')
  const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' })
  if (built.status !== 0) process.exit(built.status ?? 1)
}

if (!existsSync(resolve(workspace, 'clinicoco.db'))) {
  console.log(`Creating the demo hospital in ${workspace} …`)
  const created = spawnSync('node', [...cli, 'demo', '--workspace', workspace], { stdio: 'inherit' })
  if (created.status !== 0) process.exit(created.status ?? 1)
}

if (isDemo) {
  // A demo workspace made before accounts existed gets its demo accounts now; each is left alone once it has a password.
  const { openWorkspace } = await import('../dist/engine/workspace/workspace.js')
  const { DEMO_ACCOUNTS, ensureDemoAccounts } = await import('../dist/engine/demo/demo-accounts.js')
  const opened = openWorkspace(workspace)
  try {
    await ensureDemoAccounts(opened.database)
  } finally {
    opened.close()
  }
  console.log('Sign in with a demo account (these passwords are published: for the demo hospital only):')
  for (const account of DEMO_ACCOUNTS) console.log(`  ${account.role.padEnd(11)} ${account.id.padEnd(11)} ${account.password}`)
} else {
  console.log(`Sign in with your account in ${workspace} (an administrator creates accounts with \`clinicoco users add\`).`)
}

const electronBinary = findElectronBinary()
const passThrough = process.argv.slice(2)
const child = electronBinary
  ? spawn(electronBinary, ['.', `--workspace=${workspace}`, ...passThrough], { stdio: 'inherit' })
  : spawn('node', [...cli, 'serve', '--workspace', workspace, ...passThrough], { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))

function findElectronBinary() {
  try {
    // The electron package exports the binary's path; the file exists only where the download worked.
    const binary = createRequire(import.meta.url)('electron')
    return typeof binary === 'string' && existsSync(binary) ? binary : null
  } catch {
    return null
  }
}
