/**
 * `clinicoco experiment annotation` — the paper's Table 4 and its curve of
 * effectiveness against annotation effort: the adaptive annotation queue
 * against random selection of the same number of clean records.
 *
 * A base workspace is prepared once (the demo hospital or CodiEsp in the
 * CliniCoCo setting: names with simulated errors, normalised into noisy labels;
 * reference codes kept as the answer key only, so a training record is clean
 * only once the simulated annotator has answered it). Then, each on its own
 * copy of the base:
 * - adaptive: plan a patch, annotate it, train and score; again until every
 *   code has s clean examples or no candidate is left;
 * - random (per seed): random patches reaching the same clean counts, then
 *   further counts (multiples of adaptive's last), trained and scored the same way.
 * Every point is a model trained from scratch at the same settings, scored on
 * the same dev (and test) records without kNN.
 */
import { join } from 'node:path'
import type { ChapterRow, SplitMetrics } from '../../contract/model-report.js'
import { annotationQueue } from '../annotate/annotation-queue.js'
import { annotationStatus } from '../annotate/annotation-status.js'
import { planAnnotationPatch } from '../annotate/plan-annotation-patch.js'
import { simulateAnnotation } from '../annotate/simulated-annotator.js'
import type { Workspace } from '../workspace/workspace.js'
import { activeCodeSetId } from '../workspace/workspace.js'
import { trainAndScore, type ExperimentPoint, type ExperimentTraining } from './experiment-model.js'
import { copyWorkspace } from './scratch-workspace.js'

export const ANNOTATOR = 'coder'

export interface AnnotationExperimentRequest {
  base: Workspace
  workDir: string
  /** s: clean examples wanted per code. */
  target: number
  maxRecordsPerPatch?: number
  maxPatches: number
  randomSeeds: number[]
  /** Random selection also at these multiples of the adaptive queue's final clean count. */
  randomMultiples: number[]
  training: ExperimentTraining
  log: (line: string) => void
}

export interface CurvePoint {
  cleanRecords: number
  /** Dev micro-F1 of the text model / with names. */
  text: number
  withNames: number
  macroText: number
  trainingSeconds: number
}

export interface AnnotationExperimentResult {
  target: number
  adaptive: Array<CurvePoint & { patch: number; codesShort: number }>
  random: Array<CurvePoint & { seed: number }>
  /** Per ICD chapter at adaptive's final clean count: adaptive vs random (mean over seeds), on test where there is one. */
  table4: { split: 'dev' | 'test'; cleanRecords: number; rows: Array<ChapterRow & { randomF1: number | null }>; adaptive: SplitMetrics; random: SplitMetrics[] }
  headline: Headline
}

export interface Headline {
  metric: 'text' | 'withNames'
  /** Random selection's best mean dev micro-F1 and the clean records it took. */
  random: { cleanRecords: number; microF1: number }
  /** The fewest clean records at which the adaptive curve (linearly interpolated) reaches that F1; null if it never does. */
  adaptiveRecords: number | null
  /** 1 − adaptive / random records: the share of annotation saved. */
  saving: number | null
  /** The other way round: adaptive's final point, and the clean records random selection (mean curve, interpolated) needs for its F1; null if it never gets there. */
  adaptiveFinal: { cleanRecords: number; microF1: number }
  randomRecordsForAdaptiveFinal: number | null
  savingAgainstRandom: number | null
}

export async function runAnnotationExperiment(request: AnnotationExperimentRequest): Promise<AnnotationExperimentResult> {
  const { log } = request
  const adaptive: AnnotationExperimentResult['adaptive'] = []
  const adaptivePoints: ExperimentPoint[] = []
  {
    const workspace = copyWorkspace(request.base, join(request.workDir, 'adaptive'))
    try {
      const codeSetId = activeCodeSetId(workspace.database)
      for (let patch = 1; patch <= request.maxPatches; patch += 1) {
        const status = annotationStatus(workspace.database, codeSetId)
        if (status.complete || status.summary.short === 0) break
        const planned = planAnnotationPatch(workspace.database, {
          codeSetId,
          actor: ANNOTATOR,
          method: 'adaptive',
          target: request.target,
          trustThreshold: null,
          maxRecords: request.maxRecordsPerPatch,
          coders: [ANNOTATOR],
          seed: request.training.seed,
        })
        annotate(workspace, codeSetId)
        const point = await trainAndScore(workspace, join(request.workDir, 'adaptive', 'model'), request.training)
        adaptivePoints.push(point)
        adaptive.push({ patch, codesShort: planned.codesShort, ...curvePoint(point) })
        log(`adaptive patch ${patch}: ${planned.records} records, ${point.trainingRecords.clean} clean → dev micro-F1 text ${point.text.dev.microF1.toFixed(4)}, with names ${point.withNames.dev.microF1.toFixed(4)}`)
      }
    } finally {
      workspace.close()
    }
  }
  if (adaptive.length === 0) throw new Error('The adaptive queue planned nothing: every code already has s clean examples.')
  const finalCount = (adaptive.at(-1) as CurvePoint).cleanRecords
  const counts = [...new Set([...adaptive.map((point) => point.cleanRecords), ...request.randomMultiples.map((multiple) => Math.round(finalCount * multiple))])].sort((a, b) => a - b)

  const random: AnnotationExperimentResult['random'] = []
  const randomAtFinal: ExperimentPoint[] = []
  for (const seed of request.randomSeeds) {
    const workspace = copyWorkspace(request.base, join(request.workDir, `random-${seed}`))
    try {
      const codeSetId = activeCodeSetId(workspace.database)
      for (const count of counts) {
        const clean = annotationStatus(workspace.database, codeSetId).classes.clean
        if (count > clean) {
          planAnnotationPatch(workspace.database, { codeSetId, actor: ANNOTATOR, method: 'random', target: request.target, trustThreshold: null, maxRecords: count - clean, coders: [ANNOTATOR], seed })
          annotate(workspace, codeSetId)
        }
        const point = await trainAndScore(workspace, join(request.workDir, `random-${seed}`, 'model'), { ...request.training })
        random.push({ seed, ...curvePoint(point) })
        if (count === finalCount) randomAtFinal.push(point)
        log(`random seed ${seed}: ${point.trainingRecords.clean} clean → dev micro-F1 text ${point.text.dev.microF1.toFixed(4)}, with names ${point.withNames.dev.microF1.toFixed(4)}`)
      }
    } finally {
      workspace.close()
    }
  }
  const final = adaptivePoints.at(-1) as ExperimentPoint
  return {
    target: request.target,
    adaptive,
    random,
    table4: table4(final, randomAtFinal, finalCount),
    headline: headline(adaptive, random, 'text'),
  }
}

