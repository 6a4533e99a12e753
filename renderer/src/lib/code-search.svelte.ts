/**
 * The code search box's state: a debounced query, the hits for it, and which
 * hit the keyboard has highlighted. Only assignable codes are offered, because a
 * heading (a chapter, block or category with subcodes) is refused on submit.
 */
import type { AppClient } from '../../../contract/client.js'
import type { CodeHit } from '../../../contract/domain.js'
import type { AppError } from '../../../contract/result.js'

/** Long enough to skip the calls for the letters of a word typed at speed, short enough to feel live. */
export const SEARCH_DEBOUNCE_MS = 120
export const SEARCH_RESULT_LIMIT = 20

export class CodeSearch {
  query = $state('')
  hits = $state.raw<CodeHit[]>([])
  /** The query the current hits answer, so "no results" names what was searched. */
  answeredQuery = $state('')
  activeIndex = $state(-1)
  searching = $state(false)
  error = $state.raw<AppError | null>(null)
  /** UI language: hits come titled in it where the code set has such titles. */
  language = 'en'

  readonly #client: AppClient
  readonly #debounceMs: number
  #timer: ReturnType<typeof setTimeout> | undefined
  #latestRequest = 0

  constructor(client: AppClient, debounceMs = SEARCH_DEBOUNCE_MS) {
    this.#client = client
    this.#debounceMs = debounceMs
  }

  get activeHit(): CodeHit | null {
    return this.hits[this.activeIndex] ?? null
  }

  setQuery(query: string): void {
    this.query = query
    clearTimeout(this.#timer)
    const trimmed = query.trim()
    if (trimmed === '') {
      this.#latestRequest++
      this.#show([], '')
      return
    }
    this.searching = true
    this.#timer = setTimeout(() => void this.#run(trimmed), this.#debounceMs)
  }

  /** Moves the highlight, wrapping at either end as listboxes do. */
  moveActive(step: 1 | -1): void {
    if (this.hits.length === 0) return
    const from = this.activeIndex < 0 && step < 0 ? 0 : this.activeIndex
    this.activeIndex = (from + step + this.hits.length) % this.hits.length
  }

  clear(): void {
    this.setQuery('')
  }

  dispose(): void {
    clearTimeout(this.#timer)
    this.#latestRequest++
  }

  async #run(query: string): Promise<void> {
    const request = ++this.#latestRequest
    const result = await this.#client.searchCodes({
      query,
      limit: SEARCH_RESULT_LIMIT,
      assignableOnly: true,
      language: this.language,
    })
    if (request !== this.#latestRequest) return
    if (result.ok) {
      this.error = null
      this.#show(result.value.items, query)
    } else {
      this.error = result.error
      this.#show([], query)
    }
  }

  #show(hits: CodeHit[], answeredQuery: string): void {
    this.hits = hits
    this.answeredQuery = answeredQuery
    this.activeIndex = hits.length > 0 ? 0 : -1
    this.searching = false
  }
}
