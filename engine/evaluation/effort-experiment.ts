/**
 * `clinicoco experiment effort` — the paper's Fig. 6: how much each kind of
 * data buys. From a base workspace per noise ratio, each case composes its
 * training data on its own copy — a share of the labelled pool clean (reference
 * codes kept), a share noisy (reference codes removed: labels from the names),
 * a share of the raw pool as text only — trains at the same fixed settings
 * without kNN, and is scored on the same dev and test records. The
 * cost-effective setting is the case with the fewest clean records whose dev
 * micro-F1 is within `tolerance` of the best.
 */
import { join } from 'node:path'
import { deriveSeed, SeededRandom } from '../random/seeded-random.js'
import { CLEAN_SHARE_SETTING } from '../records/training-records.js'
import { setSetting, type Workspace } from '../workspace/workspace.js'
import { trainAndScore, type ExperimentPoint, type ExperimentTraining } from './experiment-model.js'
import { copyWorkspace } from './scratch-workspace.js'

export interface EffortCase {
  /** The case's number among the paper's ten (1–10): the same case keeps it, and its data draw, when only some cases run. */
  number: number
  name: string
  /** Shares of the labelled pool. */
  clean: number
  noisy: number
  /** Share of the raw pool used as text-only records. */
  raw: number
  /** Share of names given a simulated error: which base workspace. */
  noiseRatio: number
}

/** The ten cases, after the paper's Fig. 6: clean alone, + raw, noisy:clean from 1:1 to 9:1, the CliniCoCo mix at three noise ratios, more clean, all clean. */
export function paperCases(defaultNoise: number, highNoise: number): EffortCase[] {
  const cases: Array<Omit<EffortCase, 'number'>> = [
    { name: 'clean 10%', clean: 0.1, noisy: 0, raw: 0, noiseRatio: defaultNoise },
    { name: 'clean 10% + raw', clean: 0.1, noisy: 0, raw: 1, noiseRatio: defaultNoise },
    { name: 'clean 10% + noisy 10% (1:1)', clean: 0.1, noisy: 0.1, raw: 0, noiseRatio: defaultNoise },
    { name: 'clean 10% + noisy 30% (3:1)', clean: 0.1, noisy: 0.3, raw: 0, noiseRatio: defaultNoise },
    { name: 'clean 10% + noisy 90% (9:1)', clean: 0.1, noisy: 0.9, raw: 0, noiseRatio: defaultNoise },
    { name: 'clean 10% + noisy 90% + raw', clean: 0.1, noisy: 0.9, raw: 1, noiseRatio: defaultNoise },
    { name: 'clean 10% + noisy 90% + raw, names without errors', clean: 0.1, noisy: 0.9, raw: 1, noiseRatio: 0 },
    { name: `clean 10% + noisy 90% + raw, ${Math.round(highNoise * 100)}% name errors`, clean: 0.1, noisy: 0.9, raw: 1, noiseRatio: highNoise },
    { name: 'clean 30% + noisy 70% + raw', clean: 0.3, noisy: 0.7, raw: 1, noiseRatio: defaultNoise },
    { name: 'clean 100% + raw', clean: 1, noisy: 0, raw: 1, noiseRatio: defaultNoise },
  ]
  return cases.map((effortCase, index) => ({ number: index + 1, ...effortCase }))
}

/** The paper's cases with these numbers (all when none are named), in the paper's order. */
export function selectCases(cases: EffortCase[], numbers: number[] | undefined): EffortCase[] {
  return cases.filter((effortCase) => !numbers || numbers.includes(effortCase.number))
}

export interface EffortPools {
  /** Training records with reference codes: become clean or noisy. */
  labelled: number[]
  /** Records that may serve as text only. */
  raw: number[]
}

export interface EffortExperimentRequest {
  cases: EffortCase[]
  /** A base workspace per noise ratio (same records, different name errors). */
  baseFor: (noiseRatio: number) => Promise<Workspace>
  pools: (workspace: Workspace) => EffortPools
  workDir: string
  seeds: number[]
  training: ExperimentTraining
  tolerance: number
  /** The name-error ratio the corpus's names have (CORPUS_NOISE's default): the cost-effective setting is chosen among the cases at it. */
  namesNoise: number
  log: (line: string) => void
}

export interface EffortCaseResult extends EffortCase {
  seed: number
  records: { clean: number; noisy: number; raw: number }
  point: Pick<ExperimentPoint, 'trainingRecords' | 'trainingSeconds'> & {
    text: { dev: number; test: number | null; devMacro: number }
    withNames: { dev: number; test: number | null }
  }
}

export interface EffortExperimentResult {
  results: EffortCaseResult[]
  /** Per case, the mean over seeds. */
  summary: Array<{ number: number; name: string; clean: number; noisy: number; raw: number; noiseRatio: number; text: number; withNames: number; seeds: number }>
  costEffective: { name: string; clean: number; text: number; best: { name: string; text: number }; tolerance: number; noiseRatio: number }
}