function annotate(workspace: Workspace, codeSetId: number): void {
  const report = simulateAnnotation(workspace.database, { coder: ANNOTATOR, codeSetId })
  if (annotationQueue(workspace.database, ANNOTATOR).length > 0) {
    throw new Error(`The simulated annotator could not answer ${report.skipped.length} records (e.g. ${report.skipped[0]?.recordId}: ${report.skipped[0]?.reason}).`)
  }
}

function curvePoint(point: ExperimentPoint): CurvePoint {
  return {
    cleanRecords: point.trainingRecords.clean ?? 0,
    text: point.text.dev.microF1,
    withNames: point.withNames.dev.microF1,
    macroText: point.text.dev.macroF1,
    trainingSeconds: point.trainingSeconds,
  }
}

function table4(adaptive: ExperimentPoint, random: ExperimentPoint[], cleanRecords: number): AnnotationExperimentResult['table4'] {
  const split = adaptive.text.test ? 'test' : 'dev'
  const pick = (point: ExperimentPoint): SplitMetrics => (split === 'test' ? (point.text.test as SplitMetrics) : point.text.dev)
  const adaptiveMetrics = pick(adaptive)
  const randomMetrics = random.map(pick)
  const rows = adaptiveMetrics.chapters.map((row) => {
    const others = randomMetrics.map((metrics) => metrics.chapters.find((entry) => entry.chapter === row.chapter)?.f1).filter((value): value is number => value !== undefined)
    return { ...row, randomF1: others.length > 0 ? mean(others) : null }
  })
  return { split, cleanRecords, rows, adaptive: adaptiveMetrics, random: randomMetrics }
}

/** Random's best mean F1 over seeds, and where the adaptive curve first reaches it. */
export function headline(adaptive: CurvePoint[], random: Array<CurvePoint & { seed: number }>, metric: 'text' | 'withNames'): Headline {
  const byCount = new Map<number, number[]>()
  for (const point of random) byCount.set(point.cleanRecords, [...(byCount.get(point.cleanRecords) ?? []), point[metric]])
  const means = [...byCount].map(([cleanRecords, values]) => ({ cleanRecords, microF1: mean(values) })).sort((a, b) => a.cleanRecords - b.cleanRecords)
  const best = means.reduce((top, entry) => (entry.microF1 > top.microF1 ? entry : top), means[0] ?? { cleanRecords: 0, microF1: 0 })
  const curve = [...adaptive].sort((a, b) => a.cleanRecords - b.cleanRecords)
  const adaptiveRecords = recordsToReach(curve.map((point) => ({ cleanRecords: point.cleanRecords, microF1: point[metric] })), best.microF1)
  const last = curve.at(-1) as CurvePoint
  const adaptiveFinal = { cleanRecords: last.cleanRecords, microF1: last[metric] }
  const randomRecords = recordsToReach(means, adaptiveFinal.microF1)
  return {
    metric,
    random: best,
    adaptiveRecords: adaptiveRecords === null ? null : Math.round(adaptiveRecords),
    saving: adaptiveRecords === null || best.cleanRecords === 0 ? null : Number((1 - adaptiveRecords / best.cleanRecords).toFixed(3)),
    adaptiveFinal,
    randomRecordsForAdaptiveFinal: randomRecords === null ? null : Math.round(randomRecords),
    savingAgainstRandom: randomRecords === null || randomRecords === 0 ? null : Number((1 - adaptiveFinal.cleanRecords / randomRecords).toFixed(3)),
  }
}

/** The fewest clean records at which a curve (ascending counts, linear between points) first reaches `microF1`; null if it never does. */
export function recordsToReach(curve: ReadonlyArray<{ cleanRecords: number; microF1: number }>, microF1: number): number | null {
  for (let index = 0; index < curve.length; index += 1) {
    const point = curve[index] as { cleanRecords: number; microF1: number }
    if (point.microF1 < microF1) continue
    const previous = curve[index - 1]
    return previous && previous.microF1 < microF1
      ? previous.cleanRecords + ((microF1 - previous.microF1) / (point.microF1 - previous.microF1)) * (point.cleanRecords - previous.cleanRecords)
      : point.cleanRecords
  }
  return null
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length
}
