/**
 * One patch of the adaptive annotation queue (paper: "dynamic and iterative
 * collaborative annotation"): the fewest candidate records whose trusted noisy
 * labels cover each short code as many times as it still needs.
 *
 * Greedy set multicover: a record's gain is the sum, over the codes it holds
 * that still need records, of the noisy label's confidence — the number of clean
 * examples it is expected to yield, since a noisy label is right about as often
 * as its confidence says. The record with the largest gain is taken, the needs
 * of its codes fall by one, and so on until no need is left or no candidate
 * covers one. Gains only fall as needs are met, so a max-heap re-checked on pop
 * (lazy greedy) gives the same picks as rescoring everything each round:
 * O(picks · log candidates) instead of O(picks · candidates).
 */
import { deriveSeed } from '../random/seeded-random.js'

export interface PatchCandidate {
  recordId: number
  /** Trusted noisy labels: code → confidence in (0, 1]. */
  codes: ReadonlyMap<string, number>
}

export interface PatchPlanRequest {
  candidates: readonly PatchCandidate[]
  /** Records each code still needs in this patch; codes absent or ≤ 0 need none. */
  need: ReadonlyMap<string, number>
  /** At most this many records (a patch a team can annotate before the next plan); default no limit. */
  maxRecords?: number
  /** Breaks exact ties reproducibly. */
  seed: number
}

export interface PlannedPatch {
  /** Records in the order they were picked: the most useful first. */
  recordIds: number[]
  /** Per code, how many picked records carry its noisy label. */
  covered: Map<string, number>
  /** Codes whose need the candidates could not meet, with what is left of it. */
  unmet: Map<string, number>
  /** Sum of the picked labels' confidences over needed codes: clean examples expected. */
  expectedExamples: number
}

interface HeapEntry {
  candidate: PatchCandidate
  gain: number
  tieBreak: number
}

export function planPatch(request: PatchPlanRequest): PlannedPatch {
  const need = new Map([...request.need].filter(([, count]) => count > 0))
  const limit = request.maxRecords ?? Number.POSITIVE_INFINITY
  const ranks = (left: HeapEntry, right: HeapEntry): number => left.gain - right.gain || left.tieBreak - right.tieBreak
  const heap = new MaxHeap<HeapEntry>(ranks)
  for (const candidate of request.candidates) {
    const gain = gainOf(candidate, need)
    if (gain > 0) heap.push({ candidate, gain, tieBreak: deriveSeed(request.seed, candidate.recordId) })
  }
  const recordIds: number[] = []
  const covered = new Map<string, number>()
  let expectedExamples = 0
  while (recordIds.length < limit && need.size > 0) {
    const top = heap.pop()
    if (!top) break
    const gain = gainOf(top.candidate, need)
    if (gain <= 0) continue
    const current = { ...top, gain }
    const next = heap.peek()
    if (next && ranks(current, next) < 0) {
      // Its gain fell since it was pushed (the others' stored gains are upper bounds): back in at its current value.
      heap.push(current)
      continue
    }
    recordIds.push(top.candidate.recordId)
    expectedExamples += gain
    for (const code of top.candidate.codes.keys()) {
      const remaining = need.get(code)
      if (remaining === undefined) continue
      covered.set(code, (covered.get(code) ?? 0) + 1)
      if (remaining <= 1) need.delete(code)
      else need.set(code, remaining - 1)
    }
  }
  return { recordIds, covered, unmet: need, expectedExamples }
}

function gainOf(candidate: PatchCandidate, need: ReadonlyMap<string, number>): number {
  let gain = 0
  for (const [code, confidence] of candidate.codes) if ((need.get(code) ?? 0) > 0) gain += confidence
  return gain
}

/** A binary max-heap under `compare` (positive: left ranks higher). */
class MaxHeap<T> {
  readonly #items: T[] = []
  constructor(private readonly compare: (left: T, right: T) => number) {}

  push(item: T): void {
    const items = this.#items
    items.push(item)
    let index = items.length - 1
    while (index > 0) {
      const parent = (index - 1) >> 1
      if (this.compare(items[index] as T, items[parent] as T) <= 0) break
      ;[items[index], items[parent]] = [items[parent] as T, items[index] as T]
      index = parent
    }
  }

  peek(): T | undefined {
    return this.#items[0]
  }

  pop(): T | undefined {
    const items = this.#items
    const top = items[0]
    const last = items.pop()
    if (items.length > 0 && last !== undefined) {
      items[0] = last
      let index = 0
      for (;;) {
        const left = 2 * index + 1
        const right = left + 1
        let largest = index
        if (left < items.length && this.compare(items[left] as T, items[largest] as T) > 0) largest = left
        if (right < items.length && this.compare(items[right] as T, items[largest] as T) > 0) largest = right
        if (largest === index) break
        ;[items[index], items[largest]] = [items[largest] as T, items[index] as T]
        index = largest
      }
    }
    return top
  }
}
