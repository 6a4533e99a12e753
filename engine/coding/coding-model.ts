/**
 * The coding model of a workspace at work: a model bundle's document model,
 * the kNN datastore for that model version, and the diagnosis-name normaliser,
 * combined into one probability per code.
 *
 * - text: σ(logit) of the document model, mixed with kNN as the paper does:
 *   p_text = λ·p_kNN + (1−λ)·σ(logit);
 * - names: the normaliser's confidence for codes found in the record's
 *   diagnosis names;
 * - combined: 1 − (1 − p_text)(1 − p_names) — either source alone can raise a
 *   code, and agreement raises it further.
 */
import { AppFailure } from '../../contract/result.js'
import { normalizeName } from '../normalize/normalizer.js'
import { workspaceNormalizer } from '../normalize/workspace-normalizer.js'
import type { SqliteDatabase } from '../store/database.js'
import { createTokenizer, tokenizeRecord, type RecordToken, type Tokenizer } from '../text/tokenizer.js'
import { openDocumentModel, type DocumentModel, type DocumentOutput } from './document-model.js'
import { openKnnDatastore, type KnnDatastore, type KnnNeighbour, type KnnSource } from './knn-datastore.js'
import { knnProbabilities, mixWithKnn, sigmoid } from './knn-mix.js'
import { readModelBundle, type ModelBundle } from './model-bundle.js'

export interface ScoringOptions {
  /** Mix in similar cases (default true); off for the "without kNN" ablation. */
  knn?: boolean
  /** Add codes from the diagnosis names (default true). */
  names?: boolean
}

export interface NameMatch {
  name: string
  matchedTerm: string
  confidence: number
  /** The name is the record's primary diagnosis name (the first, unless the source marked another). */
  primaryName: boolean
}

export interface RecordScores {
  recordRowId: number
  /** The section texts the tokens' offsets point into, and their kinds (`chief_complaint`, …). */
  sections: string[]
  sectionKinds: string[]
  tokens: RecordToken[]
  output: DocumentOutput
  neighbours: KnnNeighbour[]
  /** Softmax weight of each neighbour in the kNN mix. */
  neighbourWeights: number[]
  modelProbability: Float32Array
  knnProbability: Map<string, number>
  /** The record's own evidence per code: the text model mixed with similar cases, before the names. */
  recordProbability: Map<string, number>
  nameMatches: Map<string, NameMatch[]>
  /** How many diagnosis names the record shows (null when the names were not read). */
  nameCount: number | null
  /** Combined probability of every code any source scored. */
  combined: Map<string, number>
  elapsedMs: number
}

export interface CodingModel {
  readonly bundle: ModelBundle
  readonly codeSetId: number
  readonly datastore: KnnDatastore
  readonly tokenizer: Tokenizer
  scoreRecord(recordRowId: number, options?: ScoringOptions): Promise<RecordScores>
  /** Embeds a record and stores it with its codes in the kNN datastore (a submission, or a clean record). */
  remember(recordRowId: number, codes: readonly string[], source: KnnSource): Promise<void>
  close(): Promise<void>
}

export interface OpenCodingModelOptions {
  bundleDir: string
  /** Folder of the kNN index files (the workspace's `knn/`). */
  knnDir: string
  threads?: number
}

