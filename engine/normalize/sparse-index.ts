/**
 * An in-memory TF-IDF index over short texts with cosine scoring: postings in
 * typed arrays, one score accumulator reused across queries. Built once per
 * code set (tens of thousands of titles build in well under a second) and
 * searched in about a millisecond, which a per-name budget of 5 ms needs.
 */

export interface SparseIndex {
  documentCount: number
  vocabulary: Map<string, number>
  idf: Float32Array
  /** Postings of feature f are `postingDocuments[offsets[f] .. offsets[f + 1])`. */
  offsets: Int32Array
  postingDocuments: Int32Array
  postingWeights: Float32Array
  /** Scratch space for one search at a time (the engine is single-threaded). */
  accumulator: Float32Array
  touched: Int32Array
}

export interface SparseHit {
  document: number
  score: number
}

export function buildSparseIndex(documents: Array<Map<string, number>>): SparseIndex {
  const vocabulary = new Map<string, number>()
  const documentFrequency: number[] = []
  for (const features of documents) {
    for (const feature of features.keys()) {
      let id = vocabulary.get(feature)
      if (id === undefined) {
        id = vocabulary.size
        vocabulary.set(feature, id)
        documentFrequency.push(0)
      }
      documentFrequency[id] = (documentFrequency[id] ?? 0) + 1
    }
  }
  const documentCount = documents.length
  const idf = new Float32Array(vocabulary.size)
  documentFrequency.forEach((frequency, id) => {
    idf[id] = Math.log(1 + documentCount / frequency)
  })
  const offsets = new Int32Array(vocabulary.size + 1)
  for (let id = 0; id < vocabulary.size; id += 1) offsets[id + 1] = (offsets[id] ?? 0) + (documentFrequency[id] ?? 0)
  const total = offsets[vocabulary.size] ?? 0
  const postingDocuments = new Int32Array(total)
  const postingWeights = new Float32Array(total)
  const cursor = offsets.slice(0, vocabulary.size)
  documents.forEach((features, document) => {
    const weights = weigh(features, vocabulary, idf, 0)
    for (const [id, weight] of weights) {
      const slot = cursor[id] ?? 0
      postingDocuments[slot] = document
      postingWeights[slot] = weight
      cursor[id] = slot + 1
    }
  })
  return {
    documentCount,
    vocabulary,
    idf,
    offsets,
    postingDocuments,
    postingWeights,
    accumulator: new Float32Array(documentCount),
    touched: new Int32Array(documentCount),
  }
}

/**
 * Sublinear tf × idf, L2-normalised. Features the index has never seen count
 * in the norm with the highest idf, so a query with words no title has scores
 * lower than one fully explained by a title.
 */
function weigh(features: Map<string, number>, vocabulary: Map<string, number>, idf: Float32Array, unseenIdf: number): Array<[number, number]> {
  const weights: Array<[number, number]> = []
  let norm = 0
  for (const [feature, count] of features) {
    const id = vocabulary.get(feature)
    const weight = (1 + Math.log(count)) * (id === undefined ? unseenIdf : (idf[id] ?? 0))
    norm += weight * weight
    if (id !== undefined) weights.push([id, weight])
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0
  return weights.map(([id, weight]) => [id, weight * scale])
}

/** Top `limit` documents by cosine similarity; `accept` filters documents (e.g. leave one source out). */
export function searchSparseIndex(
  index: SparseIndex,
  features: Map<string, number>,
  limit: number,
  accept?: (document: number) => boolean,
): SparseHit[] {
  const unseenIdf = Math.log(1 + index.documentCount)
  const query = weigh(features, index.vocabulary, index.idf, unseenIdf)
  const { accumulator, touched, offsets, postingDocuments, postingWeights } = index
  let touchedCount = 0
  for (const [id, weight] of query) {
    const end = offsets[id + 1] ?? 0
    for (let slot = offsets[id] ?? 0; slot < end; slot += 1) {
      const document = postingDocuments[slot] ?? 0
      if (accumulator[document] === 0) touched[touchedCount++] = document
      accumulator[document] = (accumulator[document] ?? 0) + weight * (postingWeights[slot] ?? 0)
    }
  }
  const hits: SparseHit[] = []
  let floor = 0
  for (let position = 0; position < touchedCount; position += 1) {
    const document = touched[position] ?? 0
    const score = accumulator[document] ?? 0
    accumulator[document] = 0
    if (hits.length >= limit && score <= floor) continue
    if (accept && !accept(document)) continue
    insertHit(hits, { document, score }, limit)
    if (hits.length >= limit) floor = hits[hits.length - 1]?.score ?? 0
  }
  return hits
}

/** Insertion into a short list kept sorted by score, ties by document number (stable results). */
function insertHit(hits: SparseHit[], hit: SparseHit, limit: number): void {
  let position = hits.length
  while (position > 0) {
    const previous = hits[position - 1] as SparseHit
    if (previous.score > hit.score || (previous.score === hit.score && previous.document < hit.document)) break
    position -= 1
  }
  hits.splice(position, 0, hit)
  if (hits.length > limit) hits.pop()
}
