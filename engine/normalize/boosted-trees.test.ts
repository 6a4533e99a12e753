import { describe, expect, it } from 'vitest'
import { SeededRandom } from '../random/seeded-random.js'
import { boostedLogit, fitBoostedTrees } from './boosted-trees.js'
import { fitLogistic, logisticProbability } from './ranker.js'

function logLoss(probabilities: number[], labels: boolean[]): number {
  return -probabilities.reduce((sum, probability, index) => sum + Math.log(labels[index] ? probability : 1 - probability), 0) / labels.length
}

describe('fitBoostedTrees', () => {
  const random = new SeededRandom(3)
  // Right only when both signals are strong: an interaction no linear model can express.
  const sample = (count: number) =>
    Array.from({ length: count }, () => {
      const row = Float64Array.from([1, random.next(), random.next(), random.next()])
      const truth = (row[1] ?? 0) > 0.5 && (row[2] ?? 0) > 0.5 ? 0.9 : 0.1
      return { row, label: random.next() < truth }
    })
  const train = sample(3_000)
  const test = sample(1_000)

  it('learns an interaction that logistic regression cannot, on held-out rows', () => {
    const trees = fitBoostedTrees(
      train.map((item) => item.row),
      train.map((item) => item.label),
    )
    const weights = fitLogistic(train.map((item) => ({ features: item.row, correct: item.label })))
    const labels = test.map((item) => item.label)
    const treeLoss = logLoss(test.map((item) => 1 / (1 + Math.exp(-boostedLogit(trees, item.row)))), labels)
    const linearLoss = logLoss(test.map((item) => logisticProbability(weights, item.row)), labels)
    expect(treeLoss).toBeLessThan(linearLoss - 0.05)
    // Close to the noise floor: entropy of a 0.9/0.1 coin is 0.325 nats.
    expect(treeLoss).toBeLessThan(0.37)
  })

  it('gives the base rate without rows to split', () => {
    const model = fitBoostedTrees([Float64Array.from([1]), Float64Array.from([1])], [true, false])
    expect(boostedLogit(model, Float64Array.from([1]))).toBeCloseTo(0, 6)
  })
})
