/** The review desk: the queue of versions to check, the open case side by side, and the verdict. */
import type { AppClient } from '../../../contract/client.js'
import type { ReviewCase, ReviewQueueItem, ReviewReasonKind, ReviewVerdict } from '../../../contract/supervision.js'
import type { AppError } from '../../../contract/result.js'

export const REVIEW_PAGE_SIZE = 50

export class ReviewDesk {
  items = $state.raw<ReviewQueueItem[]>([])
  total = $state(0)
  reason = $state<ReviewReasonKind | ''>('')
  coder = $state('')
  loading = $state(false)
  openCase = $state.raw<ReviewCase | null>(null)
  comment = $state('')
  problem = $state.raw<AppError | null>(null)
  /** The verdict just saved, for the status line. */
  saved = $state<ReviewVerdict | null>(null)
  busy = $state(false)

  readonly #client: AppClient
  language: string

  constructor(client: AppClient, language = 'en') {
    this.#client = client
    this.language = language
  }

  async load(): Promise<void> {
    this.loading = true
    try {
      const result = await this.#client.listReviewQueue({
        ...(this.reason ? { reason: this.reason } : {}),
        ...(this.coder ? { coder: this.coder } : {}),
        limit: REVIEW_PAGE_SIZE,
      })
      if (result.ok) {
        this.items = result.value.items
        this.total = result.value.total
      } else this.problem = result.error
    } finally {
      this.loading = false
    }
  }

  async open(recordId: string): Promise<void> {
    this.saved = null
    this.comment = ''
    const result = await this.#client.getReviewCase({ recordId, language: this.language })
    if (result.ok) {
      this.openCase = result.value
      this.problem = null
    } else this.problem = result.error
  }

  async decide(verdict: ReviewVerdict): Promise<boolean> {
    const current = this.openCase
    if (!current) return false
    this.busy = true
    try {
      const result = await this.#client.reviewDecision({ recordId: current.record.id, version: current.version, verdict, comment: this.comment })
      if (!result.ok) {
        this.problem = result.error
        return false
      }
      this.problem = null
      this.saved = verdict
      this.openCase = { ...current, review: result.value }
      this.comment = ''
      await this.load()
      return true
    } finally {
      this.busy = false
    }
  }
}
