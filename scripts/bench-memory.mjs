// Peak memory of suggestions by record length (part of `npm run bench`; alone:
// `node scripts/bench-memory.mjs`). Needs `npm run build` and the demo model.
//
// A demo workspace gets records of 1k, 10k, 100k and 1M characters, English and
// Chinese (one token per Han character: the longest token streams); each is
// suggested for in a fresh process, whose peak RSS (getrusage) is printed. The
// first column is the process after opening the model, so the growth that is
// the record's own shows. Each child runs under `ulimit -v` (4 GB): a
// regression fails its row instead of taking the machine down.
//
// Then a 10 MB record is offered to the import: it is refused (record limit),
// and a normal record is still suggested for.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const CLI = resolve('bin/clinicoco.js')
const CHILD = resolve('scripts/bench-memory-child.mjs')
const MEMORY_CAP_KB = 4_000_000
const SIZES = [1_000, 10_000, 100_000, 1_000_000]
const SENTENCES = {
  en: 'Admitted with crushing chest pain radiating to the left arm and shortness of breath. History of essential hypertension and type 2 diabetes mellitus with chronic kidney disease stage 3. ECG showed ST depression; troponin rose to 2.1 ng/mL. ',
  zh: '患者因胸痛伴气促三天入院，疼痛向左臂放射。既往原发性高血压十年，2型糖尿病伴慢性肾脏病3期。心电图示ST段压低，肌钙蛋白升高至2.1纳克每毫升。',
}

function text(language, length) {
  const sentence = SENTENCES[language]
  return sentence.repeat(Math.ceil(length / sentence.length)).slice(0, length)
}

function cli(args) {
  return spawnSync('node', [CLI, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
}

function measure(workspace, recordId) {
  const run = spawnSync('bash', ['-c', `ulimit -v ${MEMORY_CAP_KB}; exec node "$0" "$@"`, CHILD, workspace, recordId], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })
  if (run.status !== 0) return { recordId, failed: `exit ${run.status ?? run.signal}: ${run.stderr.trim().split('\n').at(-1)}` }
  return JSON.parse(run.stdout.trim().split('\n').at(-1))
}

const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`.padStart(8)

const dir = mkdtempSync(join(tmpdir(), 'clinicoco-bench-memory-'))
try {
  const workspace = join(dir, 'workspace')
  const demo = cli(['demo', '--workspace', workspace, '--records', '300', '--json'])
  if (demo.status !== 0) throw new Error(`demo failed: ${demo.stderr}`)
  if (JSON.parse(demo.stdout).model === null) {
    console.log('peak memory: skipped, no demo model (npm run models:demo)')
    process.exit(0)
  }
  // Sections of at most 500,000 characters each (the default field limit): a 1M record has two.
  const lines = []
  for (const language of ['en', 'zh']) {
    for (const size of SIZES) {
      // The record limit counts the diagnosis names too: the texts leave room for them.
      const names = language === 'en' ? 'hypertension;type 2 diabetes' : '高血压;2型糖尿病'
      const textLength = size - names.replace(';', '').length
      const half = Math.floor(textLength / 2)
      lines.push(JSON.stringify({ id: `MEM-${language}-${size}`, language, note: text(language, half), history: text(language, textLength - half), names }))
    }
  }
  const file = join(dir, 'long-records.jsonl')
  writeFileSync(file, `${lines.join('\n')}\n`)
  const mapping = join(dir, 'mapping.json')
  writeFileSync(mapping, JSON.stringify({ id: 'id', language: { field: 'language' }, sections: [{ field: 'note', kind: 'present_illness', title: '' }, { field: 'history', kind: 'past_history', title: '' }], diagnosisNames: { field: 'names', separator: ';' } }))
  const imported = cli(['import', '--workspace', workspace, '--format', 'jsonl', '--mapping', mapping, file, '--json'])
  if (imported.status !== 0) throw new Error(`import failed (exit ${imported.status}): ${imported.stdout}${imported.stderr}`)

  console.log(`peak RSS of one suggestion by record length (each in a fresh process, capped at ${MEMORY_CAP_KB / 1e6} GB; demo model, kNN datastore filled):`)
  console.log('  record            characters    tokens  chunks   model open   peak RSS   suggest time')
  for (const language of ['en', 'zh']) {
    for (const size of SIZES) {
      const result = measure(workspace, `MEM-${language}-${size}`)
      if (result.failed) {
        console.log(`  ${result.recordId.padEnd(16)} FAILED ${result.failed}`)
        continue
      }
      console.log(
        `  ${result.recordId.padEnd(16)} ${String(result.characters).padStart(10)} ${String(result.tokens).padStart(9)} ${String(result.chunks).padStart(7)} ${mib(result.loadedRssBytes)}   ${mib(result.peakRssBytes)} ${(result.elapsedMs / 1000).toFixed(1).padStart(10)} s`,
      )
    }
  }

  // The record that once took a machine down: refused at import, and suggestions go on.
  const huge = join(dir, 'ten-megabytes.jsonl')
  writeFileSync(huge, `${JSON.stringify({ id: 'HUGE-10MB', language: 'en', note: text('en', 10_000_000), history: '', names: '' })}\n`)
  const offered = cli(['import', '--workspace', workspace, '--format', 'jsonl', '--mapping', mapping, huge, '--json'])
  const report = JSON.parse(offered.stdout)
  console.log(`a 10 MB record offered: import exit ${offered.status}, ${report.inserted} stored, ${report.rejected} rejected: ${report.rejects[0]?.reason ?? ''}`)
  const after = measure(workspace, 'DEMO-000001')
  console.log(after.failed ? `then DEMO-000001: FAILED ${after.failed}` : `then DEMO-000001: ${after.codes} codes suggested in ${after.elapsedMs.toFixed(0)} ms, peak RSS ${mib(after.peakRssBytes).trim()}`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
