import { join, resolve } from 'node:path'
import { tmpdir } from 'node:os'
import { mkdirSync, rmSync } from 'node:fs'
import { AppFailure } from '../../../contract/result.js'
import { runAnnotationExperiment, type AnnotationExperimentResult } from '../../evaluation/annotation-experiment.js'
import { runEffortExperiment, paperCases, selectCases, type EffortExperimentResult } from '../../evaluation/effort-experiment.js'
import { baseCache, CORPUS_NOISE, effortPools, type CorpusOptions, type ExperimentCorpus } from '../../evaluation/experiment-corpora.js'
import { writeAnnotationOutput, writeEffortOutput, type WrittenOutput } from '../../evaluation/experiment-output.js'
import { defaultCodesDir } from '../../evaluation/codiesp-workspace.js'
import { choiceOption, JSON_OPTION, listOption, numberOption, optionalString, requireString } from '../command.js'
import type { Command, OptionSpec, ParsedOptions } from '../command.js'

const COMMON_OPTIONS: Record<string, OptionSpec> = {
  corpus: { type: 'string', description: 'demo (the generated hospital) or codiesp', default: 'demo' },
  data: { type: 'string', description: 'CodiEsp folder (with --corpus codiesp)' },
  codes: { type: 'string', description: 'ICD-10-CM folder (default: icd10cm beside --data)' },
  records: { type: 'string', description: 'demo hospital size', default: '3000' },
  out: { type: 'string', description: 'folder for tables (CSV, Markdown, JSON) and figures (PNG)' },
  'work-dir': { type: 'string', description: 'scratch folder for the workspaces and models (replaced; default: in the system temp folder)' },
  'budget-minutes': { type: 'string', description: 'training time limit per model', default: '10' },
  'clean-epochs': { type: 'string', description: 'network epochs of step 3 per model (0: the fitted regression alone)', default: '0' },
  seeds: { type: 'string', description: 'comma-separated seeds', default: '13' },
  'no-noisy': { type: 'boolean', description: 'train without the noisy records (clean and raw only)' },
  quiet: { type: 'boolean', description: 'no progress lines on stderr' },
  json: JSON_OPTION,
}

interface Common {
  corpus: CorpusOptions
  outDir: string
  workDir: string
  seeds: number[]
  training: { budgetMinutes: number; cleanEpochs: number; seed: number; withoutNoisy: boolean }
  log: (line: string) => void
}

function common(options: ParsedOptions, name: string): Common {
  const corpus = choiceOption(options, 'corpus', ['demo', 'codiesp'] as const)
  if (corpus === undefined) throw new AppFailure('invalid-input', '--corpus is required (demo or codiesp).')
  const dataDir = optionalString(options, 'data')
  if (corpus === 'codiesp' && !dataDir) throw new AppFailure('invalid-input', '--corpus codiesp needs --data (the CodiEsp folder).')
  const seeds = (listOption(options, 'seeds') ?? ['13']).map((seed) => {
    const value = Number(seed)
    if (!Number.isInteger(value) || value < 0) throw new AppFailure('invalid-input', `--seeds must be whole numbers, got "${seed}".`)
    return value
  })
  const workDir = resolve(optionalString(options, 'work-dir') ?? join(tmpdir(), `clinicoco-experiment-${name}-${corpus}`))
  rmSync(workDir, { recursive: true, force: true })
  mkdirSync(workDir, { recursive: true })
  return {
    corpus: {
      corpus: corpus satisfies ExperimentCorpus,
      records: numberOption(options, 'records', { min: 100, max: 200_000, whole: true }) ?? 3000,
      seed: 20_261_126,
      dataDir: dataDir ? resolve(dataDir) : undefined,
      codesDir: dataDir ? resolve(optionalString(options, 'codes') ?? defaultCodesDir(resolve(dataDir))) : undefined,
    },
    outDir: resolve(requireString(options, 'out')),
    workDir,
    seeds,
    training: {
      budgetMinutes: numberOption(options, 'budget-minutes', { min: 0.1, max: 1_000 }) ?? 10,
      cleanEpochs: numberOption(options, 'clean-epochs', { min: 0, max: 500, whole: true }) ?? 0,
      seed: seeds[0] ?? 13,
      withoutNoisy: options['no-noisy'] === true,
    },
    log: (line) => {
      if (options.quiet !== true) process.stderr.write(`${line}\n`)
    },
  }
}

function corpusTitle(corpus: CorpusOptions, withoutNoisy: boolean): string {
  const trained = withoutNoisy ? ', trained on clean records only' : ''
  return corpus.corpus === 'demo' ? `Demo hospital (${corpus.records} records${trained})` : `CodiEsp (CliniCoCo setting${trained})`
}

