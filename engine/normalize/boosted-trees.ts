/**
 * Gradient-boosted regression trees for binary log-loss (Newton leaf values,
 * histogram split finding on quantile bins): the first-stage ranker when there
 * are enough labelled names to fit one. Small and dependency-free; a few
 * hundred thousand candidate rows fit in seconds on two cores.
 */

export interface BoostedTrees {
  /** Log-odds before any tree. */
  base: number
  /** Flat node arrays; a leaf has feature -1. */
  trees: Array<{ feature: Int16Array; threshold: Float64Array; left: Int32Array; right: Int32Array; value: Float64Array }>
}

export interface TreeOptions {
  trees?: number
  depth?: number
  learningRate?: number
  l2?: number
  minHessian?: number
  bins?: number
}

export function boostedLogit(model: BoostedTrees, features: Float64Array): number {
  let logit = model.base
  for (const tree of model.trees) {
    let node = 0
    for (let feature = tree.feature[0] ?? -1; feature >= 0; feature = tree.feature[node] ?? -1) {
      node = (features[feature] ?? 0) <= (tree.threshold[node] ?? 0) ? (tree.left[node] ?? 0) : (tree.right[node] ?? 0)
    }
    logit += tree.value[node] ?? 0
  }
  return logit
}

export function fitBoostedTrees(rows: Float64Array[], labels: boolean[], options: TreeOptions = {}): BoostedTrees {
  const treeCount = options.trees ?? 120
  const depth = options.depth ?? 4
  const learningRate = options.learningRate ?? 0.1
  const l2 = options.l2 ?? 1
  const minHessian = options.minHessian ?? 5
  const binCount = options.bins ?? 32
  const rowCount = rows.length
  const featureCount = rows[0]?.length ?? 0
  const positives = labels.filter(Boolean).length
  const rate = Math.min(Math.max(positives / Math.max(1, rowCount), 1e-4), 1 - 1e-4)
  const model: BoostedTrees = { base: Math.log(rate / (1 - rate)), trees: [] }
  if (rowCount === 0) return model

  // Quantile bin edges per feature; bin b holds values ≤ edges[b].
  const edges: Float64Array[] = []
  const binned: Uint8Array[] = []
  for (let feature = 0; feature < featureCount; feature += 1) {
    const values = Float64Array.from(rows, (row) => row[feature] ?? 0).sort()
    const cuts: number[] = []
    for (let bin = 1; bin < binCount; bin += 1) {
      const cut = values[Math.floor((bin * rowCount) / binCount)] ?? 0
      if (cuts.length === 0 || cut > (cuts[cuts.length - 1] ?? 0)) cuts.push(cut)
    }
    const featureEdges = Float64Array.from(cuts)
    edges.push(featureEdges)
    binned.push(Uint8Array.from(rows, (row) => binOf(featureEdges, row[feature] ?? 0)))
  }
  const logits = new Float64Array(rowCount).fill(model.base)
  const gradient = new Float64Array(rowCount)
  const hessian = new Float64Array(rowCount)
  for (let round = 0; round < treeCount; round += 1) {
    for (let row = 0; row < rowCount; row += 1) {
      const probability = 1 / (1 + Math.exp(-(logits[row] ?? 0)))
      gradient[row] = probability - (labels[row] ? 1 : 0)
      hessian[row] = Math.max(probability * (1 - probability), 1e-6)
    }
    const feature: number[] = []
    const threshold: number[] = []
    const left: number[] = []
    const right: number[] = []
    const value: number[] = []
    const grow = (members: Int32Array, level: number): number => {
      const node = feature.length
      feature.push(-1)
      threshold.push(0)
      left.push(-1)
      right.push(-1)
      let gradientSum = 0
      let hessianSum = 0
      for (const row of members) {
        gradientSum += gradient[row] ?? 0
        hessianSum += hessian[row] ?? 0
      }
      value.push((-gradientSum / (hessianSum + l2)) * learningRate)
      if (level >= depth || hessianSum < 2 * minHessian) return node
      const parentScore = (gradientSum * gradientSum) / (hessianSum + l2)
      let best = { gain: 1e-9, feature: -1, bin: -1 }
      const gradientHistogram = new Float64Array(binCount)
      const hessianHistogram = new Float64Array(binCount)
      for (let candidate = 0; candidate < featureCount; candidate += 1) {
        const bins = binned[candidate] as Uint8Array
        const usable = (edges[candidate] as Float64Array).length
        if (usable === 0) continue
        gradientHistogram.fill(0)
        hessianHistogram.fill(0)
        for (const row of members) {
          const bin = bins[row] ?? 0
          gradientHistogram[bin] = (gradientHistogram[bin] ?? 0) + (gradient[row] ?? 0)
          hessianHistogram[bin] = (hessianHistogram[bin] ?? 0) + (hessian[row] ?? 0)
        }
        let gradientLeft = 0
        let hessianLeft = 0
        for (let bin = 0; bin < usable; bin += 1) {
          gradientLeft += gradientHistogram[bin] ?? 0
          hessianLeft += hessianHistogram[bin] ?? 0
          const hessianRight = hessianSum - hessianLeft
          if (hessianLeft < minHessian || hessianRight < minHessian) continue
          const gradientRight = gradientSum - gradientLeft
          const gain = (gradientLeft * gradientLeft) / (hessianLeft + l2) + (gradientRight * gradientRight) / (hessianRight + l2) - parentScore
          if (gain > best.gain) best = { gain, feature: candidate, bin }
        }
      }
      if (best.feature < 0) return node
      const bins = binned[best.feature] as Uint8Array
      const leftMembers = members.filter((row) => (bins[row] ?? 0) <= best.bin)
      const rightMembers = members.filter((row) => (bins[row] ?? 0) > best.bin)
      feature[node] = best.feature
      threshold[node] = edges[best.feature]?.[best.bin] ?? 0
      left[node] = grow(leftMembers, level + 1)
      right[node] = grow(rightMembers, level + 1)
      return node
    }
    grow(Int32Array.from({ length: rowCount }, (_, row) => row), 0)
    const tree = {
      feature: Int16Array.from(feature),
      threshold: Float64Array.from(threshold),
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      value: Float64Array.from(value),
    }
    model.trees.push(tree)
    for (let row = 0; row < rowCount; row += 1) logits[row] = (logits[row] ?? 0) + boostedLogit({ base: 0, trees: [tree] }, rows[row] as Float64Array)
  }
  return model
}

/** First bin whose edge is ≥ value (values above every edge go to the last bin). */
function binOf(edges: Float64Array, value: number): number {
  let low = 0
  let high = edges.length
  while (low < high) {
    const middle = (low + high) >> 1
    if ((edges[middle] ?? 0) < value) low = middle + 1
    else high = middle
  }
  return low
}
