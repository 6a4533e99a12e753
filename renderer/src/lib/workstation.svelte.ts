/**
 * The coder's screen as one object: header facts, queue, open record, code
 * search. It wires them together (a submit refreshes progress and the queue;
 * a decision from another window marks a stale editor) and remembers, per tab,
 * which record was open so a reload lands where the coder was.
 */
import type { AppClient } from '../../../contract/client.js'
import type { Decision, RecordSort } from '../../../contract/domain.js'
import { CodeSearch } from './code-search.svelte.js'
import { MachinePolicyPanel } from './machine-policy.svelte.js'
import { EngineNotice } from './engine-notice.svelte.js'
import { QUEUE_FILTERS, RecordQueue, parseQueueView } from './record-queue.svelte.js'
import type { QueueFilter, QueueNarrowing } from './record-queue.svelte.js'
import { RecordWorkbench } from './record-workbench.svelte.js'
import type { TimerSources } from './record-workbench.svelte.js'
import { WorkspaceSummary } from './workspace-summary.svelte.js'

const OPEN_RECORD_KEY = 'clinicoco.openRecord'
const QUEUE_FILTER_KEY = 'clinicoco.queueFilter'
/** The narrowing filters and the order. The status filter keeps its own key, which tabs already hold. */
const QUEUE_VIEW_KEY = 'clinicoco.queueView'
/** Per coder, across sessions: the confidence threshold they chose (absent: the model's). */
const THRESHOLD_KEY_PREFIX = 'clinicoco.threshold.'

export type ViewMemory = Pick<Storage, 'getItem' | 'setItem'>
export type Preferences = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export class Workstation {
  readonly workspace: WorkspaceSummary
  readonly queue: RecordQueue
  readonly workbench: RecordWorkbench
  readonly search: CodeSearch
  readonly policy: MachinePolicyPanel
  readonly engineNotice: EngineNotice

  readonly #client: AppClient
  readonly #memory: ViewMemory | null
  readonly #preferences: Preferences | null

  /**
   * `memory` holds this tab's view (sessionStorage); `preferences` what each coder
   * chose across sessions on this workstation (localStorage).
   */
  constructor(client: AppClient, memory: ViewMemory | null = null, timerSources: TimerSources | null = null, preferences: Preferences | null = null) {
    this.#client = client
    this.#memory = memory
    this.#preferences = preferences
    this.workspace = new WorkspaceSummary(client)
    this.queue = new RecordQueue(client)
    this.workbench = new RecordWorkbench(client, timerSources)
    this.search = new CodeSearch(client)
    this.policy = new MachinePolicyPanel(client)
    this.engineNotice = new EngineNotice(client)
  }

  /** Loads the screen and listens for decisions; returns the function that stops listening. */
  start(): () => void {
    const stopListening = this.#client.on('decisionSubmitted', (decision) => this.#onDecision(decision))
    const stopNotices = this.engineNotice.listen()
    // A supervisor's verdict changes the queue (returned records), not the open coding.
    const stopReviews = this.#client.on('reviewRecorded', () => void this.queue.load())
    const filter = this.#memory?.getItem(QUEUE_FILTER_KEY)
    if (filter && (QUEUE_FILTERS as readonly string[]).includes(filter)) this.queue.filter = filter as QueueFilter
    const view = parseQueueView(this.#memory?.getItem(QUEUE_VIEW_KEY) ?? null)
    if (view) this.queue.restore(view)
    void this.queue.load()
    const openRecord = this.#memory?.getItem(OPEN_RECORD_KEY)
    // The coder's mode comes with the workspace and must be known before a record opens.
    void this.workspace.load().then(() => {
      this.#applyMode()
      this.#applyThresholdPreference()
      if (openRecord) void this.#reopen(openRecord)
    })
    return () => {
      stopListening()
      stopNotices()
      stopReviews()
      this.queue.dispose()
      this.search.dispose()
      this.workbench.dispose()
    }
  }

  async openRecord(recordId: string): Promise<void> {
    this.search.clear()
    if (await this.workbench.open(recordId)) this.#memory?.setItem(OPEN_RECORD_KEY, recordId)
  }

  /**
   * Opens the record after (step 1) or before (-1) the open one in the queue, turning
   * the page at its edge. A record no longer listed (submitted off the to-do list)
   * leads to the first row, which is then the next one to code.
   */
  async openAdjacent(step: 1 | -1): Promise<void> {
    const items = this.queue.items
    const index = items.findIndex((item) => item.id === this.workbench.recordId)
    if (index < 0) {
      const first = items[0]
      if (first) await this.openRecord(first.id)
      return
    }
    const target = items[index + step]
    if (target) return this.openRecord(target.id)
    if (step > 0 && this.queue.hasNext) {
      await this.queue.nextPage()
      const first = this.queue.items[0]
      if (first) await this.openRecord(first.id)
    } else if (step < 0 && this.queue.hasPrevious) {
      await this.queue.previousPage()
      const last = this.queue.items.at(-1)
      if (last) await this.openRecord(last.id)
    }
  }

  /**
   * Code titles follow the UI language: a visible search is asked again, and the
   * open record's codes, warnings, suggestions and history are retitled in
   * place, keeping the coder's work.
   */
  setLanguage(language: string): void {
    if (this.search.language === language) return
    this.search.language = language
    this.workbench.setLanguage(language)
    if (this.search.query.trim() !== '') this.search.setQuery(this.search.query)
  }

  setQueueFilter(filter: QueueFilter): Promise<void> {
    this.#memory?.setItem(QUEUE_FILTER_KEY, filter)
    return this.queue.setFilter(filter)
  }

  narrowQueue(change: Partial<QueueNarrowing>): Promise<void> {
    const loaded = this.queue.narrow(change)
    this.#rememberQueueView()
    return loaded
  }

  typeQueueQuery(query: string): void {
    this.queue.typeQuery(query)
    this.#rememberQueueView()
  }

  sortQueue(sort: RecordSort): Promise<void> {
    const loaded = this.queue.setSort(sort)
    this.#rememberQueueView()
    return loaded
  }

  async submit(): Promise<void> {
    const decision = await this.workbench.session?.submit()
    // Refresh here as well as on the event: the event stream may be down, and the header must not lie.
    if (decision) await Promise.all([this.workspace.load(), this.queue.load()])
  }

  #rememberQueueView(): void {
    this.#memory?.setItem(QUEUE_VIEW_KEY, JSON.stringify(this.queue.view))
  }

  /** The coder's threshold from earlier sessions, and from now on each one they choose is kept for them. */
  #applyThresholdPreference(): void {
    const userId = this.workspace.info?.user.id
    const preferences = this.#preferences
    if (!userId || !preferences) return
    const key = THRESHOLD_KEY_PREFIX + userId
    const saved = preferences.getItem(key)
    const suggestions = this.workbench.suggestions
    if (saved !== null && saved.trim() !== '') suggestions.restoreThreshold(Number(saved))
    suggestions.onThresholdChosen = (value) => (value === null ? preferences.removeItem(key) : preferences.setItem(key, String(value)))
  }

  #applyMode(): void {
    const mode = this.workspace.info?.user.mode
    if (mode) this.workbench.setMode(mode)
  }

  /** A remembered record that is gone (another workspace, say) is forgotten rather than shown as an error. */
  async #reopen(recordId: string): Promise<void> {
    const opened = await this.workbench.open(recordId)
    if (!opened && this.workbench.error?.code === 'not-found') this.workbench.error = null
  }

  #onDecision(decision: Decision): void {
    this.workbench.noteDecision(decision)
    void this.workspace.load()
    void this.queue.load()
  }
}
