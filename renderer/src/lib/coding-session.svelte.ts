/**
 * One coder editing the coding of one open record. The editor starts from the
 * record's latest submitted version (or empty), and a submit names that version
 * as its base, so an edit made on stale data is refused by the engine rather
 * than silently overwriting a colleague's newer coding.
 *
 * With `rules` on, every change asks the engine's coding rules about the codes
 * (live warnings, each overridable with a reason); with `drafts` on, the work
 * is saved to the engine as a draft moments after each change and restored
 * when the record is opened again, whatever happened to the page or the engine
 * in between. A primary other than the suggested one must be confirmed.
 */
import type { RuleCheck, RuleOverride, RuleWarning } from '../../../contract/coding-rules.js'
import type { AppClient } from '../../../contract/client.js'
import type { CodingDraft, CodingMode, Decision, FlagDismissal, PrimaryConfirmation, RecordView, SuggestedPrimary, SuggestionFeedback } from '../../../contract/domain.js'
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
  | { kind: 'rule-warnings'; count: number }
  | { kind: 'confirm-primary'; suggested: string; marked: string }
  | { kind: 'app'; error: AppError }

/** What the coding carries besides its codes, for the draft and the submission: owned by the suggestions. */
export interface SuggestionChoices {
  flagDismissals: FlagDismissal[]
  accepted: string[]
  rejected: string[]
}

