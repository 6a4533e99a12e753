// A hospital grows its own model, end to end, on a generated Chinese EMR export
// (docs/own-model.md, "Walkthrough"): export → init → code set → import with the
// mapping file only → splits → noisy labels from the names → the adaptive
// annotation queue worked by a coder → a training job → its evaluation report →
// promote. Every step is the real CLI (printed before it runs) except the coder's
// annotation, which goes through the engine's sign-in door as that coder
// (scripts/walkthrough-coder.mjs), as the app's coding view would.
//
//   npm run build
//   node scripts/own-model-walkthrough.mjs --codes ../shared/data/icd10-cn [--out DIR] [--records 240]
//     [--budget-minutes 3] [--s 3] [--max-rounds 8]
//
// The code table is read from --codes at run time (never copied); the workspace
// and the export are left in --out (default: a new folder under the system temp).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    codes: { type: 'string', default: '../shared/data/icd10-cn' },
    out: { type: 'string' },
    records: { type: 'string', default: '240' },
    seed: { type: 'string', default: '17' },
    'budget-minutes': { type: 'string', default: '3' },
    s: { type: 'string', default: '3' },
    'max-rounds': { type: 'string', default: '8' },
  },
})
const codes = resolve(values.codes)
const table = join(codes, 'clinical-2.0.tsv')
if (!existsSync(table)) {
  console.error(`No clinical 2.0 code table at ${table}: pass --codes with the icd10-cn folder (clinical-2.0.tsv, disease_catalog.csv, disease.csv).`)
  process.exit(2)
}
if (!existsSync('dist/engine/host/engine-calls.js')) {
  console.error('Build first: npm run build')
  process.exit(2)
}
const out = resolve(values.out ?? mkdtempSync(join(tmpdir(), 'clinicoco-own-model-')))
const emr = join(out, 'emr')
const ws = join(out, 'workspace')
const started = Date.now()
// Passwords of this scratch hospital only (a real one: each user types their own at a terminal).
const ADMIN_PASSWORD = 'ward-records-office-1'
const SUPERVISOR = { id: 'wang.sup', first: 'first-sign-in-sup-1', next: 'plan-patches-ward-2' }
const CODER = { id: 'li.coder', first: 'first-sign-in-cod-1', next: 'annotate-queue-ward-2' }

const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`
const shown = (args) => args.map((arg) => (/[\s"']/.test(arg) ? JSON.stringify(arg) : arg)).join(' ')

/** Runs the real CLI; prints the command and (unless quiet) what it prints. Returns stdout. */
function clinicoco(args, { token, input, json = false, quiet = false } = {}) {
  const note = input !== undefined ? '   # password on stdin' : json ? '   # --json: read by this script' : ''
  console.log(`\n$ ${token ? `CLINICOCO_TOKEN=$${token.name} ` : ''}clinicoco ${shown(args)}${note}`)
  const result = spawnSync('node', ['bin/clinicoco.js', ...args, ...(json ? ['--json'] : [])], {
    encoding: 'utf8',
    input,
    // Progress (training wait) and errors go straight to the terminal.
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, CLINICOCO_TOKEN: token?.value ?? '' },
    maxBuffer: 256 * 1024 * 1024,
  })
  if (result.status !== 0) {
    console.error(result.stdout)
    console.error(`Step failed (exit ${result.status ?? result.signal}) after ${elapsed()}. The workspace is in ${ws}.`)
    process.exit(1)
  }
  if (!quiet && !json) process.stdout.write(result.stdout.replace(/^/gm, '  '))
  return result.stdout
}

/** The administrator's CLI token: what `clinicoco users token --id admin` gives after typing the password at a terminal. */
async function signInForToken(userId, password) {
  const { openWorkspace } = await import('../dist/engine/workspace/workspace.js')
  const { authenticate } = await import('../dist/engine/auth/accounts.js')
  const { issueCliToken } = await import('../dist/engine/auth/cli-tokens.js')
  const opened = openWorkspace(ws)
  try {
    const account = await authenticate(opened.database, userId, password, 'cli')
    return issueCliToken(opened.database, { userId: account.id, days: 1, label: 'own-model walkthrough' }, account.id).token
  } finally {
    opened.close()
  }
}

console.log(`# 1. The hospital's export: ${values.records} generated Chinese inpatient records (主诉 … 其他诊断编码)`)
clinicoco(['demo', 'chinese-emr', '--out', emr, '--records', values.records, '--seed', values.seed, '--codes', codes])

console.log('\n# 2. A new workspace; its first administrator')
clinicoco(['init', '--workspace', ws, '--name', '演示医院 病案科', '--password-stdin'], { input: `${ADMIN_PASSWORD}\n` })
const admin = { name: 'ADMIN', value: await signInForToken('admin', ADMIN_PASSWORD) }
console.log('  (admin signed in: CLINICOCO_TOKEN=$ADMIN, as `clinicoco users token --id admin` issues at a terminal)')
clinicoco(['users', 'add', '--workspace', ws, '--id', SUPERVISOR.id, '--name', '王主管', '--role', 'supervisor', '--password-stdin'], { token: admin, input: `${SUPERVISOR.first}\n` })
clinicoco(['users', 'add', '--workspace', ws, '--id', CODER.id, '--name', '李编码员', '--role', 'coder', '--password-stdin'], { token: admin, input: `${CODER.first}\n` })
const supervisorToken = JSON.parse(clinicoco(['users', 'token', '--workspace', ws, '--id', SUPERVISOR.id, '--days', '1', '--label', 'walkthrough'], { token: admin, json: true })).token
const supervisor = { name: 'SUPERVISOR', value: supervisorToken }

