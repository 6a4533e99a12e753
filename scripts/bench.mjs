// `npm run bench`: speed figures on this machine, printed, never asserted (shared
// machines are noisy; compare figures from one run). Needs `npm run build`.
// - Code search on the full ICD-10-CM table (target: < 20 ms per query), from
//   ../shared/data when present.
// - Suggestions for one record of ~1,000 tokens with the demo model: tokenize →
//   ONNX → kNN → diagnosis names → suggestion list (target: ≤ 50 ms p50 on 2 cores).
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { readIcd10cm } from '../dist/engine/taxonomy/importers/read-icd10cm.js'
import { installCodeSet } from '../dist/engine/taxonomy/install-code-set.js'
import { searchCodes } from '../dist/engine/taxonomy/search-codes.js'
import { openWorkspace } from '../dist/engine/workspace/workspace.js'
import { createDemoWorkspace } from '../dist/engine/demo/create-demo-workspace.js'
import { fillDatastore, openWorkspaceModel } from '../dist/engine/coding/workspace-model.js'
import { toSuggestions } from '../dist/engine/coding/suggestions.js'
import { recordRowId } from '../dist/engine/records/record-row-id.js'
import { evaluateCoding } from '../dist/engine/metrics/evaluate-coding.js'
import { storeImportBatch } from '../dist/engine/records/store-records.js'

const DATA = resolve(process.env.CLINICOCO_DATA ?? '../shared/data')
const QUERIES = [
  'E11', 'e11.9', 'I10', 'S72.0', 'hypertension', 'diabetes mellitus', 'heart failure', 'pneumonia',
  'fracture of femur', 'chronic kidney disease', 'sepsis', 'asthma', 'myocardial infarction', 'copd',
  'ure', 'itis', 'abdominal pain', 'neoplasm of breast', 'high blood pressure', 'urinary tract infection',
]

function percentile(sorted, fraction) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]
}

function benchCodeSearch() {
  const folder = join(DATA, 'icd10cm')
  if (!existsSync(folder)) {
    console.log(`code search: skipped, ${folder} not found (set CLINICOCO_DATA)`)
    return
  }
  const dir = mkdtempSync(join(tmpdir(), 'clinicoco-bench-'))
  const workspace = openWorkspace(dir)
  try {
    let started = performance.now()
    const parsed = readIcd10cm(folder)
    const parseMs = performance.now() - started
    started = performance.now()
    const installed = installCodeSet(workspace.database, parsed.codeSet, { actor: 'bench', format: 'icd10cm', source: folder, rejects: parsed.rejects })
    const installMs = performance.now() - started
    console.log(`ICD-10-CM: ${installed.codes} codes, ${installed.terms} terms; parse ${parseMs.toFixed(0)} ms, install + FTS ${installMs.toFixed(0)} ms`)
    for (const query of QUERIES) searchCodes(workspace.database, { codeSetId: installed.codeSetId, query, limit: 20, assignableOnly: false })
    const timings = []
    for (let round = 0; round < 10; round += 1) {
      for (const query of QUERIES) {
        const t0 = performance.now()
        searchCodes(workspace.database, { codeSetId: installed.codeSetId, query, limit: 20, assignableOnly: false })
        timings.push(performance.now() - t0)
      }
    }
    timings.sort((a, b) => a - b)
    const worst = QUERIES.map((query) => {
      const t0 = performance.now()
      searchCodes(workspace.database, { codeSetId: installed.codeSetId, query, limit: 20, assignableOnly: false })
      return [query, performance.now() - t0]
    }).sort((a, b) => b[1] - a[1])[0]
    console.log(
      `code search (${timings.length} queries): p50 ${percentile(timings, 0.5).toFixed(2)} ms, p95 ${percentile(timings, 0.95).toFixed(2)} ms, max ${timings.at(-1).toFixed(2)} ms (slowest: "${worst[0]}")`,
    )
  } finally {
    workspace.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function benchSuggestions() {
  const modelDir = resolve(process.env.CLINICOCO_BENCH_MODEL ?? 'models/demo')
  if (!existsSync(join(modelDir, 'manifest.json'))) {
    console.log(`suggestions: skipped, no model bundle in ${modelDir} (npm run models:demo)`)
    return
  }
  const dir = mkdtempSync(join(tmpdir(), 'clinicoco-bench-'))
  createDemoWorkspace(dir, { seed: 20_261_126, recordCount: 3_000, noiseRatio: 0.2, chineseShare: 0.5 })
  const workspace = openWorkspace(dir)
  try {
    // A long record: the sections of many demo records, up to about 1,000 tokens.
    const sections = workspace.database
      .prepare("SELECT s.kind, s.title, s.text FROM record_sections s JOIN records r ON r.id = s.record_id WHERE r.language = 'en' ORDER BY s.record_id, s.position LIMIT 60")
      .all()
    storeImportBatch(workspace.database, {
      format: 'bench', source: 'bench', sha256: 'bench', actor: 'coder', rejects: [],
      records: [{ externalId: 'BENCH-LONG', language: 'en', split: 'none', sections, diagnosisNames: [{ text: 'HTN; T2DM; CKD 3', isPrimary: true }], goldCodes: [], mentions: [] }],
    })
    for (const threads of [1, 2]) {
      const model = await openWorkspaceModel(workspace, modelDir, { threads })
      const filled = performance.now()
      const added = await fillDatastore(workspace.database, model)
      const fillMs = performance.now() - filled
      const row = recordRowId(workspace.database, 'BENCH-LONG')
      const time = async (options) => {
        const timings = []
        let tokens = 0
        for (let round = 0; round < 40; round += 1) {
          const t0 = performance.now()
          const scores = await model.scoreRecord(row, options)
          toSuggestions(workspace.database, model, scores, { recordId: 'BENCH-LONG' })
          timings.push(performance.now() - t0)
          tokens = scores.output.tokens
        }
        timings.splice(0, 5) // warm-up
        timings.sort((a, b) => a - b)
        return `p50 ${percentile(timings, 0.5).toFixed(1)} ms, p95 ${percentile(timings, 0.95).toFixed(1)} ms (${tokens} tokens)`
      }
      if (threads === 1) console.log(`kNN datastore: ${model.datastore.size()} records (${added} embedded in ${(fillMs / 1000).toFixed(1)} s)`)
      console.log(`suggestions, ${threads} ONNX thread(s): model + kNN + names ${await time({})}; model + kNN ${await time({ names: false })}; model only ${await time({ names: false, knn: false })}`)
      await model.close()
    }
  } finally {
    workspace.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Evaluation over 250 records × 2,000 codes (target: well under a second): `eval` and the trainer's dev checks call it. */
function benchEvaluation() {
  let state = 1
  const random = () => {
    state = (state * 48271) % 2147483647
    return state / 2147483647
  }
  const codes = Array.from({ length: 2000 }, (_, index) => `C${index}`)
  const records = Array.from({ length: 250 }, () => ({
    gold: new Set(codes.filter(() => random() < 0.01)),
    scores: new Map(codes.map((code) => [code, random()])),
  }))
  const started = performance.now()
  evaluateCoding(records, codes, { threshold: 0.5, scope: 'all-codes', additionalCutoffs: [8, 15] })
  console.log(`evaluation: 250 records × 2,000 codes in ${(performance.now() - started).toFixed(0)} ms`)
}

benchCodeSearch()
benchEvaluation()
await benchSuggestions()
