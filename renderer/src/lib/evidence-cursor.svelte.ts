/**
 * Which painted evidence passage the coder jumped to. In a long record the
 * evidence words can be screens apart: the cursor steps through them in reading
 * order, wrapping at either end, and starts over when another code's evidence
 * (or another record) is painted.
 */
export class EvidenceCursor {
  /** The passage jumped to, in reading order; -1 before the first jump. */
  index = $state(-1)
  /** How many passages are painted now. */
  count = $state(0)
  #painted = ''

  /** Told by the text what is painted (`key` names it: the code and record); anything new starts over. */
  sync(key: string, count: number): void {
    if (key === this.#painted && count === this.count) return
    this.#painted = key
    this.count = count
    this.index = -1
  }

  /** To the next (1) or previous (-1) passage; the first jump forward lands on the first, backward on the last. */
  jump(step: 1 | -1): void {
    if (this.count === 0) return
    this.index = this.index < 0 ? (step > 0 ? 0 : this.count - 1) : (this.index + step + this.count) % this.count
  }
}
