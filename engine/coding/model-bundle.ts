/**
 * Opening a model bundle: the manifest is checked against its schema, every
 * listed file against its sha256, and the vocabulary against the tokenizer hash
 * the model was trained with — a model must never read another tokenizer's ids.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ModelManifest } from '../../contract/model-manifest.js'
import { AppFailure } from '../../contract/result.js'
import { parseVocabulary, type Vocabulary } from '../text/vocabulary.js'

export interface ModelBundle {
  dir: string
  manifest: ModelManifest
  vocabulary: Vocabulary
  documentModelPath: string
}

export function readModelBundle(dir: string): ModelBundle {
  const absolute = resolve(dir)
  const manifestPath = join(absolute, 'manifest.json')
  if (!existsSync(manifestPath)) {
    throw new AppFailure('model-missing', `${absolute}: no manifest.json — not a model bundle. Train one with \`clinicoco train\`.`)
  }
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(manifestPath, 'utf8'))
  } catch (error) {
    throw new AppFailure('model-invalid', `${manifestPath}: not JSON (${(error as Error).message}).`)
  }
  const parsed = ModelManifest.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AppFailure('model-invalid', `${manifestPath}: ${issue?.path.join('.') || 'manifest'}: ${issue?.message ?? 'invalid'}.`)
  }
  const manifest = parsed.data
  for (const required of [manifest.documentModel.file, manifest.tokenizer.vocabFile]) {
    if (!(required in manifest.files)) throw new AppFailure('model-invalid', `${manifestPath}: files does not list ${required}.`)
  }
  for (const [file, expected] of Object.entries(manifest.files)) {
    const path = join(absolute, file)
    if (!existsSync(path)) throw new AppFailure('model-invalid', `${absolute}: ${file} is missing.`)
    const actual = createHash('sha256').update(readFileSync(path)).digest('hex')
    if (actual !== expected) {
      throw new AppFailure('model-invalid', `${absolute}: ${file} has sha256 ${actual.slice(0, 12)}…, the manifest says ${expected.slice(0, 12)}…: the bundle was changed or damaged.`)
    }
  }
  const vocabulary = parseVocabulary(readFileSync(join(absolute, manifest.tokenizer.vocabFile), 'utf8'))
  if (vocabulary.sha256 !== manifest.tokenizer.vocabSha256) {
    throw new AppFailure('model-invalid', `${absolute}: the vocabulary's hash differs from the tokenizer hash in the manifest.`)
  }
  return { dir: absolute, manifest, vocabulary, documentModelPath: join(absolute, manifest.documentModel.file) }
}
