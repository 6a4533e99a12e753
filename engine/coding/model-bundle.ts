/**
 * Opening a model bundle: the manifest is checked against its schema, every
 * listed file against its sha256, and the vocabulary against the tokenizer hash
 * the model was trained with — a model must never read another tokenizer's ids.
 */
import { join } from 'node:path'
import { ModelManifest } from '../../contract/model-manifest.js'
import { readCheckedBundle } from '../bundle/checked-bundle.js'
import type { Vocabulary } from '../text/vocabulary.js'

export interface ModelBundle {
  dir: string
  manifest: ModelManifest
  vocabulary: Vocabulary
  documentModelPath: string
}

export function readModelBundle(dir: string): ModelBundle {
  const bundle = readCheckedBundle(dir, {
    schema: ModelManifest,
    missingHint: 'not a model bundle. Train one with `clinicoco train`.',
    requiredFiles: (manifest) => [manifest.documentModel.file, manifest.tokenizer.vocabFile],
    tokenizer: (manifest) => manifest.tokenizer,
  })
  return { ...bundle, documentModelPath: join(bundle.dir, bundle.manifest.documentModel.file) }
}
