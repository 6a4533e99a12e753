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
import { createTokenizer, recordTokens, type Tokenizer } from '../text/tokenizer.js'
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

/** Candidates searched per name (a bound on work; the ranker decides how many are kept). */
const NAME_CANDIDATES = 40
/**
 * Candidates of a name the name-quality flags see besides the accepted ones:
 * the best few (the flags read a name's best match even where the ranker
 * keeps a code under it instead, and its weak matches as cover).
 */
export const FLAG_CANDIDATES_PER_NAME = 3
/** Similar cases are shown on a scale from the 50th nearest coded record (0 %) to an identical one (100 %). */
export const SIMILARITY_REFERENCE_RANK = 50

export interface NameMatch {
  name: string
  matchedTerm: string
  confidence: number
  /** The name is the record's primary diagnosis name (the first, unless the source marked another). */
  primaryName: boolean
  /** The ranker accepts the code for the name (as the coding view shows it); false for a weaker candidate. */
  accepted: boolean
}

export interface RecordScores {
  recordRowId: number
  /** The section texts the attention windows' token offsets point into, and their kinds (`chief_complaint`, …). */
  sections: string[]
  sectionKinds: string[]
  /** The model's outputs; each code's attention window carries the tokens (with offsets) it covers. */
  output: DocumentOutput
  neighbours: KnnNeighbour[]
  /** Distance to the `SIMILARITY_REFERENCE_RANK`-th nearest coded record (null with fewer records): where the similar-case scale reads 0. */
  referenceDistance: number | null
  /** Softmax weight of each neighbour in the kNN mix. */
  neighbourWeights: number[]
  modelProbability: Float32Array
  knnProbability: Map<string, number>
  /** The record's own evidence per code: the text model mixed with similar cases, before the names. */
  recordProbability: Map<string, number>
  /**
   * The codes the coding view shows per name: every code the ranker accepts
   * (the name's best candidate where it accepts none).
   */
  nameMatches: Map<string, NameMatch[]>
  /**
   * What the name-quality flags read: the shown codes and each name's best
   * `FLAG_CANDIDATES_PER_NAME` candidates, accepted or not — a heading the
   * ranker drops for a code under it ("AMI": I21 over I21.4) is still the
   * name's best match, and a weak match still says what the name is about.
   */
  nameCandidates: Map<string, NameMatch[]>
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
  // Tokens stream into the model: a long record is never held as token objects all at once
  // (the evidence and the chief-complaint share read each code's attention window instead).
  const readRecord = async (recordRowId: number): Promise<{ sections: string[]; sectionKinds: string[]; output: DocumentOutput }> => {
    const sections = sectionsOf.all(recordRowId)
    const output = await documentModel.run(recordTokens(tokenizer, sections))
    return { sections: sections.map((section) => section.text), sectionKinds: sections.map((section) => section.kind), output }
  }

  return {
    bundle,
    codeSetId: codeSet.id,
    datastore,
    tokenizer,
    async scoreRecord(recordRowId, scoring = {}) {
      const started = performance.now()
      const { sections, sectionKinds, output } = await readRecord(recordRowId)
      const { k, lambda, tau } = manifest.knn
      // One search serves the kNN mix (the k nearest) and the scale similar cases are shown on (the reference's distance).
      const nearest = scoring.knn === false ? [] : datastore.neighbours(output.embedding, Math.max(k, SIMILARITY_REFERENCE_RANK), recordRowId)
      const neighbours = nearest.slice(0, k)
      const referenceDistance = nearest.length > k ? (nearest[nearest.length - 1]?.distance ?? null) : null
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
      const { shown: nameMatches, candidates: nameCandidates } = names === null ? { shown: new Map<string, NameMatch[]>(), candidates: new Map<string, NameMatch[]>() } : matchNames(database, codeSet.id, names)
      for (const [code, matches] of nameMatches) {
        const confidence = Math.max(...matches.map((match) => match.confidence))
        combined.set(code, 1 - (1 - (combined.get(code) ?? 0)) * (1 - confidence))
      }
      return {
        recordRowId,
        sections,
        sectionKinds,
        output,
        neighbours,
        referenceDistance,
        neighbourWeights,
        modelProbability,
        knnProbability,
        recordProbability,
        nameMatches,
        nameCandidates,
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

/**
 * Codes the normaliser finds in the record's diagnosis names, with every name
 * that points to each. `shown`: every code the ranker accepts for a name (as
 * many as it decides — a name naming two diagnoses gets two), and the best of
 * the others when it accepts none. `candidates`: those and each name's best
 * `FLAG_CANDIDATES_PER_NAME` candidates, for the name-quality flags.
 */
function matchNames(
  database: SqliteDatabase,
  codeSetId: number,
  names: Array<{ text: string; is_primary: number }>,
): { shown: Map<string, NameMatch[]>; candidates: Map<string, NameMatch[]> } {
  const shown = new Map<string, NameMatch[]>()
  const candidates = new Map<string, NameMatch[]>()
  if (names.length === 0) return { shown, candidates }
  const normalizer = workspaceNormalizer(database, codeSetId)
  const add = (into: Map<string, NameMatch[]>, code: string, match: NameMatch): void => {
    const list = into.get(code) ?? []
    list.push(match)
    into.set(code, list)
  }
  // The primary name as the source marked it; a source that marked none leads with its first name.
  const primaryIndex = Math.max(0, names.findIndex((name) => name.is_primary === 1))
  for (const [index, { text }] of names.entries()) {
    const found = normalizeName(normalizer, text, { limit: NAME_CANDIDATES }).codes
    const accepted = found.filter((code) => code.accepted)
    const toMatch = (code: (typeof found)[number]): NameMatch => ({
      name: text,
      matchedTerm: code.matchedTerm,
      confidence: code.confidence,
      primaryName: index === primaryIndex,
      accepted: code.accepted,
    })
    for (const code of accepted.length > 0 ? accepted : found.slice(0, 1)) add(shown, code.code, toMatch(code))
    for (const [rank, code] of found.entries()) {
      if (code.accepted || rank < FLAG_CANDIDATES_PER_NAME) add(candidates, code.code, toMatch(code))
    }
  }
  return { shown, candidates }
}
