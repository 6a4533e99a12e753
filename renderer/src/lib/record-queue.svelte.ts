/** The coder's worklist: one page of records at a time, filtered by status. */
import type { AppClient } from '../../../contract/client.js'
import type { RecordStatus, RecordSummary } from '../../../contract/domain.js'
import type { AppError } from '../../../contract/result.js'

export type QueueFilter = RecordStatus | 'all'

export const QUEUE_FILTERS: readonly QueueFilter[] = ['todo', 'submitted', 'all']
export const QUEUE_PAGE_SIZE = 50

export class RecordQueue {
  filter = $state<QueueFilter>('todo')
  offset = $state(0)
  items = $state.raw<RecordSummary[]>([])
  total = $state(0)
  loading = $state(false)
  error = $state.raw<AppError | null>(null)

  readonly #client: AppClient
  readonly #pageSize: number
  // Only the newest request may land: a slow page must not overwrite a later filter's.
  #latestRequest = 0

  constructor(client: AppClient, pageSize = QUEUE_PAGE_SIZE) {
    this.#client = client
    this.#pageSize = pageSize
  }

  get hasPrevious(): boolean {
    return this.offset > 0
  }

  get hasNext(): boolean {
    return this.offset + this.items.length < this.total
  }

  /** 1-based position of the first row shown, 0 when the page is empty. */
  get firstShown(): number {
    return this.items.length === 0 ? 0 : this.offset + 1
  }

  get lastShown(): number {
    return this.offset + this.items.length
  }

  async load(): Promise<void> {
    const request = ++this.#latestRequest
    this.loading = true
    const result = await this.#client.listRecords({
      ...(this.filter === 'all' ? {} : { status: this.filter }),
      offset: this.offset,
      limit: this.#pageSize,
    })
    if (request !== this.#latestRequest) return
    this.loading = false
    if (!result.ok) {
      this.error = result.error
      return
    }
    this.error = null
    // A submit elsewhere can shrink the filtered list under the current page: step back to the last page.
    if (result.value.items.length === 0 && this.offset > 0 && result.value.total > 0) {
      this.offset = Math.max(0, Math.floor((result.value.total - 1) / this.#pageSize) * this.#pageSize)
      return this.load()
    }
    this.items = result.value.items
    this.total = result.value.total
  }

  setFilter(filter: QueueFilter): Promise<void> {
    this.filter = filter
    this.offset = 0
    return this.load()
  }

  nextPage(): Promise<void> {
    if (!this.hasNext) return Promise.resolve()
    this.offset += this.#pageSize
    return this.load()
  }

  previousPage(): Promise<void> {
    if (!this.hasPrevious) return Promise.resolve()
    this.offset = Math.max(0, this.offset - this.#pageSize)
    return this.load()
  }
}
