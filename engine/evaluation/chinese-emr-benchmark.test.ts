import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runChineseEmrBenchmark } from './chinese-emr-benchmark.js'

// The clinical 2.0 table is public data outside the repository (../shared/data); it is read, never copied.
const CODES = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'icd10-cn')
const hasData = existsSync(join(CODES, 'clinical-2.0.tsv'))
if (!hasData) console.warn(`Skipping the Chinese EMR benchmark test: ${CODES} is absent.`)

describe.skipIf(!hasData)('benchmark chinese-emr (reduced run)', () => {
  it('runs in a new workspace of its own (main once refused its temporary folder), splits every generated list exactly, and labels above chance', () => {
    const report = runChineseEmrBenchmark({ codesDir: CODES, records: 40, seed: 17 })
    expect(report.import.inserted).toBe(40)
    expect(report.listSplitting.importExact).toBe(1)
    expect(report.listSplitting.normaliserSegmentsExact).toBe(1)
    expect(report.zeroShot.quality.full.f1).toBeGreaterThan(0.5)
  }, 300_000)

  it('refuses to reuse a kept workspace folder, leaving it as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clinicoco-emr-kept-'))
    try {
      runChineseEmrBenchmark({ codesDir: CODES, records: 12, seed: 3, fit: false, workspaceDir: dir })
      expect(existsSync(join(dir, 'clinicoco.db'))).toBe(true)
      expect(() => runChineseEmrBenchmark({ codesDir: CODES, records: 12, seed: 3, fit: false, workspaceDir: dir })).toThrow(/already exists/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 300_000)
})
