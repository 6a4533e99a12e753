// `node scripts/pilot-table.mjs`: the paper's pilot table for the demo hospital,
// after a scripted session of SIMULATED coders, as a figure.
//
// The workstation is real (demo hospital, committed demo model, the engine's own
// door with sign-in and roles, stored outcomes, the supervisor desk in Chromium);
// the coders are not. Each simulated coder codes a block of records in each mode
// (assisted, black-box, manual: a crossover, as in the paper's pilot) by a fixed
// behavioural model whose parameters are written below. The figures therefore
// show the pipeline measuring, not how people code: no claim about real coders
// follows from them.
//
// Prints the table (markdown) and writes docs/images/pilot-table.png, a screenshot
// of the supervisor desk's figures. Needs `npm run build`, the demo model in
// models/demo and Debian's chromium. Options (environment): PILOT_RECORDS_PER_BLOCK
// (default 30), PILOT_SEED (default 2026).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'
import { createAccount } from '../dist/engine/auth/accounts.js'
import { SessionStore } from '../dist/engine/auth/session-store.js'
import { holdWorkspaceModel } from '../dist/engine/coding/workspace-model.js'
import { SeededRandom } from '../dist/engine/random/seeded-random.js'
import { createEngineCalls } from '../dist/engine/host/engine-calls.js'
import { openWorkspace } from '../dist/engine/workspace/workspace.js'

const PER_BLOCK = Number(process.env.PILOT_RECORDS_PER_BLOCK ?? 30)
const SEED = Number(process.env.PILOT_SEED ?? 2026)
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const OUT = resolve('docs/images/pilot-table.png')
const MODES = ['assisted', 'black-box', 'manual']

/**
 * The simulated coders' behaviour, per mode. `acceptRight`/`acceptWrong`: chance of
 * taking a suggestion above the threshold that is / is not a gold code; `find`:
 * chance of adding a gold code the suggestions did not offer (reading the record);
 * `slip`: chance of adding one wrong code; `seconds`: median active time per record.
 * Made-up, plausible values: assisted coders see evidence and name flags, black-box
 * coders only the codes, manual coders read everything themselves.
 */
const BEHAVIOUR = {
  assisted: { acceptRight: 0.95, acceptWrong: 0.15, find: 0.7, slip: 0.05, seconds: 110 },
  'black-box': { acceptRight: 0.92, acceptWrong: 0.35, find: 0.55, slip: 0.08, seconds: 95 },
  manual: { acceptRight: 0, acceptWrong: 0, find: 0.8, slip: 0.12, seconds: 190 },
}
const CODERS = [
  { id: 'sim.li', name: 'Simulated coder Li 模拟编码员李', speed: 0.9, skill: 1.0 },
  { id: 'sim.wang', name: 'Simulated coder Wang 模拟编码员王', speed: 1.15, skill: 0.9 },
  { id: 'sim.chen', name: 'Simulated coder Chen 模拟编码员陈', speed: 1.0, skill: 0.95 },
]
const PASSWORD = 'simulated-coder-pw'

function cli(args, env = process.env) {
  const result = spawnSync('node', ['bin/clinicoco.js', ...args], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 })
  if (result.status !== 0) throw new Error(`clinicoco ${args.join(' ')} failed:\n${result.stderr}`)
  return result.stdout
}

function unwrap(result, what) {
  if (!result.ok) throw new Error(`${what}: ${result.error.message}`)
  return result.value
}