export type DraftState = { kind: 'none' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed'; error: AppError }

export interface SessionOptions {
  /** Measures active time for the submit; none in tests that do not care (activeMs 0). */
  timer?: CodingTimer | null
  mode?: CodingMode
  /** What became of the model's suggestions, given the codes being submitted; none without suggestions. */
  suggestionFeedback?: (codes: readonly string[]) => SuggestionFeedback | undefined
  /** Ask the engine's coding rules after every change (the app does; tests that do not care leave it off). */
  rules?: boolean
  /** Save the work as a draft in the engine this long after the last change; off when absent. */
  draftDelayMs?: number
  /** UI language for the rules' words and the codes' titles. */
  language?: string
  /** The primary the model suggests for this record, once known. */
  suggestedPrimary?: () => { primary: SuggestedPrimary; modelVersion: string } | null
  /** The dismissed flags and the accepted / rejected suggestions, kept in the draft and reported at submit. */
  choices?: () => SuggestionChoices
  /** Told the choices a restored draft held, so the suggestions can show them again. */
  restoreChoices?: (choices: SuggestionChoices) => void
}

export class CodingSession {
  record: RecordView
  codes = $state<AssignedCode[]>([])
  submitting = $state(false)
  problem = $state.raw<SubmitProblem | null>(null)
  /** The version this session submitted last, for the "submitted" confirmation. */
  submittedVersion = $state<number | null>(null)
  /** A version someone else submitted while this editor was open: submitting would conflict. */
  newerDecision = $state.raw<Decision | null>(null)
  /** The assigned code the keyboard acts on (mark primary, remove); arrow keys move it. */
  selectedCode = $state<string | null>(null)
  /** What the coding rules say about the codes now; null before the first answer (or with rules off). */
  ruleCheck = $state.raw<RuleCheck | null>(null)
  /** The rules could not be asked (the engine did not answer). */
  ruleError = $state.raw<AppError | null>(null)
  /** Warnings the coder keeps the codes against, with their reasons. */
  overrides = $state.raw<RuleOverride[]>([])
  /** The coder confirmed a primary other than the suggested one. */
  primaryConfirmed = $state(false)
  draftState = $state.raw<DraftState>({ kind: 'none' })
  /** A draft was restored on opening, and from which version it was started. */
  restoredDraft = $state.raw<{ savedAt: string; fromVersion: number } | null>(null)
  language: string
  readonly timer: CodingTimer | null
  readonly mode: CodingMode

  readonly #client: AppClient
  readonly #options: SessionOptions
  #comment = $state('')
  /** The coder marked a primary themselves: a suggested primary added later does not take the mark. */
  #primaryChosen = false
  #undoStack = $state.raw<AssignedCode[][]>([])
  #latestCheck = 0
  #draftTimer: ReturnType<typeof setTimeout> | null = null
  #disposed = false

  constructor(client: AppClient, record: RecordView, options: SessionOptions = {}) {
    this.#client = client
    this.#options = options
    this.record = $state.raw(record)
    this.codes = codesOf(record.decisions[0])
    this.timer = options.timer ?? null
    this.mode = options.mode ?? 'assisted'
    this.language = options.language ?? 'en'
    const draft = options.draftDelayMs === undefined ? null : record.draft
    if (draft) this.#restore(draft)
    // A coding taken over from a submitted version or a draft has its primary decided already.
    this.#primaryChosen = this.codes.length > 0
    if (options.rules) void this.checkRules()
  }

  get comment(): string {
    return this.#comment
  }

  set comment(value: string) {
    if (value === this.#comment) return
    this.#comment = value
    this.#changed()
  }

  /** Rule warnings the coder has not overridden (headings can never be overridden). */
  get unresolvedWarnings(): RuleWarning[] {
    return (this.ruleCheck?.warnings ?? []).filter((warning) => !this.overrideFor(warning))
  }

  overrideFor(warning: RuleWarning): RuleOverride | null {
    if (!warning.overridable) return null
    return this.overrides.find((override) => override.ruleId === warning.ruleId && sameCodes(override.codes, warning.codes)) ?? null
  }

  /** Keeps the codes a warning is about, with the coder's reason; false when the reason says nothing or the warning cannot be overridden. */
  overrideWarning(warning: RuleWarning, reason: string): boolean {
    const trimmed = reason.trim()
    if (!warning.overridable || trimmed.length < 3) return false
    this.overrides = [...this.overrides.filter((override) => !(override.ruleId === warning.ruleId && sameCodes(override.codes, warning.codes))), { ruleId: warning.ruleId, codes: warning.codes, reason: trimmed }]
    this.problem = null
    this.#changed()
    return true
  }

  withdrawOverride(warning: RuleWarning): void {
    this.overrides = this.overrides.filter((override) => !(override.ruleId === warning.ruleId && sameCodes(override.codes, warning.codes)))
    this.#changed()
  }

  /** The primary diagnosis the model and rules suggest for this record; null when none (no model, manual mode). */
  get suggestedPrimary(): SuggestedPrimary | null {
    return this.mode === 'manual' ? null : (this.#options.suggestedPrimary?.()?.primary ?? null)
  }

  /** The suggested primary, when it differs from the code marked primary (the coder must confirm or change). */
  get primaryMismatch(): { suggested: SuggestedPrimary; marked: AssignedCode } | null {
    const suggested = this.suggestedPrimary
    const marked = this.codes.find((assigned) => assigned.isPrimary)
    if (!suggested || !marked || marked.code === suggested.code) return null
    return { suggested, marked }
  }

  confirmPrimary(confirmed: boolean): void {
    this.primaryConfirmed = confirmed
    this.problem = null
    this.#changed()
  }

  /** Asks the coding rules about the codes as they are now; only the newest answer counts. */
  async checkRules(): Promise<void> {
    const request = ++this.#latestCheck
    const result = await this.#client.checkCoding({
      recordId: this.record.id,
      codes: this.codes.map(({ code, isPrimary }) => ({ code, isPrimary })),
      language: this.language,
    })
    if (request !== this.#latestCheck || this.#disposed) return
    if (!result.ok) {
      this.ruleError = result.error
      return
    }
    this.ruleError = null
    this.ruleCheck = result.value
    // Titles follow the UI language, and a restored draft's codes get theirs here.
    for (const assigned of this.codes) {
      const title = result.value.titles[assigned.code]
      if (title !== undefined && title !== assigned.title) assigned.title = title
    }
  }

  /** Code titles and the rules' words in another language. */
  setLanguage(language: string): void {
    if (language === this.language) return
    this.language = language
    if (this.#options.rules) void this.checkRules()
  }

  /** Saves the draft now (instead of after the delay); resolves when the engine has it. */
  async saveDraftNow(): Promise<void> {
    if (this.#draftTimer !== null) clearTimeout(this.#draftTimer)
    this.#draftTimer = null
    if (this.#options.draftDelayMs === undefined || this.#disposed) return
    this.draftState = { kind: 'saving' }
    const result = await this.#client.saveDraft({ recordId: this.record.id, draft: this.#draft() })
    if (this.#disposed) return
    this.draftState = result.ok ? { kind: 'saved', at: result.value.savedAt } : { kind: 'failed', error: result.error }
  }

  /** Throws the unsubmitted work away: back to the version it started from, and the engine forgets the draft. */
  async discardDraft(): Promise<void> {
    if (this.#draftTimer !== null) clearTimeout(this.#draftTimer)
    this.#draftTimer = null
    this.codes = codesOf(this.record.decisions[0])
    this.#comment = ''
    this.overrides = []
    this.primaryConfirmed = false
    this.#undoStack = []
    this.restoredDraft = null
    this.#options.restoreChoices?.({ flagDismissals: [], accepted: [], rejected: [] })
    if (this.#options.rules) void this.checkRules()
    if (this.#options.draftDelayMs === undefined) return
    const result = await this.#client.discardDraft({ recordId: this.record.id })
    this.draftState = result.ok ? { kind: 'none' } : { kind: 'failed', error: result.error }
  }

  #draft(): CodingDraft {
    const choices = this.#options.choices?.() ?? { flagDismissals: [], accepted: [], rejected: [] }
    return {
      baseVersion: this.baseVersion,
      codes: this.codes.map(({ code, isPrimary }) => ({ code, isPrimary })),
      comment: this.#comment,
      ruleOverrides: this.overrides,
      flagDismissals: choices.flagDismissals,
      primaryConfirmed: this.primaryConfirmed,
      accepted: choices.accepted,
      rejected: choices.rejected,
    }
  }

  #restore(draft: NonNullable<RecordView['draft']>): void {
    // Titles come with the first rule check, in the UI language.
    this.codes = draft.codes.map(({ code, isPrimary }) => ({ code, title: '', isPrimary }))
    this.#comment = draft.comment
    this.overrides = draft.ruleOverrides
    this.primaryConfirmed = draft.primaryConfirmed
    this.restoredDraft = { savedAt: draft.savedAt, fromVersion: draft.baseVersion }
    this.draftState = { kind: 'saved', at: draft.savedAt }
    this.#options.restoreChoices?.({ flagDismissals: draft.flagDismissals, accepted: draft.accepted, rejected: draft.rejected })
  }

  /** Any change to the work: the rules look again, and the draft is saved a moment later. */
  #changed(): void {
    if (this.#disposed) return
    if (this.#options.draftDelayMs !== undefined) {
      if (this.#draftTimer !== null) clearTimeout(this.#draftTimer)
      this.#draftTimer = setTimeout(() => void this.saveDraftNow(), this.#options.draftDelayMs)
    }
  }

  #codesChanged(): void {
    if (this.#options.rules) void this.checkRules()
    this.#changed()
  }

  /** Told that the suggestions' choices changed (a flag dismissed, a suggestion rejected): the draft keeps them. */
  noteChoicesChanged(): void {
    this.#changed()
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
   * coders usually start from the principal diagnosis — until the suggested
   * primary is added, which takes the mark unless the coder chose a primary
   * themselves (accepting the list from the top must not make hypertension the
   * primary of a sepsis admission). Returns false for a duplicate.
   */
  add(code: { code: string; title: string }): boolean {
    if (this.has(code.code)) return false
    this.#remember()
    const takesPrimary = this.codes.length > 0 && !this.#primaryChosen && this.suggestedPrimary?.code === code.code
    if (takesPrimary) for (const assigned of this.codes) assigned.isPrimary = false
    this.codes.push({ code: code.code, title: code.title, isPrimary: this.codes.length === 0 || takesPrimary })
    this.#codesChanged()
    return true
  }

  /** Removing the primary leaves none marked: which code takes over is the coder's call, not ours. */
  remove(code: string): void {
    if (!this.has(code)) return
    this.#remember()
    this.codes = this.codes.filter((assigned) => assigned.code !== code)
    this.#codesChanged()
  }

  setPrimary(code: string): void {
    if (!this.has(code)) return
    this.#remember()
    for (const assigned of this.codes) assigned.isPrimary = assigned.code === code
    this.#primaryChosen = true
    this.primaryConfirmed = false
    this.#codesChanged()
  }

  /** Replaces a code (a heading by one of its codes) in place, keeping its primary mark. */
  replace(code: string, by: { code: string; title: string }): void {
    if (!this.has(code) || this.has(by.code)) return
    this.#remember()
    this.codes = this.codes.map((assigned) => (assigned.code === code ? { code: by.code, title: by.title, isPrimary: assigned.isPrimary } : assigned))
    this.#codesChanged()
  }

  /** Moves the keyboard selection through the assigned codes, stopping at either end; starts at the first. */
  moveSelection(step: 1 | -1): void {
    if (this.codes.length === 0) return
    const index = this.codes.findIndex((assigned) => assigned.code === this.selectedCode)
    const next = index < 0 ? 0 : Math.min(this.codes.length - 1, Math.max(0, index + step))
    this.selectedCode = this.codes[next]?.code ?? null
  }

  /** `p`: marks the selected code primary; on the primary itself, when it differs from the suggestion, confirms it. */
  markSelectedPrimary(): void {
    if (!this.selectedCode) return
    const current = this.codes.find((assigned) => assigned.code === this.selectedCode)
    if (current?.isPrimary && this.primaryMismatch) this.confirmPrimary(true)
    else this.setPrimary(this.selectedCode)
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
    this.#codesChanged()
  }

  /** Submits the coding as the next version; resolves with the stored decision, or null (see `problem`). */
  async submit(): Promise<Decision | null> {
    if (this.submitting) return null
    this.problem = localProblem(this.codes) ?? this.#rulesProblem()
    if (this.problem) return null
    this.submitting = true
    if (this.#draftTimer !== null) clearTimeout(this.#draftTimer)
    this.#draftTimer = null
    const shownPrimary = this.mode === 'manual' ? null : (this.#options.suggestedPrimary?.() ?? null)
    const primary: PrimaryConfirmation | undefined = shownPrimary
      ? { suggested: shownPrimary.primary.code, probability: Math.min(1, Math.max(0, shownPrimary.primary.confidence)), modelVersion: shownPrimary.modelVersion, confirmed: this.primaryConfirmed }
      : undefined
    const choices = this.#options.choices?.()
    const result = await this.#client.submitDecision({
      recordId: this.record.id,
      codes: this.codes.map(({ code, isPrimary }) => ({ code, isPrimary })),
      comment: this.comment.trim(),
      baseVersion: this.baseVersion,
      activeMs: this.timer?.activeMs() ?? 0,
      mode: this.mode,
      suggestions: this.mode === 'manual' ? undefined : this.#options.suggestionFeedback?.(this.codes.map((assigned) => assigned.code)),
      ...(this.overrides.length > 0 ? { ruleOverrides: this.overrides } : {}),
      ...(primary ? { primary } : {}),
      ...(choices && choices.flagDismissals.length > 0 ? { flagDismissals: choices.flagDismissals } : {}),
    })
    this.submitting = false
    if (!result.ok) {
      this.problem = { kind: 'app', error: result.error }
      return null
    }
    const decision = result.value
    this.record = { ...this.record, status: 'submitted', decisions: [decision, ...this.record.decisions] }
    this.codes = codesOf(decision)
    this.#comment = ''
    this.#undoStack = []
    this.overrides = []
    this.primaryConfirmed = false
    this.restoredDraft = null
    this.draftState = { kind: 'none' }
    this.submittedVersion = decision.version
    this.newerDecision = null
    // The next submit is a new version: its time starts now.
    this.timer?.reset()
    return decision
  }

  dispose(): void {
    // Leaving the record: what is pending is saved now rather than lost.
    if (this.#draftTimer !== null) void this.saveDraftNow()
    this.#disposed = true
    this.timer?.dispose()
  }

  /** Warnings still open, or a different primary not confirmed: the local reasons not to submit yet. */
  #rulesProblem(): SubmitProblem | null {
    const open = this.unresolvedWarnings.length
    if (open > 0) return { kind: 'rule-warnings', count: open }
    const mismatch = this.primaryMismatch
    if (mismatch && !this.primaryConfirmed) return { kind: 'confirm-primary', suggested: mismatch.suggested.code, marked: mismatch.marked.code }
    return null
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

  /** Whether the session has asked the rules (the app); with them off, submit relies on the engine alone. */
  get checksRules(): boolean {
    return this.#options.rules === true
  }
}

function codesOf(decision: Decision | undefined): AssignedCode[] {
  return (decision?.codes ?? []).map(({ code, title, isPrimary }) => ({ code, title, isPrimary }))
}

function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',')
}

function localProblem(codes: AssignedCode[]): SubmitProblem | null {
  if (codes.length === 0) return { kind: 'needs-codes' }
  const marked = codes.filter((assigned) => assigned.isPrimary).length
  return marked === 1 ? null : { kind: 'needs-one-primary', marked }
}
