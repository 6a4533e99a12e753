// `npm run bench:normalize -- --workspace W [--names 1000] [--from chip-cdn|workspace] [--runs 1] [--prepare]`:
// one `clinicoco normalize` call with many names, as a coder's batch or `label` would send
// them, timed from outside: the real CLI, so a command line longer than ONNX Runtime takes
// goes through the CLI's own stdin hand-over (issue 17: 175+ names crashed with the encoder).
// Prints figures, asserts none (shared machines are noisy; compare figures from one run).
//
// - Names: `--from chip-cdn` (default) reads the first N texts of DATA/chip-cdn/train.json
//   (DATA: `--data`, CLINICOCO_DATA or ../shared/data), read at run time, never copied;
//   `--from workspace` takes the workspace's own diagnosis names in stored order (the demo hospital's).
//   Fewer names than N are repeated in order.
// - `--prepare` makes W first when it has no code set: creates it (`init`) when missing, installs the CHIP-CDN v601 table
//   (`codes import --format cn-table`) and trains the name encoder
//   (`normalize train-encoder --budget-minutes 5`, about 3 minutes on 2 cores); it acts as that
//   new workspace's administrator through a CLI token. On an existing workspace, set
//   CLINICOCO_TOKEN (any signed-in user; training the encoder needs an administrator's).
//   Without an installed encoder the run is refused: this measures the encoder's path.
// - Figures: wall time of the whole call (process start, workspace, lexicon, encoder,
//   embedding, matching, JSON out) and per name; the CLI's own `elapsedMs` (normaliser
//   and encoder load plus all names) and per name; peak resident memory of the process tree
//   (GNU time's %M, the largest process: the CLI re-run that does the work), when
//   /usr/bin/time is present.
import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'

const CLI = resolve('bin/clinicoco.js')
const TIME = '/usr/bin/time'

const { values } = parseArgs({
  options: {
    workspace: { type: 'string' },
    names: { type: 'string', default: '1000' },
    from: { type: 'string', default: 'chip-cdn' },
    data: { type: 'string' },
    runs: { type: 'string', default: '1' },
    prepare: { type: 'boolean', default: false },
  },
})

function fail(message) {
  console.error(`bench-normalize: ${message}`)
  process.exit(2)
}

const workspace = values.workspace ? resolve(values.workspace) : fail('give --workspace DIR (a workspace with a name encoder, or --prepare to make one)')
const count = Number(values.names)
const runs = Number(values.runs)
if (!Number.isInteger(count) || count < 1 || count > 100_000) fail('--names must be a whole number from 1 to 100000')
if (!Number.isInteger(runs) || runs < 1 || runs > 20) fail('--runs must be a whole number from 1 to 20')
if (!['chip-cdn', 'workspace'].includes(values.from)) fail('--from must be chip-cdn or workspace')
if (!existsSync(join('dist', 'engine', 'cli', 'run.js'))) fail('not built: run `npm run build` first')
const data = resolve(values.data ?? process.env.CLINICOCO_DATA ?? '../shared/data')

function cli(args) {
  return execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] })
}

function cliJson(args) {
  return JSON.parse(cli([...args, '--json']))
}

async function prepare() {
  const table = join(data, 'chip-cdn', 'icd10_beijing_clinical_v601.tsv')
  if (!existsSync(table)) fail(`--prepare needs ${table} (set --data or CLINICOCO_DATA)`)
  if (!existsSync(join(workspace, 'clinicoco.db'))) {
    console.log(`preparing ${workspace}: init`)
    const password = randomBytes(18).toString('base64url')
    execFileSync(process.execPath, [CLI, 'init', '--workspace', workspace, '--name', 'normalize benchmark', '--password-stdin', '--json'], { input: `${password}\n`, encoding: 'utf8' })
    // The benchmark's own scratch workspace: its administrator acts through a CLI token, as a script would.
    process.env.CLINICOCO_TOKEN = await adminToken()
  }
  console.log(`preparing ${workspace}: codes import --format cn-table ${table}`)
  cliJson(['codes', 'import', '--workspace', workspace, '--format', 'cn-table', '--name', 'chip-cdn', '--version', 'v601', '--activate', table])
  console.log('preparing: normalize train-encoder --budget-minutes 5 (minutes)')
  const started = performance.now()
  const trained = cliJson(['normalize', 'train-encoder', '--workspace', workspace, '--budget-minutes', '5'])
  console.log(`  encoder ${trained.encoderVersion}: ${trained.bundle.texts} texts, ${trained.bundle.pairs} pairs, ${((performance.now() - started) / 1000).toFixed(0)} s`)
  // Titles only, no pairs: the encoder's timing is the same, its answers weaker than a workspace's own.
  for (const warning of trained.warnings ?? []) console.log(`  (trainer: ${warning})`)
}

async function adminToken() {
  const { openWorkspace } = await import('../dist/engine/workspace/workspace.js')
  const { issueCliToken } = await import('../dist/engine/auth/cli-tokens.js')
  const opened = openWorkspace(workspace)
  try {
    return issueCliToken(opened.database, { userId: 'admin', days: 1, label: 'bench:normalize' }, 'admin').token
  } finally {
    opened.close()
  }
}

