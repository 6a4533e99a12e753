/**
 * A workspace's name encoder (setting `name_encoder`: the encoder bundle's
 * folder). With one installed, the workspace normaliser adds encoder retrieval
 * to the lexical one; without, it is the lexical normaliser as before. The term
 * index is kept on disk in the workspace (`name-encoder-cache/`), per code set
 * terms and encoder; the confirmed names are embedded again whenever coders
 * confirmed new pairs, so a pair confirmed now is found from the next name on.
 */
import { existsSync, statSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'
import { AppFailure } from '../../contract/result.js'
import type { SqliteDatabase } from '../store/database.js'
import type { Vocabulary } from '../text/vocabulary.js'
import { getSetting, setSetting, type Workspace } from '../workspace/workspace.js'
import { createEncoderMatcher, encodeNames, withMemory, type EncoderMatcher } from './encoder-matcher.js'
import { loadLexicon } from './lexicon.js'
import type { NameBundleInput, NamePair } from './name-bundle.js'
import { openNameEncoder, type NameEncoder } from './name-encoder.js'
import { loadNamePairs } from './name-pairs.js'
import type { Normalizer } from './normalizer.js'
import { trainNameEncoder, type TrainNameEncoderSummary } from './train-name-encoder.js'
import { workspaceNormalizer } from './workspace-normalizer.js'

export const NAME_ENCODER_SETTING = 'name_encoder'

export function configuredNameEncoderDir(workspace: Workspace): string | null {
  const setting = getSetting(workspace.database, NAME_ENCODER_SETTING)
  if (setting === null || setting === '') return null
  return isAbsolute(setting) ? setting : resolve(workspace.dir, setting)
}

export function useNameEncoder(workspace: Workspace, encoderDir: string | null): void {
  setSetting(workspace.database, NAME_ENCODER_SETTING, encoderDir === null ? '' : resolve(encoderDir))
}

const openEncoders = new Map<string, Promise<NameEncoder>>()
const matchers = new Map<string, EncoderMatcher>()

/**
 * The workspace normaliser with the installed name encoder (when there is one)
 * and the given names embedded, ready for `normalizeName`.
 */
export async function encoderWorkspaceNormalizer(workspace: Workspace, codeSetId: number, names: readonly string[], options: { threshold?: number } = {}): Promise<Normalizer> {
  const base = workspaceNormalizer(workspace.database, codeSetId, options)
  const encoderDir = configuredNameEncoderDir(workspace)
  if (encoderDir === null) return base
  // Keyed by the manifest's time too: an encoder trained again into the same folder is opened afresh.
  const manifestPath = join(encoderDir, 'manifest.json')
  const openKey = `${encoderDir}\u0000${existsSync(manifestPath) ? statSync(manifestPath).mtimeMs : 0}`
  let opening = openEncoders.get(openKey)
  if (!opening) {
    opening = openNameEncoder(encoderDir)
    openEncoders.set(openKey, opening)
    opening.catch(() => openEncoders.delete(openKey))
  }
  const encoder = await opening
  const key = `${workspace.database.path}\u0000${codeSetId}\u0000${encoderDir}`
  let matcher = matchers.get(key)
  if (!matcher || matcher.encoder !== encoder) {
    matcher = await createEncoderMatcher(encoder, base.lexicon, base.memory, join(workspace.dir, 'name-encoder-cache'))
  } else if (matcher.memory !== base.memory) {
    matcher = await withMemory(matcher, base.memory)
  }
  matchers.set(key, matcher)
  const normalizer: Normalizer = { ...base, encoder: matcher }
  await encodeNames(normalizer, names)
  return normalizer
}

/**
 * What a workspace's encoder learns from: the code set's titles and synonyms
 * and the records' diagnosis names (unsupervised), then confirmed (name, code)
 * pairs and each synonym against its code's title (supervised).
 */
export function nameEncoderTrainingData(database: SqliteDatabase, codeSetId: number): NameBundleInput {
  const lexicon = loadLexicon(database, codeSetId)
  const titleOf = (code: string): string => lexicon.codes[lexicon.codeNumber.get(code) ?? -1]?.title ?? ''
  const names = database.prepare<{ text: string }>("SELECT DISTINCT text FROM diagnosis_names WHERE injected_error IS NOT 'missing'").all().map((row) => row.text)
  const pairs: NamePair[] = loadNamePairs(database, codeSetId).map((pair) => ({ name: pair.name, code: pair.code, title: titleOf(pair.code) }))
  lexicon.termText.forEach((term, number) => {
    const entry = lexicon.codes[lexicon.termCode[number] ?? -1]
    if (entry && term !== entry.title) pairs.push({ name: term, code: entry.code, title: entry.title })
  })
  return { texts: [...lexicon.termText, ...names], pairs: pairs.filter((pair) => pair.title !== '') }
}

export interface TrainWorkspaceEncoderRequest {
  codeSetId: number
  outDir: string
  budgetMinutes?: number
  seed?: number
  tiny?: boolean
  extraArgs?: string[]
  /** Install the trained encoder as the workspace's (default true). */
  install?: boolean
  /**
   * The document model's vocabulary, so both models share one tokenizer; the
   * caller reads it from the workspace's model bundle. Without it, one is
   * learned from the code set and the names.
   */
  documentVocabulary?: { vocabulary: Vocabulary; modelDir: string }
  onLine?: (line: string) => void
}

export async function trainWorkspaceNameEncoder(workspace: Workspace, request: TrainWorkspaceEncoderRequest): Promise<TrainNameEncoderSummary & { installed: boolean; vocabulary: string }> {
  const data = nameEncoderTrainingData(workspace.database, request.codeSetId)
  if (data.texts.length === 0) throw new AppFailure('invalid-input', `Code set ${request.codeSetId} has no titles: nothing to train a name encoder on.`)
  const vocabulary = request.documentVocabulary?.vocabulary
  const summary = await trainNameEncoder({
    ...data,
    ...(vocabulary ? { vocabulary } : {}),
    outDir: request.outDir,
    ...(request.budgetMinutes === undefined ? {} : { budgetMinutes: request.budgetMinutes }),
    ...(request.seed === undefined ? {} : { seed: request.seed }),
    ...(request.tiny ? { tiny: true } : {}),
    ...(request.extraArgs ? { extraArgs: request.extraArgs } : {}),
    ...(request.onLine ? { onLine: request.onLine } : {}),
  })
  const install = request.install ?? true
  if (install) useNameEncoder(workspace, summary.encoderDir)
  return { ...summary, installed: install, vocabulary: request.documentVocabulary ? `document model's (${request.documentVocabulary.modelDir})` : 'learned from the code set and names' }
}