export async function runEffortExperiment(request: EffortExperimentRequest): Promise<EffortExperimentResult> {
  const results: EffortCaseResult[] = []
  for (const effortCase of request.cases) {
    const base = await request.baseFor(effortCase.noiseRatio)
    for (const seed of request.seeds) {
      const dir = join(request.workDir, `case-${effortCase.number}-seed-${seed}`)
      const workspace = copyWorkspace(base, dir)
      try {
        const records = composeTrainingData(workspace, request.pools(workspace), effortCase, deriveSeed(seed, effortCase.number - 1))
        const point = await trainAndScore(workspace, join(dir, 'model'), { ...request.training, seed })
        results.push({
          ...effortCase,
          seed,
          records,
          point: {
            trainingRecords: point.trainingRecords,
            trainingSeconds: point.trainingSeconds,
            text: { dev: point.text.dev.microF1, test: point.text.test?.microF1 ?? null, devMacro: point.text.dev.macroF1 },
            withNames: { dev: point.withNames.dev.microF1, test: point.withNames.test?.microF1 ?? null },
          },
        })
        request.log(`case ${effortCase.number} (${effortCase.name}), seed ${seed}: ${records.clean} clean, ${records.noisy} noisy, ${records.raw} raw → dev micro-F1 text ${point.text.dev.microF1.toFixed(4)}, with names ${point.withNames.dev.microF1.toFixed(4)} (${point.trainingSeconds} s)`)
      } finally {
        workspace.close()
      }
    }
  }
  const summary = request.cases.map((effortCase) => {
    const mine = results.filter((result) => result.name === effortCase.name)
    const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length)
    return {
      number: effortCase.number,
      name: effortCase.name,
      clean: Math.round(mean(mine.map((result) => result.records.clean))),
      noisy: Math.round(mean(mine.map((result) => result.records.noisy))),
      raw: Math.round(mean(mine.map((result) => result.records.raw))),
      noiseRatio: effortCase.noiseRatio,
      text: mean(mine.map((result) => result.point.text.dev)),
      withNames: mean(mine.map((result) => result.point.withNames.dev)),
      seeds: mine.length,
    }
  })
  return { results, summary, costEffective: costEffective(summary, request.tolerance, request.namesNoise) }
}

/**
 * The case with the fewest clean records within `tolerance` of the best dev micro-F1 (the text model),
 * among the cases at the corpus's name-error ratio. The cases at other ratios (names without errors,
 * 40 % errors) are what-ifs about the names, not a choice a hospital can make about its annotation, so
 * they neither win nor set the best (all cases count when none is at that ratio).
 */
export function costEffective(summary: EffortExperimentResult['summary'], tolerance: number, namesNoise: number): EffortExperimentResult['costEffective'] {
  const atNoise = summary.filter((entry) => entry.noiseRatio === namesNoise)
  const choices = atNoise.length > 0 ? atNoise : summary
  const best = choices.reduce((top, entry) => (entry.text > top.text ? entry : top))
  const near = choices.filter((entry) => entry.text >= best.text - tolerance).sort((a, b) => a.clean - b.clean || b.text - a.text)
  const chosen = near[0] ?? best
  return { name: chosen.name, clean: chosen.clean, text: chosen.text, best: { name: best.name, text: best.text }, tolerance, noiseRatio: chosen.noiseRatio }
}

/**
 * Shapes a scratch copy's training data for one case (reference codes on training
 * records count clean here). Labelled pool, shuffled: the first share keeps its
 * reference codes (clean), the next loses them (noisy: its names' labels remain);
 * the raw pool's share loses codes, names and labels and becomes background text;
 * every other training record is deleted. Dev and test stay as they are.
 */
export function composeTrainingData(workspace: Workspace, pools: EffortPools, effortCase: EffortCase, seed: number): { clean: number; noisy: number; raw: number } {
  const { database } = workspace
  const random = new SeededRandom(seed)
  const labelled = random.shuffle(pools.labelled)
  const cleanCount = Math.round(labelled.length * effortCase.clean)
  const noisyCount = Math.min(labelled.length - cleanCount, Math.round(labelled.length * effortCase.noisy))
  const clean = labelled.slice(0, cleanCount)
  const noisy = labelled.slice(cleanCount, cleanCount + noisyCount)
  const labelledSet = new Set([...clean, ...noisy])
  const rawPool = random.shuffle(pools.raw.filter((id) => !labelledSet.has(id)))
  const raw = rawPool.slice(0, Math.round(rawPool.length * effortCase.raw))
  const keep = new Set([...clean, ...noisy, ...raw])
  const dropped = [...labelled, ...rawPool].filter((id) => !keep.has(id))
  database.transaction(() => {
    setSetting(database, CLEAN_SHARE_SETTING, '1')
    const removeGold = database.prepare('DELETE FROM gold_codes WHERE record_id = ?')
    for (const id of noisy) removeGold.run(id)
    for (const id of raw) {
      removeGold.run(id)
      database.prepare('DELETE FROM name_labels WHERE record_id = ?').run(id)
      database.prepare('DELETE FROM diagnosis_names WHERE record_id = ?').run(id)
      database.prepare("UPDATE records SET split = 'background' WHERE id = ?").run(id)
    }
    const removeRecord = database.prepare('DELETE FROM records WHERE id = ?')
    for (const id of dropped) removeRecord.run(id)
  })
  return { clean: clean.length, noisy: noisy.length, raw: raw.length }
}
