import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { costEffective, paperCases, selectCases, type EffortExperimentResult } from './effort-experiment.js'
import { writeEffortOutput } from './experiment-output.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('the effort experiment keeps the paper case numbers', () => {
  it('numbers the ten cases 1–10 in the paper order', () => {
    const cases = paperCases(0.2, 0.4)
    expect(cases.map((effortCase) => effortCase.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(cases[6]).toMatchObject({ number: 7, noiseRatio: 0, clean: 0.1, noisy: 0.9, raw: 1 })
    expect(cases[7]).toMatchObject({ number: 8, noiseRatio: 0.4 })
  })

  it('selects cases by their paper number, not by their place in the selection', () => {
    const all = paperCases(0.2, 0.4)
    const chosen = selectCases(all, [10, 3])
    expect(chosen.map((effortCase) => effortCase.number)).toEqual([3, 10])
    expect(chosen.map((effortCase) => effortCase.name)).toEqual([all[2]?.name, all[9]?.name])
    expect(selectCases(all, undefined)).toHaveLength(10)
    expect(selectCases(all, [11])).toEqual([])
  })

  it('chooses the cost-effective setting among the cases at the corpus name-error ratio, not a what-if about the names', () => {
    const cases = paperCases(0.2, 0.4)
    const text = [0.565, 0.558, 0.635, 0.676, 0.771, 0.764, 0.803, 0.707, 0.778, 0.807]
    const clean = [136, 136, 136, 136, 136, 136, 136, 136, 408, 1359]
    const summary = cases.map((effortCase, index) => ({ ...effortCase, clean: clean[index] ?? 0, noisy: 0, raw: 0, text: text[index] ?? 0, withNames: 0, seeds: 1 }))
    // Case 7 (names without errors) is within 0.01 of the best with 136 clean records, but no hospital can choose its names' errors.
    expect(costEffective(summary, 0.01, 0.2)).toMatchObject({ name: cases[9]?.name, clean: 1359, noiseRatio: 0.2, best: { name: cases[9]?.name } })
    expect(costEffective(summary, 0.03, 0.2)).toMatchObject({ name: cases[8]?.name, clean: 408 })
    expect(costEffective(summary, 0.04, 0.2)).toMatchObject({ name: cases[4]?.name, clean: 136 })
    // Only what-if cases ran: they are all there is to choose from.
    expect(costEffective(summary.slice(6, 8), 0.01, 0.2)).toMatchObject({ name: cases[6]?.name, noiseRatio: 0 })
  })

  it('writes the table and CSV under the paper numbers when only some cases ran', async () => {
    const [three, ten] = selectCases(paperCases(0.2, 0.4), [3, 10]) as [ReturnType<typeof paperCases>[number], ReturnType<typeof paperCases>[number]]
    const row = (effortCase: typeof three, clean: number, text: number) => ({ ...effortCase, clean, noisy: 0, raw: 0, text, withNames: text + 0.1, seeds: 1 })
    const summary = [row(three, 67, 0.5), row(ten, 673, 0.7)]
    const result: EffortExperimentResult = {
      results: summary.map((entry) => ({
        ...(entry.number === 3 ? three : ten),
        seed: 13,
        records: { clean: entry.clean, noisy: 0, raw: 0 },
        point: { trainingRecords: { clean: entry.clean }, trainingSeconds: 1, text: { dev: entry.text, test: null, devMacro: entry.text }, withNames: { dev: entry.withNames, test: null } },
      })),
      summary,
      costEffective: costEffective(summary, 0.01, 0.2),
    }
    const dir = mkdtempSync(join(tmpdir(), 'effort-output-'))
    dirs.push(dir)
    await writeEffortOutput(dir, 'Test', {}, result)
    const markdown = readFileSync(join(dir, 'effort.md'), 'utf8')
    expect(markdown).toContain(`| 3 | ${three.name} |`)
    expect(markdown).toContain(`| 10 | ${ten.name} **(cost-effective)** |`)
    expect(markdown).not.toMatch(/^\| [12] \|/m)
    expect(markdown).toContain('among the cases at 20 % name errors')
    const csvRows = readFileSync(join(dir, 'effort.csv'), 'utf8').trim().split('\n')
    expect(csvRows[0]?.startsWith('case_number,case,seed')).toBe(true)
    expect(csvRows.slice(1).map((line) => line.split(',')[0])).toEqual(['3', '10'])
  }, 60_000)
})