const dir = mkdtempSync(join(tmpdir(), 'clinicoco-pilot-'))
try {
  const records = PER_BLOCK * MODES.length * CODERS.length
  console.error(`Demo hospital of ${records + 100} records with the demo model in ${dir} …`)
  cli(['demo', '--workspace', dir, '--records', String(records + 100), '--seed', String(SEED), '--json'])

  const workspace = openWorkspace(dir)
  const random = new SeededRandom(SEED)
  try {
    for (const coder of CODERS) await createAccount(workspace.database, { id: coder.id, displayName: coder.name, role: 'coder', password: PASSWORD }, 'admin')
    const model = holdWorkspaceModel(workspace)
    const call = createEngineCalls({ workspace, model, sessions: new SessionStore({ idleLockMinutes: 60 }), emit: () => undefined })
    const signIn = async (userId, password) => {
      const token = unwrap(await call('signIn', { userId, password }), `sign in ${userId}`).token
      return (method, input) => call(method, input, token)
    }
    const supervisor = await signIn('supervisor', 'review-desk-2026')
    const queue = unwrap(await supervisor('listRecords', { status: 'todo', limit: 500 }), 'queue').items.map((item) => item.id)
    const gold = new Map()
    for (const row of workspace.database.prepare('SELECT r.external_id, g.code, g.is_primary FROM gold_codes g JOIN records r ON r.id = g.record_id').all()) {
      gold.set(row.external_id, [...(gold.get(row.external_id) ?? []), { code: row.code, isPrimary: row.is_primary === 1 }])
    }
    const assignable = workspace.database.prepare('SELECT code FROM codes WHERE assignable = 1').all().map((row) => row.code)
    const canAssign = new Set(assignable)

    let next = 0
    for (const [block, mode] of MODES.entries()) {
      for (const [index, coder] of CODERS.entries()) {
        // Crossover: each coder meets the modes in a different order, the record blocks rotate with them.
        const coderMode = MODES[(block + index) % MODES.length]
        unwrap(await supervisor('setCoderSettings', { userId: coder.id, mode: coderMode, studyGroup: `order ${index + 1}` }), 'set mode')
        const act = await signIn(coder.id, PASSWORD)
        const behaviour = BEHAVIOUR[coderMode]
        for (let n = 0; n < PER_BLOCK; n += 1) {
          const recordId = queue[next++]
          const truth = gold.get(recordId) ?? []
          const truthCodes = new Set(truth.map((entry) => entry.code))
          unwrap(await act('openRecord', { recordId }), 'open')
          const chosen = new Map()
          const feedback = []
          let suggestions = null
          if (coderMode !== 'manual') {
            suggestions = unwrap(await act('suggest', { recordId }), 'suggest')
            for (const suggestion of suggestions.codes.filter((entry) => entry.probability >= suggestions.threshold)) {
              const right = truthCodes.has(suggestion.code)
              // A heading cannot be coded (the engine refuses it): a coder takes only assignable codes.
              const takes = canAssign.has(suggestion.code) && random.chance(right ? behaviour.acceptRight * coder.skill : behaviour.acceptWrong / coder.skill)
              if (takes) chosen.set(suggestion.code, false)
              // A wrong suggestion not taken is rejected when the coder notices it; otherwise left alone.
              feedback.push({ code: suggestion.code, probability: suggestion.probability, outcome: takes ? 'accepted' : right || random.chance(0.5) ? 'ignored' : 'rejected' })
            }
          }
          for (const entry of truth) if (!chosen.has(entry.code) && random.chance(behaviour.find * coder.skill)) chosen.set(entry.code, false)
          if (random.chance(behaviour.slip / coder.skill)) chosen.set(random.pick(assignable), false)
          if (chosen.size === 0) chosen.set((truth[0] ?? { code: random.pick(assignable) }).code, false)
          const primary = truth.find((entry) => entry.isPrimary && chosen.has(entry.code))?.code ?? [...chosen.keys()][0]
          const codes = [...chosen.keys()].map((code) => ({ code, isPrimary: code === primary }))
          const seconds = behaviour.seconds * coder.speed * Math.exp(0.35 * (random.next() + random.next() + random.next() - 1.5))
          const outcomes = feedback.map((entry) => ({ ...entry, outcome: chosen.has(entry.code) ? 'accepted' : entry.outcome === 'accepted' ? 'ignored' : entry.outcome }))
          unwrap(
            await act('submitDecision', {
              recordId,
              codes,
              baseVersion: 0,
              activeMs: Math.round(seconds * 1000),
              mode: coderMode,
              ...(suggestions ? { suggestions: { modelVersion: suggestions.modelVersion, threshold: suggestions.threshold, codes: outcomes } } : {}),
            }),
            `submit ${recordId}`,
          )
        }
      }
      console.error(`block ${block + 1} of ${MODES.length} done (${mode} first for coder 1)`)
    }

    const figures = unwrap(await supervisor('getCoderFigures', {}), 'figures').items
    const percent = (value) => (value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)} %`)
    console.log('| coder | mode | records | median time | accepted | F1 vs gold | primary agrees | missing codes caught |')
    console.log('|---|---|---:|---:|---:|---:|---:|---:|')
    for (const row of figures) {
      const accepted = row.suggestions.shown === 0 ? null : row.suggestions.accepted / row.suggestions.shown
      console.log(
        `| ${row.coder} | ${row.mode} | ${row.records} | ${(row.medianActiveMs / 1000).toFixed(0)} s | ${percent(accepted)} | ${percent(row.gold?.microF1)} | ${percent(row.gold?.primaryAgreement)} | ${percent(row.missingCaught?.recall)} (${row.missingCaught?.records ?? 0}) |`,
      )
    }
    await model.close()
  } finally {
    workspace.close()
  }

  // The figure: the supervisor desk itself, in Chromium.
  const server = spawn('node', ['bin/clinicoco.js', 'serve', '--workspace', dir, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    const url = await new Promise((resolveUrl, reject) => {
      let output = ''
      server.stdout.on('data', (chunk) => {
        output += chunk.toString()
        const match = /"url":\s*"([^"]+)"/.exec(output)
        if (match) resolveUrl(match[1])
      })
      server.once('exit', (code) => reject(new Error(`serve exited ${code}`)))
    })
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] })
    try {
      const page = await browser.newPage({ viewport: { width: 1720, height: 900 } })
      await page.goto(url)
      await page.locator('[data-testid="sign-in-user"]').fill('supervisor')
      await page.locator('[data-testid="sign-in-password"]').fill('review-desk-2026')
      await page.locator('[data-testid="sign-in-submit"]').click()
      await page.locator('[data-testid="desk-tab"][data-desk="supervisor"]').click()
      await page.locator('[data-testid="figures-row"]').first().waitFor()
      await page.locator('[data-testid="figures-chart"] canvas').waitFor()
      await page.waitForTimeout(300)
      mkdirSync(resolve('docs/images'), { recursive: true })
      await page.screenshot({ path: OUT, fullPage: true })
      console.error(`Figure: ${OUT}`)
    } finally {
      await browser.close()
    }
  } finally {
    server.kill('SIGTERM')
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
if (!existsSync(OUT)) process.exitCode = 1
