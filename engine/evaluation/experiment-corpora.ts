/**
 * The base workspaces the experiments start from, one per corpus and noise
 * ratio, prepared once per run: the generated demo hospital, or CodiEsp in the
 * CliniCoCo setting (names simulated from its evidence mentions with hierarchy
 * noise). Names are normalised into noisy labels with the default ranker (no
 * confirmed pairs yet, as in a hospital before annotation), and reference codes
 * on training records are the answer key, not clean labels.
 */
import { join } from 'node:path'
import { labelRecords } from '../normalize/auto-label.js'
import { CLEAN_SHARE_SETTING } from '../records/training-records.js'
import { prepareCodiEspWorkspace } from './codiesp-workspace.js'
import { createDemoWorkspace } from '../demo/create-demo-workspace.js'
import { activeCodeSetId, ensureUser, openWorkspace, setSetting, type Workspace } from '../workspace/workspace.js'
import type { EffortPools } from './effort-experiment.js'

export type ExperimentCorpus = 'demo' | 'codiesp'

export interface CorpusOptions {
  corpus: ExperimentCorpus
  /** demo: records generated; codiesp: ignored. */
  records: number
  seed: number
  dataDir?: string
  codesDir?: string
}

/** Noise ratios: the corpus's default (demo 20 %, CodiEsp 30 % as in its benchmark) and a high one. */
export const CORPUS_NOISE: Record<ExperimentCorpus, { default: number; high: number }> = { demo: { default: 0.2, high: 0.4 }, codiesp: { default: 0.3, high: 0.5 } }

export function prepareBase(dir: string, options: CorpusOptions, noiseRatio: number): Workspace {
  if (options.corpus === 'demo') {
    createDemoWorkspace(dir, { seed: options.seed, recordCount: options.records, noiseRatio, chineseShare: 0.5 })
    const workspace = openWorkspace(dir)
    labelRecords(workspace.database, { codeSetId: activeCodeSetId(workspace.database) })
    setSetting(workspace.database, CLEAN_SHARE_SETTING, '0')
    return workspace
  }
  if (!options.dataDir || !options.codesDir) throw new Error('CodiEsp needs --data (and the icd10cm folder beside it or --codes).')
  const workspace = openWorkspace(dir)
  prepareCodiEspWorkspace(workspace.database, { dataDir: options.dataDir, codesDir: options.codesDir, setting: 'clinicoco', noiseRatio, cleanShare: 0, seed: options.seed })
  ensureUser(workspace.database, { id: 'coder', displayName: 'Simulated annotator', role: 'coder' })
  return workspace
}

/** One base per noise ratio, made on first use and kept open for the run. */
export function baseCache(workDir: string, options: CorpusOptions): { baseFor(noiseRatio: number): Promise<Workspace>; close(): void } {
  const bases = new Map<number, Workspace>()
  return {
    baseFor: async (noiseRatio) => {
      let base = bases.get(noiseRatio)
      if (!base) {
        base = prepareBase(join(workDir, `base-noise-${noiseRatio}`), options, noiseRatio)
        bases.set(noiseRatio, base)
      }
      return base
    },
    close: () => {
      for (const base of bases.values()) base.close()
    },
  }
}

/**
 * The effort experiment's pools. CodiEsp: the coded training documents are the
 * labelled pool, its background documents the raw pool. The demo hospital has
 * no background: its training records are split, `labelledShare` of them
 * labelled, the rest raw.
 */
export function effortPools(workspace: Workspace, corpus: ExperimentCorpus, labelledShare: number): EffortPools {
  const train = workspace.database
    .prepare<{ id: number }>("SELECT id FROM records r WHERE split IN ('train', 'none') AND EXISTS (SELECT 1 FROM gold_codes g WHERE g.record_id = r.id) ORDER BY id")
    .all()
    .map((row) => row.id)
  if (corpus === 'codiesp') {
    const background = workspace.database.prepare<{ id: number }>("SELECT id FROM records WHERE split = 'background' ORDER BY id").all().map((row) => row.id)
    return { labelled: train, raw: background }
  }
  const cut = Math.round(train.length * labelledShare)
  return { labelled: train.slice(0, cut), raw: train.slice(cut) }
}
