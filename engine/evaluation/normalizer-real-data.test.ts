/**
 * The benchmarks on the real shared data, cut down to run in seconds: fewer
 * training and scored names than the full runs in docs/normaliser.md, so the
 * floors here sit below the full-run figures. Fitting on fewer than 300 names
 * takes the logistic first stage; `boosted-trees.test.ts` covers the trees.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runChipCdnBenchmark } from './chip-cdn-benchmark.js'
import { runCodiEspBenchmark } from './codiesp-mentions-benchmark.js'

const DATA = join(import.meta.dirname, '..', '..', '..', 'shared', 'data')
const hasData = existsSync(join(DATA, 'chip-cdn', 'train.json')) && existsSync(join(DATA, 'codiesp', 'train')) && existsSync(join(DATA, 'icd10cm'))
if (!hasData) console.warn(`Skipping normaliser real-data tests: ${DATA} is absent.`)

describe.skipIf(!hasData)('normaliser on real data (reduced runs)', () => {
  it('CHIP-CDN: held-out set F1 well above chance with calibrated confidence', async () => {
    const report = await runChipCdnBenchmark(join(DATA, 'chip-cdn'), { trainLimit: 2_000, fitLimit: 250, evalLimit: 300 })
    expect(report.split).toMatch(/seeded 20% of train/)
    expect(report.dev?.count).toBe(300)
    expect(report.dev?.f1).toBeGreaterThan(0.45)
    expect(report.dev?.calibration_error).toBeLessThan(0.12)
    expect(report.encoder).toBeNull()
  })

  it('CodiEsp: dev mention accuracy@1 beats exact lookup, and titles alone give something', async () => {
    const report = await runCodiEspBenchmark(join(DATA, 'codiesp'), {
      codesDirectory: join(DATA, 'icd10cm'),
      withoutIndexTerms: true,
      fitLimit: 250,
      evalLimit: 400,
    })
    const dev = report.dev
    expect(dev?.count).toBe(400)
    expect(dev?.accuracy_at_1).toBeGreaterThan((report.exact_lookup_baseline.dev?.accuracy_at_1 ?? 1) + 0.05)
    expect(report.titles_only.dev?.accuracy_at_5).toBeGreaterThan(0.2)
  })
})
