/**
 * A small seeded PRNG (mulberry32) for the demo hospital and the noise
 * injector. The demo must be reproducible from a seed alone — tests, screenshots
 * and the quality-control simulator compare runs — so nothing here touches
 * `Math.random`.
 */
export class SeededRandom {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let mixed = this.state
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1)
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61)
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296
  }

  /** Uniform integer in [min, max], both inclusive. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Cannot pick from an empty list')
    return items[Math.floor(this.next() * items.length)] as T
  }

  /** Picks an item with probability proportional to its weight. */
  pickWeighted<T>(entries: ReadonlyArray<readonly [item: T, weight: number]>): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0)
    if (!(total > 0)) throw new RangeError('Weights must sum to a positive number')
    let remaining = this.next() * total
    for (const [item, weight] of entries) {
      remaining -= weight
      if (remaining < 0) return item
    }
    // Floating-point rounding can leave a sliver of `remaining`: the last item takes it.
    return (entries[entries.length - 1] as readonly [T, number])[0]
  }

  /** A shuffled copy (Fisher–Yates); the input is left as it was. */
  shuffle<T>(items: readonly T[]): T[] {
    const shuffled = [...items]
    for (let index = shuffled.length - 1; index > 0; index -= 1) {
      const swapWith = Math.floor(this.next() * (index + 1))
      const held = shuffled[index] as T
      shuffled[index] = shuffled[swapWith] as T
      shuffled[swapWith] = held
    }
    return shuffled
  }

  /** Up to `count` distinct items in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, count))
  }
}

/**
 * Derives an independent seed for stream `stream` of `seed` (splitmix-style
 * finaliser). Each demo record draws from its own stream, so record 17 is the
 * same whether 20 or 20,000 records are generated.
 */
export function deriveSeed(seed: number, stream: number): number {
  let mixed = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0
  mixed = Math.imul(mixed ^ (mixed >>> 16), 0x7feb352d)
  mixed = Math.imul(mixed ^ (mixed >>> 15), 0x846ca68b)
  return (mixed ^ (mixed >>> 16)) >>> 0
}
