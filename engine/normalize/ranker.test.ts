import { describe, expect, it } from 'vitest'
import { SeededRandom } from '../random/seeded-random.js'
import { fitLogistic, logisticProbability } from './ranker.js'

describe('fitLogistic', () => {
  it('recovers the weights of a known logistic model and so gives calibrated probabilities', () => {
    const random = new SeededRandom(11)
    const truth = Float64Array.from([-1, 3, -2])
    const examples = Array.from({ length: 4_000 }, () => {
      const features = Float64Array.from([1, random.next() * 2 - 1, random.next() * 2 - 1])
      return { features, correct: random.next() < logisticProbability(truth, features) }
    })
    const weights = fitLogistic(examples, { l2: 0.01 })
    expect(weights[0]).toBeCloseTo(-1, 0)
    expect(weights[1]).toBeCloseTo(3, 0)
    expect(weights[2]).toBeCloseTo(-2, 0)
    // Calibration: mean predicted probability equals the observed rate (a property of the logistic fit with a bias).
    const predicted = examples.reduce((sum, example) => sum + logisticProbability(weights, example.features), 0) / examples.length
    const observed = examples.filter((example) => example.correct).length / examples.length
    expect(predicted).toBeCloseTo(observed, 2)
  })

  it('stays finite on perfectly separable data (the L2 penalty bounds the weights)', () => {
    const examples = [0, 1, 2, 3].map((value) => ({ features: Float64Array.from([1, value]), correct: value >= 2 }))
    const weights = fitLogistic(examples)
    expect([...weights].every(Number.isFinite)).toBe(true)
    expect(logisticProbability(weights, Float64Array.from([1, 3]))).toBeGreaterThan(logisticProbability(weights, Float64Array.from([1, 0])))
  })
})