export const experimentAnnotationCommand: Command<AnnotationExperimentResult & { output: WrittenOutput; minutes: number }> = {
  name: ['experiment', 'annotation'],
  // Like `benchmark`: its own scratch workspaces from a corpus file, no account of a hospital's workspace involved.
  access: 'none',
  summary: "The paper's Table 4 and effort curve: the adaptive annotation queue against random selection of as many clean records (simulated annotator, a model trained per point).",
  options: {
    ...COMMON_OPTIONS,
    s: { type: 'string', description: 'clean examples wanted per code', default: '5' },
    'max-records-per-patch': { type: 'string', description: 'cap each adaptive patch (more points on the curve)' },
    'max-patches': { type: 'string', description: 'stop the adaptive queue after this many patches', default: '8' },
    'random-multiples': { type: 'string', description: "random selection also at these multiples of adaptive's last count", default: '1.5,2,3' },
  },
  run: async (options) => {
    const started = performance.now()
    const run = common(options, 'annotation')
    const noise = CORPUS_NOISE[run.corpus.corpus].default
    const bases = baseCache(run.workDir, run.corpus)
    try {
      const base = await bases.baseFor(noise)
      const settings = {
        corpus: run.corpus.corpus,
        records: run.corpus.corpus === 'demo' ? run.corpus.records : null,
        noiseRatio: noise,
        s: numberOption(options, 's', { min: 1, max: 1_000, whole: true }) ?? 5,
        maxRecordsPerPatch: numberOption(options, 'max-records-per-patch', { min: 1, max: 1_000_000, whole: true }) ?? null,
        maxPatches: numberOption(options, 'max-patches', { min: 1, max: 100, whole: true }) ?? 8,
        randomSeeds: run.seeds,
        randomMultiples: (listOption(options, 'random-multiples') ?? []).map(Number).filter((value) => value > 0),
        training: run.training,
      }
      const result = await runAnnotationExperiment({
        base,
        workDir: run.workDir,
        target: settings.s,
        maxRecordsPerPatch: settings.maxRecordsPerPatch ?? undefined,
        maxPatches: settings.maxPatches,
        randomSeeds: settings.randomSeeds,
        randomMultiples: settings.randomMultiples,
        training: { ...run.training, onLine: () => undefined },
        log: run.log,
      })
      const minutes = Number(((performance.now() - started) / 60_000).toFixed(1))
      const output = await writeAnnotationOutput(run.outDir, corpusTitle(run.corpus, run.training.withoutNoisy), { ...settings, minutes }, result)
      return { ...result, output, minutes }
    } finally {
      bases.close()
    }
  },
  describe: (result) => [
    `Adaptive queue (s = ${result.target}): ${result.adaptive.map((point) => `${point.cleanRecords} → ${point.text.toFixed(3)}`).join(', ')}`,
    `Random selection: ${result.random.map((point) => `${point.cleanRecords} → ${point.text.toFixed(3)}`).join(', ')}`,
    result.headline.adaptiveRecords === null
      ? `Random's best ${result.headline.random.microF1.toFixed(3)} (${result.headline.random.cleanRecords} records) is not reached by the adaptive queue.`
      : `Random's best ${result.headline.random.microF1.toFixed(3)} (${result.headline.random.cleanRecords} records) is reached by the adaptive queue with ${result.headline.adaptiveRecords} (${Math.round((result.headline.saving ?? 0) * 100)} % fewer).`,
    `Written (${result.minutes} min): ${result.output.files.join(', ')}${result.output.figuresSkipped ? `; figures skipped: ${result.output.figuresSkipped}` : ''}`,
  ],
}

export const experimentEffortCommand: Command<EffortExperimentResult & { output: WrittenOutput; minutes: number }> = {
  name: ['experiment', 'effort'],
  access: 'none',
  summary: "The paper's Fig. 6: micro-F1 of ten training-data cases (raw count, noisy:clean proportion, name noise ratio), without kNN at a fixed budget; names the cost-effective one.",
  options: {
    ...COMMON_OPTIONS,
    'labelled-share': { type: 'string', description: "demo: share of training records in the labelled pool (the rest is the raw pool)", default: '0.65' },
    tolerance: { type: 'string', description: "cost-effective: fewest clean records within this much dev micro-F1 of the best, among the cases at the corpus's name-error ratio", default: '0.01' },
    cases: { type: 'string', description: 'run only these case numbers (comma-separated, 1–10)' },
  },
  run: async (options) => {
    const started = performance.now()
    const run = common(options, 'effort')
    const noise = CORPUS_NOISE[run.corpus.corpus]
    const chosen = listOption(options, 'cases')?.map(Number)
    const cases = selectCases(paperCases(noise.default, noise.high), chosen)
    if (cases.length === 0) throw new AppFailure('invalid-input', '--cases names none of the cases 1–10.')
    const labelledShare = numberOption(options, 'labelled-share', { min: 0.05, max: 1 }) ?? 0.65
    const bases = baseCache(run.workDir, run.corpus)
    try {
      const settings = { corpus: run.corpus.corpus, records: run.corpus.corpus === 'demo' ? run.corpus.records : null, labelledShare, seeds: run.seeds, training: run.training, cases }
      const result = await runEffortExperiment({
        cases,
        baseFor: bases.baseFor,
        pools: (workspace) => effortPools(workspace, run.corpus.corpus, labelledShare),
        workDir: run.workDir,
        seeds: run.seeds,
        training: { ...run.training, onLine: () => undefined },
        tolerance: numberOption(options, 'tolerance', { min: 0, max: 1 }) ?? 0.01,
        namesNoise: noise.default,
        log: run.log,
      })
      const minutes = Number(((performance.now() - started) / 60_000).toFixed(1))
      const output = await writeEffortOutput(run.outDir, corpusTitle(run.corpus, run.training.withoutNoisy), { ...settings, minutes }, result)
      return { ...result, output, minutes }
    } finally {
      bases.close()
    }
  },
  describe: (result) => [
    ...result.summary.map((entry) => `${String(entry.number).padStart(2)}. ${entry.name.padEnd(52)} ${String(entry.clean).padStart(5)} clean ${String(entry.noisy).padStart(5)} noisy ${String(entry.raw).padStart(5)} raw  text ${entry.text.toFixed(3)}  + names ${entry.withNames.toFixed(3)}`),
    `Cost-effective: ${result.costEffective.name} (${result.costEffective.clean} clean records, ${result.costEffective.text.toFixed(3)}; best ${result.costEffective.best.text.toFixed(3)})`,
    `Written (${result.minutes} min): ${result.output.files.join(', ')}${result.output.figuresSkipped ? `; figures skipped: ${result.output.figuresSkipped}` : ''}`,
  ],
}
