// `npm run bench`: speed figures on this machine, printed, never asserted (shared
// machines are noisy; compare figures from one run). Needs `npm run build`.
// Code search on the full ICD-10-CM table (target: < 20 ms per query), from
// ../shared/data when present.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { readIcd10cm } from '../dist/engine/taxonomy/importers/read-icd10cm.js'
import { installCodeSet } from '../dist/engine/taxonomy/install-code-set.js'
import { searchCodes } from '../dist/engine/taxonomy/search-codes.js'
import { openWorkspace } from '../dist/engine/workspace/workspace.js'

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

benchCodeSearch()
