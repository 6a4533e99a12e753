/**
 * The coder's worklist: one page of records at a time, filtered by status,
 * narrowed by department, language, discharge dates, a text query and — for a
 * supervisor auditing coded work — the current coding's code, coder and mode,
 * in the chosen order.
 */
import type { Input } from '../../../contract/api.js'
import type { AppClient } from '../../../contract/client.js'
import type { CodingMode, RecordFacets, RecordSort, RecordStatus, RecordSummary } from '../../../contract/domain.js'
import type { AppError } from '../../../contract/result.js'

/** By status; `mine`: the batches a supervisor assigned to me; `returned`: codings a supervisor sent back. */
export type QueueFilter = RecordStatus | 'all' | 'mine' | 'returned'

export const QUEUE_FILTERS: readonly QueueFilter[] = ['todo', 're-review', 'submitted', 'all', 'mine', 'returned']
export const QUEUE_SORTS: readonly RecordSort[] = ['id', 'discharged-desc']
export const QUEUE_MODES: readonly CodingMode[] = ['assisted', 'black-box', 'manual']
/** The contract's limit on the code filter. */
export const QUEUE_CODE_MAX_LENGTH = 40
export const QUEUE_PAGE_SIZE = 50
/** The contract's limit on the text query; the input stops there rather than earn a refusal. */
export const QUEUE_QUERY_MAX_LENGTH = 200
/** Long enough to skip the calls for the letters of a word typed at speed: a query scans every diagnosis name. */
export const QUEUE_QUERY_DEBOUNCE_MS = 250

/** What narrows the queue beyond its status; '' means any. Dates are `YYYY-MM-DD`, as date inputs give them. */
export interface QueueNarrowing {
  department: string
  language: string
  query: string
  dischargedFrom: string
  dischargedTo: string
  /** A code of the current coding, or one above it (`E11`). */
  code: string
  /** Who submitted the current coding (a user id). */
  coder: string
  /** The mode the current coding was done in, or '' for any. */
  mode: CodingMode | ''
}

export const NO_NARROWING: QueueNarrowing = {
  department: '',
  language: '',
  query: '',
  dischargedFrom: '',
  dischargedTo: '',
  code: '',
  coder: '',
  mode: '',
}

/** How the queue was set up, as a tab remembers it across a reload. */
export interface QueueView {
  narrowing: QueueNarrowing
  sort: RecordSort
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

export class RecordQueue {
  filter = $state<QueueFilter>('todo')
  narrowing = $state.raw<QueueNarrowing>(NO_NARROWING)
  sort = $state<RecordSort>('id')
  offset = $state(0)
  items = $state.raw<RecordSummary[]>([])
  total = $state(0)
  facets = $state.raw<RecordFacets>({ departments: [], languages: [], mainLanguage: null, coders: [] })
  loading = $state(false)
  error = $state.raw<AppError | null>(null)

  readonly #client: AppClient
  readonly #pageSize: number
  readonly #queryDebounceMs: number
  #queryTimer: ReturnType<typeof setTimeout> | undefined
  // Only the newest request may land: a slow page must not overwrite a later filter's.
  #latestRequest = 0