function hasCodeSet() {
  if (!existsSync(join(workspace, 'clinicoco.db'))) return false
  return cliJson(['codes', 'list', '--workspace', workspace]).codeSets.length > 0
}

function readNames() {
  let pool
  if (values.from === 'chip-cdn') {
    const path = join(data, 'chip-cdn', 'train.json')
    if (!existsSync(path)) fail(`${path} not found (set --data or CLINICOCO_DATA, or use --from workspace)`)
    pool = JSON.parse(readFileSync(path, 'utf8')).map((example) => example.text)
  } else {
    // The names coders see (a name the demo's simulator deleted is kept only as the answer key).
    const database = new Database(join(workspace, 'clinicoco.db'), { readonly: true })
    try {
      pool = database.prepare("SELECT text FROM diagnosis_names WHERE injected_error IS NOT 'missing' ORDER BY record_id, position").pluck().all()
    } finally {
      database.close()
    }
  }
  pool = pool.filter((name) => typeof name === 'string' && name.trim() !== '' && !name.startsWith('-'))
  if (pool.length === 0) fail(`no names found (--from ${values.from})`)
  return Array.from({ length: count }, (_, index) => pool[index % pool.length])
}

if (values.prepare && !hasCodeSet()) await prepare()
if (!hasCodeSet()) fail(`${workspace} has no code set: run with --prepare, or import one and train an encoder`)
const names = readNames()
const bytes = names.reduce((sum, name) => sum + Buffer.byteLength(name) + 1, 0)
const timed = existsSync(TIME)
console.log(`normalize: ${names.length} names (${values.from}, ${new Set(names).size} distinct) in one call, ${(bytes / 1024).toFixed(1)} KB of arguments; workspace ${workspace}`)

function normalizeCall(label, batch) {
  const command = [CLI, 'normalize', '--workspace', workspace, '--json', '--limit', '5', ...batch]
  const started = performance.now()
  const result = timed
    ? spawnSync(TIME, ['-f', 'peak-rss-kb=%M', process.execPath, ...command], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    : spawnSync(process.execPath, command, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  const wallMs = performance.now() - started
  if (result.status !== 0) fail(`${label}: exit ${result.status ?? result.signal}\n${result.stderr.slice(-2_000)}`)
  const output = JSON.parse(result.stdout)
  if (output.encoder === null) fail(`${workspace} has no name encoder installed: run with --prepare on a new folder, or \`clinicoco normalize train-encoder --workspace ${workspace}\``)
  if (output.names.length !== batch.length) fail(`${label}: ${output.names.length} answers for ${batch.length} names`)
  const rss = /peak-rss-kb=(\d+)/.exec(result.stderr ?? '')
  return { output, wallMs, rssMiB: rss ? Number(rss[1]) / 1024 : null }
}

const rssText = (mib) => (mib === null ? 'not measured (no /usr/bin/time)' : `${mib.toFixed(0)} MiB (largest process of the call)`)
// One name first, twice: the first call after training fills the encoder's title index cache
// (workspace/name-encoder-cache, seconds); the second is what every call costs before its
// first name (process, workspace, lexicon, encoder and its index).
const warmUp = normalizeCall('warm-up', names.slice(0, 1))
console.log(`warm-up, one name: wall ${(warmUp.wallMs / 1000).toFixed(2)} s (includes filling the encoder's cache when it is cold)`)
const single = normalizeCall('one name', names.slice(0, 1))
console.log(`one name (fixed cost of a call): wall ${(single.wallMs / 1000).toFixed(2)} s, CLI elapsedMs ${(single.output.elapsedMs / 1000).toFixed(2)} s, peak RSS ${rssText(single.rssMiB)}`)

for (let run = 1; run <= runs; run += 1) {
  const { output, wallMs, rssMiB } = normalizeCall(`run ${run}`, names)
  const answered = output.names.filter((name) => name.codes.length > 0).length
  const accepted = output.names.filter((name) => name.codes.some((code) => code.accepted)).length
  const extra = names.length > 1 ? (output.elapsedMs - single.output.elapsedMs) / (names.length - 1) : null
  console.log(
    [
      `run ${run}: exit 0, encoder ${output.encoder}; ${answered} names with candidates, ${accepted} with an accepted code`,
      `  wall ${(wallMs / 1000).toFixed(2)} s for the call = ${(wallMs / names.length).toFixed(2)} ms per name`,
      `  CLI elapsedMs ${(output.elapsedMs / 1000).toFixed(2)} s (normaliser and encoder load, embedding, matching) = ${(output.elapsedMs / names.length).toFixed(2)} ms per name` +
        (extra === null ? '' : `; beyond the one-name call ${extra.toFixed(2)} ms per further name`),
      `  peak RSS ${rssText(rssMiB)}`,
    ].join('\n'),
  )
}
