/** The record open in the middle of the screen, the coding session on it, and the model's suggestions for it. */
import type { AppClient } from '../../../contract/client.js'
import type { CodingMode, Decision, EvidenceSpan } from '../../../contract/domain.js'
import type { AppError } from '../../../contract/result.js'
import { CodingSession } from './coding-session.svelte.js'
import { CodingTimer } from './coding-timer.svelte.js'
import type { ActivitySource, TimerClock } from './coding-timer.svelte.js'
import { EvidenceCursor } from './evidence-cursor.svelte.js'
import { SuggestionsState } from './suggestions-state.svelte.js'

/** A draft is saved this long after the coder's last change (and at once when they leave the record). */
export const DRAFT_DELAY_MS = 600

/** Where the coding timer gets its clock and its signs of life; null runs no timer (activeMs 0). */
export interface TimerSources {
  activity: ActivitySource
  clock?: TimerClock
}

export class RecordWorkbench {
  session = $state.raw<CodingSession | null>(null)
  /** The id being opened, so the queue can show which row is on its way. */
  openingId = $state<string | null>(null)
  error = $state.raw<AppError | null>(null)
  /** UI language for code titles in the record's coding history. */
  language = 'en'
  /** The mode a supervisor set for this coder (from the workspace); sessions record it. */
  mode = $state<CodingMode>('assisted')
  /** Fetched beside the record, never before it: the text shows as soon as it arrives. */
  readonly suggestions: SuggestionsState
  /** The evidence passage the coder stepped to in the open record. */
  readonly evidenceCursor = new EvidenceCursor()

  readonly #client: AppClient
  readonly #timerSources: TimerSources | null
  #latestRequest = 0

  constructor(client: AppClient, timerSources: TimerSources | null = null) {
    this.#client = client
    this.#timerSources = timerSources
    this.suggestions = new SuggestionsState(client)
    this.suggestions.onChoicesChanged = () => this.session?.noteChoicesChanged()
  }

  /** Code titles, rule warnings and suggestions in another UI language, keeping the coder's work. */
  setLanguage(language: string): void {
    if (language === this.language) return
    this.language = language
    this.suggestions.language = language
    const session = this.session
    if (!session) return
    session.setLanguage(language)
    const recordId = session.record.id
    if (this.suggestions.recordId === recordId) void this.suggestions.load(recordId, { keepChoices: true })
    // The history's titles come with the record.
    void this.#client.openRecord({ recordId, language }).then((result) => {
      if (result.ok && this.session === session) session.record = { ...session.record, decisions: result.value.decisions }
    })
  }

  get recordId(): string | null {
    return this.openingId ?? this.session?.record.id ?? null
  }

  /** Evidence to paint in the open record: the highlighted suggestion's, if the suggestions are this record's. */
  get evidence(): EvidenceSpan[] {
    const recordId = this.session?.record.id
    return recordId !== undefined && recordId === this.suggestions.recordId ? this.suggestions.evidence : []
  }

  /** The mode from the workspace: recorded with each submit, and it decides which suggestions are fetched and shown. */
  setMode(mode: CodingMode): void {
    this.mode = mode
    this.suggestions.setMode(mode)
  }

  /** Opens a record, replacing the current session (reopening the same id reloads it). */
  async open(recordId: string): Promise<boolean> {
    const request = ++this.#latestRequest
    this.openingId = recordId
    this.suggestions.language = this.language
    // Not awaited: a slow model must not hold back the record's text.
    void this.suggestions.load(recordId)
    const result = await this.#client.openRecord({ recordId, language: this.language })
    if (request !== this.#latestRequest) return false
    this.openingId = null
    if (!result.ok) {
      this.error = result.error
      // The previous record (if any) stays on screen, so its suggestions should too.
      if (this.session) void this.suggestions.load(this.session.record.id)
      else this.suggestions.clear()
      return false
    }
    this.error = null
    this.session?.dispose()
    const sources = this.#timerSources
    const timer = sources ? new CodingTimer(sources.activity, sources.clock) : null
    const suggestions = this.suggestions
    this.session = new CodingSession(this.#client, result.value, {
      timer,
      mode: this.mode,
      suggestionFeedback: (codes) => suggestions.feedbackFor(recordId, codes),
      rules: true,
      draftDelayMs: DRAFT_DELAY_MS,
      language: this.language,
      suggestedPrimary: () => (suggestions.recordId === recordId ? suggestions.primary : null),
      choices: () => suggestions.choices(),
      restoreChoices: (choices) => suggestions.restoreChoices(choices),
    })
    return true
  }

  dispose(): void {
    this.session?.dispose()
  }

  noteDecision(decision: Decision): void {
    // A record coded blind (double coding) is not the first coder's to be told about: their versions are not this session's.
    if (this.session?.record.blind) return
    this.session?.noteDecision(decision)
  }
}
