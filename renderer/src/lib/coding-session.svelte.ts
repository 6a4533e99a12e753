/**
 * One coder editing the coding of one open record. The editor starts from the
 * record's latest submitted version (or empty), and a submit names that version
 * as its base, so an edit made on stale data is refused by the engine rather
 * than silently overwriting a colleague's newer coding.
 */
import type { AppClient } from '../../../contract/client.js'
import type { CodingMode, Decision, RecordView, SuggestionFeedback } from '../../../contract/domain.js'
import type { AppError } from '../../../contract/result.js'
import type { CodingTimer } from './coding-timer.svelte.js'

export interface AssignedCode {
  code: string
  title: string
  isPrimary: boolean
}

/** Why the last submit did not go through; the UI words it in the chosen language. */
export type SubmitProblem =
  | { kind: 'needs-codes' }
  | { kind: 'needs-one-primary'; marked: number }
  | { kind: 'app'; error: AppError }

export interface SessionOptions {
  /** Measures active time for the submit; none in tests that do not care (activeMs 0). */
  timer?: CodingTimer | null
  mode?: CodingMode
  /** What became of the model's suggestions, given the codes being submitted; none without suggestions. */
  suggestionFeedback?: (codes: readonly string[]) => SuggestionFeedback | undefined
}

export class CodingSession {
  record: RecordView
  codes = $state<AssignedCode[]>([])
  comment = $state('')
  submitting = $state(false)
  problem = $state.raw<SubmitProblem | null>(null)
  /** The version this session submitted last, for the "submitted" confirmation. */
  submittedVersion = $state<number | null>(null)
  /** A version someone else submitted while this editor was open: submitting would conflict. */
  newerDecision = $state.raw<Decision | null>(null)
  /** The assigned code the keyboard acts on (mark primary, remove); arrow keys move it. */
  selectedCode = $state<string | null>(null)
  readonly timer: CodingTimer | null
  readonly mode: CodingMode

  readonly #client: AppClient
  readonly #suggestionFeedback: SessionOptions['suggestionFeedback']
  #undoStack = $state.raw<AssignedCode[][]>([])

  constructor(client: AppClient, record: RecordView, options: SessionOptions = {}) {
    this.#client = client
    this.record = $state.raw(record)
    this.codes = codesOf(record.decisions[0])
    this.timer = options.timer ?? null
    this.mode = options.mode ?? 'assisted'
    this.#suggestionFeedback = options.suggestionFeedback
  }

  /** The version the editor started from; 0 for a record never coded. */
  get baseVersion(): number {
    return this.record.decisions[0]?.version ?? 0
  }

  get canUndo(): boolean {
    return this.#undoStack.length > 0
  }

  has(code: string): boolean {
    return this.codes.some((assigned) => assigned.code === code)
  }

  /**
   * Adds a code; the first code of an empty coding becomes the primary, since
   * coders usually start from the principal diagnosis. Returns false for a duplicate.
   */
  add(code: { code: string; title: string }): boolean {
    if (this.has(code.code)) return false
    this.#remember()
    this.codes.push({ code: code.code, title: code.title, isPrimary: this.codes.length === 0 })
    return true
  }

  /** Removing the primary leaves none marked: which code takes over is the coder's call, not ours. */
  remove(code: string): void {
    if (!this.has(code)) return
    this.#remember()
    this.codes = this.codes.filter((assigned) => assigned.code !== code)
  }

  setPrimary(code: string): void {
    if (!this.has(code)) return
    this.#remember()
    for (const assigned of this.codes) assigned.isPrimary = assigned.code === code
  }

  /** Moves the keyboard selection through the assigned codes, stopping at either end; starts at the first. */
  moveSelection(step: 1 | -1): void {
    if (this.codes.length === 0) return
    const index = this.codes.findIndex((assigned) => assigned.code === this.selectedCode)
    const next = index < 0 ? 0 : Math.min(this.codes.length - 1, Math.max(0, index + step))
    this.selectedCode = this.codes[next]?.code ?? null
  }

  markSelectedPrimary(): void {
    if (this.selectedCode) this.setPrimary(this.selectedCode)
  }

  /** Removes the selected code and selects its neighbour, so repeated presses keep working down the list. */
  removeSelected(): void {
    const index = this.codes.findIndex((assigned) => assigned.code === this.selectedCode)
    if (index < 0) return
    this.remove(this.codes[index]?.code ?? '')
    this.selectedCode = this.codes[Math.min(index, this.codes.length - 1)]?.code ?? null
  }

  undo(): void {
    const previous = this.#undoStack.at(-1)
    if (!previous) return
    this.#undoStack = this.#undoStack.slice(0, -1)
    this.codes = previous
    this.problem = null
  }

  /** Submits the coding as the next version; resolves with the stored decision, or null (see `problem`). */
  async submit(): Promise<Decision | null> {
    if (this.submitting) return null
    this.problem = localProblem(this.codes)
    if (this.problem) return null
    this.submitting = true
    const result = await this.#client.submitDecision({
      recordId: this.record.id,
      codes: this.codes.map(({ code, isPrimary }) => ({ code, isPrimary })),
      comment: this.comment.trim(),
      baseVersion: this.baseVersion,
      activeMs: this.timer?.activeMs() ?? 0,
      mode: this.mode,
      suggestions: this.mode === 'manual' ? undefined : this.#suggestionFeedback?.(this.codes.map((assigned) => assigned.code)),
      // The text the coder read: a re-import that changed it since makes the engine refuse, not misfile.
      sourceVersion: this.record.sourceVersion,
    })
    this.submitting = false
    if (!result.ok) {
      this.problem = { kind: 'app', error: result.error }
      return null
    }
    const decision = result.value
    this.record = { ...this.record, status: 'submitted', decisions: [decision, ...this.record.decisions] }
    this.codes = codesOf(decision)
    this.comment = ''
    this.#undoStack = []
    this.submittedVersion = decision.version
    this.newerDecision = null
    // The next submit is a new version: its time starts now.
    this.timer?.reset()
    return decision
  }

  dispose(): void {
    this.timer?.dispose()
  }

  /** Told of a decision submitted anywhere for this record (another window, another coder). */
  noteDecision(decision: Decision): void {
    // Our own submit's event can arrive before its reply; the reply settles that case.
    if (this.submitting || decision.recordId !== this.record.id) return
    if (decision.version > this.baseVersion) this.newerDecision = decision
  }

  #remember(): void {
    this.#undoStack = [...this.#undoStack, this.codes.map((assigned) => ({ ...assigned }))]
    this.problem = null
    this.submittedVersion = null
  }
}

function codesOf(decision: Decision | undefined): AssignedCode[] {
  return (decision?.codes ?? []).map(({ code, title, isPrimary }) => ({ code, title, isPrimary }))
}

function localProblem(codes: AssignedCode[]): SubmitProblem | null {
  if (codes.length === 0) return { kind: 'needs-codes' }
  const marked = codes.filter((assigned) => assigned.isPrimary).length
  return marked === 1 ? null : { kind: 'needs-one-primary', marked }
}