  constructor(client: AppClient, pageSize = QUEUE_PAGE_SIZE, queryDebounceMs = QUEUE_QUERY_DEBOUNCE_MS) {
    this.#client = client
    this.#pageSize = pageSize
    this.#queryDebounceMs = queryDebounceMs
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

  /** How many of the narrowing filters are set (the text query included). */
  get narrowingCount(): number {
    return Object.values(this.narrowing).filter((value) => value.trim() !== '').length
  }

  /** The departments to offer: those present, and the chosen one even if its last record is gone. */
  /** The coders to offer: those who have coded, and the chosen one even if the facets do not list them yet. */
  get coderOptions(): ReadonlyArray<{ id: string; displayName: string }> {
    const chosen = this.narrowing.coder
    const coders = this.facets.coders
    return chosen === '' || coders.some((coder) => coder.id === chosen) ? coders : [...coders, { id: chosen, displayName: chosen }]
  }

  get departmentOptions(): readonly string[] {
    return withChosen(this.facets.departments, this.narrowing.department)
  }

  get languageOptions(): readonly string[] {
    return withChosen(this.facets.languages, this.narrowing.language)
  }

  get view(): QueueView {
    return { narrowing: this.narrowing, sort: this.sort }
  }

  async load(): Promise<void> {
    // This load asks with the query as typed so far, so a pending debounced one has nothing left to do.
    clearTimeout(this.#queryTimer)
    const request = ++this.#latestRequest
    this.loading = true
    const result = await this.#client.listRecords(this.#listInput())
    if (request !== this.#latestRequest) return
    this.loading = false
    if (!result.ok) {
      this.error = result.error
      return
    }
    this.error = null
    this.facets = result.value.facets
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

  /** Changes some narrowing filters and loads the first page at once. */
  narrow(change: Partial<QueueNarrowing>): Promise<void> {
    this.narrowing = { ...this.narrowing, ...change }
    this.offset = 0
    return this.load()
  }

  /** The text query as the coder types it: the page follows once typing pauses. */
  typeQuery(query: string): void {
    this.narrowing = { ...this.narrowing, query }
    this.offset = 0
    this.loading = true
    clearTimeout(this.#queryTimer)
    this.#queryTimer = setTimeout(() => void this.load(), this.#queryDebounceMs)
  }

  clearNarrowing(): Promise<void> {
    return this.narrow(NO_NARROWING)
  }

  setSort(sort: RecordSort): Promise<void> {
    this.sort = sort
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

  /** Takes over a remembered setup before the first load. */
  restore(view: QueueView): void {
    this.narrowing = view.narrowing
    this.sort = view.sort
  }

  dispose(): void {
    clearTimeout(this.#queryTimer)
    this.#latestRequest++
  }

  /** Only what is set goes to the engine; defaults stay out of the request. */
  #listInput(): Input<'listRecords'> {
    const { department, language, dischargedFrom, dischargedTo, coder, mode } = this.narrowing
    const query = this.narrowing.query.trim()
    const code = this.narrowing.code.trim()
    return {
      ...(this.filter === 'todo' || this.filter === 'submitted' ? { status: this.filter } : {}),
      ...(this.filter === 'mine' ? { assigned: 'me' as const } : {}),
      ...(this.filter === 'returned' ? { review: 'returned' as const } : {}),
      ...(department === '' ? {} : { department }),
      ...(language === '' ? {} : { language }),
      ...(query === '' ? {} : { query }),
      ...(ISO_DATE.test(dischargedFrom) ? { dischargedFrom } : {}),
      ...(ISO_DATE.test(dischargedTo) ? { dischargedTo } : {}),
      ...(code === '' ? {} : { code }),
      ...(coder === '' ? {} : { coder }),
      ...(mode === '' ? {} : { mode }),
      ...(this.sort === 'id' ? {} : { sort: this.sort }),
      offset: this.offset,
      limit: this.#pageSize,
    }
  }
}

/** A remembered setup, or null when there is none or it is not one this version wrote. */
export function parseQueueView(text: string | null): QueueView | null {
  if (text === null) return null
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const { narrowing, sort } = value as Record<string, unknown>
  if (!QUEUE_SORTS.includes(sort as RecordSort) || typeof narrowing !== 'object' || narrowing === null) return null
  const stored = narrowing as Record<string, unknown>
  const stringAt = (key: keyof QueueNarrowing) => {
    const field = stored[key]
    return typeof field === 'string' ? field : ''
  }
  const dateAt = (key: 'dischargedFrom' | 'dischargedTo') => (ISO_DATE.test(stringAt(key)) ? stringAt(key) : '')
  return {
    narrowing: {
      department: stringAt('department'),
      language: stringAt('language'),
      query: stringAt('query').slice(0, QUEUE_QUERY_MAX_LENGTH),
      dischargedFrom: dateAt('dischargedFrom'),
      dischargedTo: dateAt('dischargedTo'),
      code: stringAt('code').slice(0, QUEUE_CODE_MAX_LENGTH),
      coder: stringAt('coder'),
      mode: QUEUE_MODES.includes(stringAt('mode') as CodingMode) ? (stringAt('mode') as CodingMode) : '',
    },
    sort: sort as RecordSort,
  }
}

function withChosen(values: readonly string[], chosen: string): readonly string[] {
  return chosen === '' || values.includes(chosen) ? values : [...values, chosen]
}