console.log('\n# 3. The code set: ICD-10 national clinical edition 2.0')
clinicoco(
  ['codes', 'import', '--workspace', ws, '--format', 'cn-table', '--name', 'icd10-cn-clinical', '--version', '2.0',
    '--catalogue', join(codes, 'disease_catalog.csv'), '--categories', join(codes, 'disease.csv'), table],
  { token: admin },
)

console.log('\n# 4. Import with the mapping file only (no code)')
clinicoco(['import', '--workspace', ws, '--format', 'json', '--mapping', join(emr, 'mapping.json'), join(emr, 'records.json')], { token: admin })

console.log("\n# 5. The export's codes are the coders' answer key, not training labels: a training record is clean once a coder annotates it")
clinicoco(['annotate', 'settings', '--workspace', ws, '--reference-codes', 'answer-key', '--s', values.s], { token: admin })

console.log('\n# 6. Splits: seeded, stratified by code')
clinicoco(['splits', 'assign', '--workspace', ws, '--dev', '0.15', '--test', '0.15', '--seed', '13'], { token: admin })

console.log("\n# 7. Noisy labels from the 入院诊断 names (names only: the export's codes are the answer key)")
clinicoco(['label', '--workspace', ws, '--no-gold'], { token: admin })

console.log(`\n# 8. The adaptive annotation queue: plan (supervisor), annotate (coder), until done or ${values['max-rounds']} rounds`)
const coderInput = `${CODER.first}\n${CODER.next}\n`
let coderPassword = coderInput
let complete = false
for (let round = 1; round <= Number(values['max-rounds']); round += 1) {
  const plan = JSON.parse(clinicoco(['annotate', 'plan', '--workspace', ws], { token: supervisor, json: true }))
  console.log(`  patch ${plan.number}: ${plan.records} records for ${Object.entries(plan.perCoder).map(([coder, count]) => `${coder} ${count}`).join(', ')}; ${plan.codesShort} codes short before it`)
  if (plan.records === 0) break
  console.log(`\n$ node scripts/walkthrough-coder.mjs --workspace ${ws} --user ${CODER.id} --password-stdin --answers ${join(emr, 'records.json')}`)
  const coder = spawnSync('node', ['scripts/walkthrough-coder.mjs', '--workspace', ws, '--user', CODER.id, '--password-stdin', '--answers', join(emr, 'records.json')], {
    encoding: 'utf8',
    input: coderPassword,
  })
  process.stdout.write(`  ${coder.stdout}`)
  if (coder.status !== 0) {
    console.error(coder.stderr)
    process.exit(1)
  }
  coderPassword = `${CODER.next}\n`
  const status = JSON.parse(clinicoco(['annotate', 'status', '--workspace', ws], { token: supervisor, json: true }))
  console.log(`  after patch ${plan.number}: ${status.summary.atTarget} of ${status.summary.codes} codes at s = ${status.settings.target}, ${status.summary.short} short (${status.summary.withoutCandidates} without a candidate); records per class ${JSON.stringify(status.classes)}`)
  if (status.complete) {
    complete = true
    break
  }
}
clinicoco(['annotate', 'status', '--workspace', ws], { token: supervisor })

console.log(`\n# 9. Training in its own process (budget ${values['budget-minutes']} min)`)
const job = JSON.parse(clinicoco(['training', 'start', '--workspace', ws, '--budget-minutes', values['budget-minutes']], { token: admin, json: true }))
console.log(`  job ${job.id} started; model folder ${job.modelDir}`)
clinicoco(['training', 'wait', '--workspace', ws, '--job', String(job.id)], { token: admin })

console.log('\n# 10. The evaluation report')
clinicoco(['training', 'report', '--workspace', ws, '--job', String(job.id)], { token: admin })
const report = JSON.parse(clinicoco(['training', 'report', '--workspace', ws, '--job', String(job.id)], { token: admin, json: true, quiet: true }))

console.log('\n# 11. Promote it: the model the coders get suggestions from')
const models = JSON.parse(clinicoco(['models', 'list', '--workspace', ws], { token: admin, json: true }))
const version = report.modelVersion
if (!models.models.some((model) => model.modelVersion === version && model.trainingJobId === job.id)) throw new Error(`The registry does not list job ${job.id}'s model ${version}.`)
clinicoco(['models', 'promote', version, '--workspace', ws], { token: admin })
clinicoco(['models', 'history', '--workspace', ws], { token: admin })

const final = JSON.parse(clinicoco(['annotate', 'status', '--workspace', ws], { token: admin, json: true, quiet: true }))
console.log(`\n# Done in ${elapsed()}: ${values.records} records (${JSON.stringify(final.classes)}), annotation ${complete ? 'complete' : 'stopped at the round cap'},`)
console.log(`#   dev micro-F1 ${report.candidate.dev.microF1.toFixed(3)}, model ${version} in use. Workspace: ${ws}`)
