/**
 * The name encoder inside a benchmark run: trained on the benchmark's training
 * part only (or an encoder given on the command line, trained so), attached to
 * the normaliser with its term and confirmed-name indexes. The ablation is the
 * same run without it (`--no-encoder`).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createEncoderMatcher, encodeNames } from '../normalize/encoder-matcher.js'
import type { NameBundleInput } from '../normalize/name-bundle.js'
import { checkEncoderGolden, closeNameEncoder, openNameEncoder } from '../normalize/name-encoder.js'
import type { Normalizer } from '../normalize/normalizer.js'
import { trainNameEncoder } from '../normalize/train-name-encoder.js'

export interface BenchmarkEncoderOptions {
  /** Minutes of encoder training (both steps); the export and golden check come on top. */
  budgetMinutes?: number
  seed?: number
  /** Use this trained encoder bundle instead of training one (it must come from the same training part). */
  encoderDir?: string
  /** Keep the trained encoder here; by default it is trained into a temporary folder and removed. */
  keepAt?: string
  onLine?: (line: string) => void
}

export interface BenchmarkEncoderReport {
  encoder_version: string
  trained_here: boolean
  training_seconds: number | null
  training_texts: number | null
  training_pairs: number | null
  golden_max_abs_difference: number
  /** Embedding every term of the code set and building the HNSW index. */
  term_index: { terms: number; build_ms: number }
  /** Embedding the training names used to fit the ranker, in batches. */
  encode_fitting_ms: number
  manifest_metrics: Record<string, unknown>
}

export interface AttachedEncoder {
  normalizer: Normalizer
  report: BenchmarkEncoderReport
  close(): Promise<void>
}

export const DEFAULT_BENCHMARK_ENCODER_MINUTES = 4

export async function attachBenchmarkEncoder(base: Normalizer, training: NameBundleInput, fittingNames: readonly string[], options: BenchmarkEncoderOptions): Promise<AttachedEncoder> {
  let encoderDir = options.encoderDir ? resolve(options.encoderDir) : null
  let temporary: string | null = null
  let trained: Awaited<ReturnType<typeof trainNameEncoder>> | null = null
  if (encoderDir === null) {
    temporary = options.keepAt ? null : mkdtempSync(join(tmpdir(), 'clinicoco-encoder-'))
    encoderDir = options.keepAt ? resolve(options.keepAt) : join(temporary ?? '', 'encoder')
    trained = await trainNameEncoder({
      ...training,
      outDir: encoderDir,
      budgetMinutes: options.budgetMinutes ?? DEFAULT_BENCHMARK_ENCODER_MINUTES,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.onLine ? { onLine: options.onLine } : {}),
    })
  }
  const encoder = await openNameEncoder(encoderDir)
  const golden = trained?.golden ?? (await checkEncoderGolden(encoder))
  const started = performance.now()
  const matcher = await createEncoderMatcher(encoder, base.lexicon, base.memory, null)
  const buildMs = performance.now() - started
  const normalizer: Normalizer = { ...base, encoder: matcher }
  const encodeStarted = performance.now()
  await encodeNames(normalizer, fittingNames)
  return {
    normalizer,
    report: {
      encoder_version: encoder.bundle.manifest.encoderVersion,
      trained_here: trained !== null,
      training_seconds: trained?.trainingSeconds ?? null,
      training_texts: trained?.bundle.texts ?? null,
      training_pairs: trained?.bundle.pairs ?? null,
      golden_max_abs_difference: golden.maxAbsDifference,
      term_index: { terms: matcher.terms.size(), build_ms: Math.round(buildMs) },
      encode_fitting_ms: Math.round(performance.now() - encodeStarted),
      manifest_metrics: encoder.bundle.manifest.metrics,
    },
    async close() {
      await closeNameEncoder(encoder)
      if (temporary) rmSync(temporary, { recursive: true, force: true })
    },
  }
}
