// `npm run models:demo`: trains the demo model committed in models/demo/ on the
// generated demo hospital only (no external data), so a fresh install suggests
// codes at once. A quarter of the labelled records count as clean, the rest are
// labelled from their (noisy) diagnosis names, so all three training steps run
// as they would in a hospital. The bundle is signed with the demo key
// (models/demo-signing-key/: public on purpose, trusted by demo workspaces only).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const target = resolve('models/demo')
const staging = `${target}.new`
const scratch = mkdtempSync(join(tmpdir(), 'clinicoco-demo-model-'))
const budgetMinutes = process.env.DEMO_MODEL_BUDGET_MINUTES ?? '15'

function run(args, env = process.env) {
  const result = spawnSync('node', ['bin/clinicoco.js', ...args], { stdio: 'inherit', env })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

/** The scratch hospital's administrator, as a CLI token: training is an administrator's command. */
async function adminEnv(workspaceDir) {
  const { openWorkspace } = await import('../dist/engine/workspace/workspace.js')
  const { issueCliToken } = await import('../dist/engine/auth/cli-tokens.js')
  const opened = openWorkspace(workspaceDir)
  try {
    return { ...process.env, CLINICOCO_TOKEN: issueCliToken(opened.database, { userId: 'admin', days: 1, label: 'models:demo' }, 'admin').token }
  } finally {
    opened.close()
  }
}

try {
  rmSync(staging, { recursive: true, force: true })
  run(['demo', '--workspace', scratch, '--no-model'])
  const env = await adminEnv(scratch)
  // One pass of each contrastive step, then the supervised step: within the budget, step 3 (the one that
  // learns the codes) must run — the default epochs are sized for CodiEsp-length records, not for this.
  const epochs = ['--trainer-arg=--raw-epochs=0', '--trainer-arg=--noisy-epochs=1', '--trainer-arg=--clean-epochs=15']
  const signKey = 'models/demo-signing-key/DEMO-ONLY-NOT-SECRET.private.pem'
  run(['train', '--workspace', scratch, '--out', staging, '--clean-share', '0.25', '--seed', '13', '--budget-minutes', budgetMinutes, '--sign-key', signKey, ...epochs], env)
  rmSync(`${staging}.checkpoint.pt`, { force: true })
  rmSync(target, { recursive: true, force: true })
  renameSync(staging, target)
  const bytes = readdirSync(target).reduce((sum, file) => sum + statSync(join(target, file)).size, 0)
  console.log(`Demo model in ${target}: ${(bytes / 1e6).toFixed(1)} MB`)
  if (bytes > 20e6) {
    console.error('The demo model must stay under 20 MB (it is committed): shrink the vocabulary or the model.')
    process.exit(1)
  }
} finally {
  rmSync(scratch, { recursive: true, force: true })
  if (existsSync(staging)) rmSync(staging, { recursive: true, force: true })
}