export async function openCodingModel(database: SqliteDatabase, options: OpenCodingModelOptions): Promise<CodingModel> {
  const bundle = readModelBundle(options.bundleDir)
  const { manifest } = bundle
  const codeSet = database
    .prepare<{ id: number }>('SELECT id FROM code_sets WHERE name = ? AND version = ?')
    .get(manifest.codeSet.name, manifest.codeSet.version)
  if (!codeSet) {
    throw new AppFailure(
      'model-invalid',
      `The model ${manifest.modelVersion} codes in ${manifest.codeSet.name} ${manifest.codeSet.version}, which this workspace has not installed.`,
    )
  }
  const documentModel: DocumentModel = await openDocumentModel(
    bundle.documentModelPath,
    { codeCount: manifest.codes.length, embeddingDim: manifest.documentModel.embeddingDim, maxTokens: manifest.documentModel.maxTokens },
    { threads: options.threads },
  )
  const datastore = await openKnnDatastore(database, { dir: options.knnDir, modelVersion: manifest.modelVersion, dimensions: manifest.documentModel.embeddingDim })
  const tokenizer = createTokenizer(bundle.vocabulary)
  const sectionsOf = database.prepare<{ text: string; kind: string }>('SELECT text, kind FROM record_sections WHERE record_id = ? ORDER BY position')
  const namesOf = database.prepare<{ text: string; is_primary: number }>(
    "SELECT text, is_primary FROM diagnosis_names WHERE record_id = ? AND injected_error IS NOT 'missing' ORDER BY position",
  )
  const readRecord = async (recordRowId: number) => {
    const sections = sectionsOf.all(recordRowId)
    const tokens: RecordToken[] = tokenizeRecord(tokenizer, sections)
    const output: DocumentOutput = await documentModel.run(tokens.map((token) => token.id))
    return { sections: sections.map((section) => section.text), sectionKinds: sections.map((section) => section.kind), tokens, output }
  }

  return {
    bundle,
    codeSetId: codeSet.id,
    datastore,
    tokenizer,
    async scoreRecord(recordRowId, scoring = {}) {
      const started = performance.now()
      const { sections, sectionKinds, tokens, output } = await readRecord(recordRowId)
      const { k, lambda, tau } = manifest.knn
      const neighbours = scoring.knn === false ? [] : datastore.neighbours(output.embedding, k, recordRowId)
      const knnProbability = knnProbabilities(neighbours, tau)
      const neighbourWeights = softmaxWeights(neighbours, tau)
      const modelProbability = output.logits.map(sigmoid)
      const combined = new Map<string, number>()
      manifest.codes.forEach((code, index) => {
        combined.set(code, mixWithKnn(modelProbability[index] as number, knnProbability.get(code) ?? 0, lambda, neighbours.length > 0))
      })
      for (const [code, probability] of knnProbability) {
        if (!combined.has(code)) combined.set(code, lambda * probability) // a neighbour's code outside the model's label space
      }
      const recordProbability = new Map(combined)
      const names = scoring.names === false ? null : namesOf.all(recordRowId)
      const nameMatches = names === null ? new Map<string, NameMatch[]>() : matchNames(database, codeSet.id, names)
      for (const [code, matches] of nameMatches) {
        const confidence = Math.max(...matches.map((match) => match.confidence))
        combined.set(code, 1 - (1 - (combined.get(code) ?? 0)) * (1 - confidence))
      }
      return {
        recordRowId,
        sections,
        sectionKinds,
        tokens,
        output,
        neighbours,
        neighbourWeights,
        modelProbability,
        knnProbability,
        recordProbability,
        nameMatches,
        nameCount: names === null ? null : names.length,
        combined,
        elapsedMs: performance.now() - started,
      }
    },
    async remember(recordRowId, codes, source) {
      const { output } = await readRecord(recordRowId)
      await datastore.add({ recordRowId, embedding: output.embedding, codes, source })
    },
    close: () => documentModel.close(),
  }
}

function softmaxWeights(neighbours: readonly KnnNeighbour[], tau: number): number[] {
  if (neighbours.length === 0) return []
  const nearest = Math.min(...neighbours.map((neighbour) => neighbour.distance))
  const weights = neighbours.map((neighbour) => Math.exp(-(neighbour.distance - nearest) / tau))
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  return weights.map((weight) => weight / total)
}

/** Codes the normaliser finds in the record's diagnosis names, with every name that points to each. */
function matchNames(database: SqliteDatabase, codeSetId: number, names: Array<{ text: string; is_primary: number }>): Map<string, NameMatch[]> {
  const matches = new Map<string, NameMatch[]>()
  if (names.length === 0) return matches
  const normalizer = workspaceNormalizer(database, codeSetId)
  // The primary name as the source marked it; a source that marked none leads with its first name.
  const primaryIndex = Math.max(0, names.findIndex((name) => name.is_primary === 1))
  for (const [index, { text }] of names.entries()) {
    for (const found of normalizeName(normalizer, text, { limit: 3 }).codes) {
      const list = matches.get(found.code) ?? []
      list.push({ name: text, matchedTerm: found.matchedTerm, confidence: found.confidence, primaryName: index === primaryIndex })
      matches.set(found.code, list)
    }
  }
  return matches
}
