/**
 * A bundle folder written by one of models/' trainers (the coding model, the
 * name encoder): `manifest.json` validated against its contract schema, the
 * sha256 of every listed file checked, and the vocabulary matched to the
 * tokenizer hash. A bundle that fails any check is refused, naming the file.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { AppFailure } from '../../contract/result.js'
import { parseVocabulary, type Vocabulary } from '../text/vocabulary.js'

/** What a zod schema offers, without importing zod into the engine. */
export interface ManifestSchema<M> {
  safeParse(value: unknown): { success: true; data: M } | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } }
}

export interface BundleShape<M> {
  schema: ManifestSchema<M>
  /** Said when there is no manifest: what to run to get such a bundle. */
  missingHint: string
  /** Files the manifest must list (the ONNX graph, the vocabulary). */
  requiredFiles: (manifest: M) => string[]
  tokenizer: (manifest: M) => { vocabFile: string; vocabSha256: string }
}

export interface CheckedBundle<M> {
  dir: string
  manifest: M
  vocabulary: Vocabulary
}

export function readCheckedBundle<M extends { files: Record<string, string> }>(dir: string, shape: BundleShape<M>): CheckedBundle<M> {
  const absolute = resolve(dir)
  const manifestPath = join(absolute, 'manifest.json')
  if (!existsSync(manifestPath)) throw new AppFailure('model-missing', `${absolute}: no manifest.json — ${shape.missingHint}`)
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(manifestPath, 'utf8'))
  } catch (error) {
    throw new AppFailure('model-invalid', `${manifestPath}: not JSON (${(error as Error).message}).`)
  }
  const parsed = shape.schema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AppFailure('model-invalid', `${manifestPath}: ${issue?.path.join('.') || 'manifest'}: ${issue?.message ?? 'invalid'}.`)
  }
  const manifest = parsed.data
  for (const required of shape.requiredFiles(manifest)) {
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
  const { vocabFile, vocabSha256 } = shape.tokenizer(manifest)
  const vocabulary = readBundleVocabulary(join(absolute, vocabFile))
  if (vocabulary.sha256 !== vocabSha256) {
    throw new AppFailure('model-invalid', `${absolute}: the vocabulary's hash differs from the tokenizer hash in the manifest.`)
  }
  return { dir: absolute, manifest, vocabulary }
}

function readBundleVocabulary(path: string): Vocabulary {
  try {
    return parseVocabulary(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new AppFailure('model-invalid', `${path}: ${(error as Error).message}`)
  }
}
