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

const COMMON_FEATURE_SHARE_INVERSE = 10
const PRUNE_FROM_DOCUMENTS = 50_000

export interface SparseHit {
  document: number
  score: number
}

/** `featuresOf(d)` gives document d's features; it is called once per document. */
export function buildSparseIndex(documentCount: number, featuresOf: (document: number) => Map<string, number>): SparseIndex {
  const vocabulary = new Map<string, number>()
  const documentFrequency: number[] = []
  // Feature ids and counts per document, flat: Maps for 200k documents cost seconds of GC.
  const documentOffsets = new Int32Array(documentCount + 1)
  const ids: number[] = []
  const counts: number[] = []
  for (let document = 0; document < documentCount; document += 1) {
    for (const [feature, count] of featuresOf(document)) {
      let id = vocabulary.get(feature)
      if (id === undefined) {
        id = vocabulary.size
        vocabulary.set(feature, id)
        documentFrequency.push(0)
      }
      documentFrequency[id] = (documentFrequency[id] ?? 0) + 1
      ids.push(id)
      counts.push(count)
    }
    documentOffsets[document + 1] = ids.length
  }
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
  for (let document = 0; document < documentCount; document += 1) {
    const from = documentOffsets[document] ?? 0
    const to = documentOffsets[document + 1] ?? 0
    let norm = 0
    for (let slot = from; slot < to; slot += 1) {
      const weight = tfWeight(counts[slot] ?? 1) * (idf[ids[slot] ?? 0] ?? 0)
      norm += weight * weight
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0
    for (let slot = from; slot < to; slot += 1) {
      const id = ids[slot] ?? 0
      const posting = cursor[id] ?? 0
      postingDocuments[posting] = document
      postingWeights[posting] = tfWeight(counts[slot] ?? 1) * (idf[id] ?? 0) * scale
      cursor[id] = posting + 1
    }
  }
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

function tfWeight(count: number): number {
  return count === 1 ? 1 : 1 + Math.log(count)
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
    const weight = tfWeight(count) * (id === undefined ? unseenIdf : (idf[id] ?? 0))
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
  options: { exhaustive?: boolean } = {},
): SparseHit[] {
  const unseenIdf = Math.log(1 + index.documentCount)
  const query = weigh(features, index.vocabulary, index.idf, unseenIdf)
  const { accumulator, touched, offsets, postingDocuments, postingWeights } = index
  let touchedCount = 0
  // In a large index, features in more than 1 document in 10 ('ion', 'dis')
  // add little to a ranking but make most of the postings walked: they count in
  // the query norm and are not walked. Measured on ICD-10-CM: index-path names
  // p50 5.2 → 2.8 ms (accuracy@1 0.241 → 0.236); CodiEsp mentions p50 3.3 →
  // 2.0 ms (accuracy@1 0.739 either way). 1 in 20 was faster still but cost
  // CodiEsp 0.6 points.
  let commonIdf = !options.exhaustive && index.documentCount >= PRUNE_FROM_DOCUMENTS ? Math.log(1 + COMMON_FEATURE_SHARE_INVERSE) : 0
  // A query made only of common features is walked in full.
  if (!query.some(([id]) => (index.idf[id] ?? 0) >= commonIdf)) commonIdf = 0
  for (const [id, weight] of query) {
    if ((index.idf[id] ?? 0) < commonIdf) continue
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

/** Insertion into a short list kept sorted by score, equal scores by document number. */
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
