/**
 * kNN-optimised inference (paper §"kNN-optimised inference"):
 * ŷ = λ·ŷ_kNN + (1−λ)·ŷ_model, where ŷ_kNN = Σ softmax(−d/τ)·y over the k
 * nearest clean or coder-confirmed records. The same neighbours are the
 * "similar cases" the coder sees.
 */

export interface LabelledNeighbour {
  distance: number
  codes: readonly string[]
}

/** Per-code probability from the neighbours' codes, weighted by softmax(−distance/τ). */
export function knnProbabilities(neighbours: readonly LabelledNeighbour[], tau: number): Map<string, number> {
  const probabilities = new Map<string, number>()
  if (neighbours.length === 0) return probabilities
  const nearest = Math.min(...neighbours.map((neighbour) => neighbour.distance))
  // Shifted by the nearest distance: the same softmax, without exp underflow at small τ.
  const weights = neighbours.map((neighbour) => Math.exp(-(neighbour.distance - nearest) / tau))
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  neighbours.forEach((neighbour, index) => {
    const weight = (weights[index] as number) / total
    for (const code of new Set(neighbour.codes)) probabilities.set(code, (probabilities.get(code) ?? 0) + weight)
  })
  return probabilities
}

/** The mix for one code; without neighbours the model stands alone (an empty datastore must not halve every score). */
export function mixWithKnn(modelProbability: number, knnProbability: number, lambda: number, hasNeighbours: boolean): number {
  return hasNeighbours ? lambda * knnProbability + (1 - lambda) * modelProbability : modelProbability
}

export function sigmoid(logit: number): number {
  return 1 / (1 + Math.exp(-logit))
}
