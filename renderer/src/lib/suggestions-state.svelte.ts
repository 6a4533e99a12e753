/**
 * The model's suggestions for the open record, and the coder's view of them: a
 * confidence threshold (a filter on what was fetched: moving it never asks the
 * engine again), the suggestion the keyboard is on, and which ones the coder
 * accepted. The coding mode decides how much is shown: 'assisted' everything,
 * 'black-box' codes and probabilities but not why (no evidence, no per-source
 * breakdown, no similar cases, no name flags) and no threshold to move (the
 * model's own applies), 'manual' nothing, and then `suggest` is never called.
 */
import type { AppClient } from '../../../contract/client.js'
import type {
  CodingMode,
  EvidenceSpan,
  FlagDismissal,
  NameQualityFlag,
  RecordView,
  SimilarCase,
  SuggestedCode,
  SuggestedHeading,
  SuggestedPrimary,
  SuggestionFeedback,
  SuggestionSource,
  Suggestions,
} from '../../../contract/domain.js'
import type { AppError } from '../../../contract/result.js'
import type { CodingSession } from './coding-session.svelte.js'

export type SuggestionsStatus =
  /** Nothing to show: no record, the mode not known yet, or manual mode. */
  | { kind: 'idle' }
  | { kind: 'loading' }
  /** No model installed: the coder codes without suggestions, which is not an error. */
  | { kind: 'no-model' }
  | { kind: 'failed'; error: AppError }
  | { kind: 'ready'; suggestions: Suggestions }

/** Group order on screen: the record's own text first, then its names, then other records. */
export const SOURCE_ORDER: readonly SuggestionSource[] = ['text', 'names', 'similar']
/** How far under the threshold a suggestion counts as just below it. */
const JUST_BELOW = 0.1
/** One press of the threshold keys. */
const THRESHOLD_STEP = 0.05
/** Where the slider sits before any model has answered. */
const INITIAL_THRESHOLD = 0.5
/** The list lengths a coder may cap the suggestions at, beside the threshold (the paper reports Recall@9). */
export const TOP_K_CHOICES = [5, 9, 15] as const
export type TopK = (typeof TOP_K_CHOICES)[number] | null

/** A similar case opened for reading beside the record being coded (never for editing). */
export type CasePreview =
  | { recordId: string; kind: 'loading' }
  | { recordId: string; kind: 'ready'; record: RecordView }
  | { recordId: string; kind: 'failed'; error: AppError }

export interface SuggestionGroup {
  source: SuggestionSource
  codes: SuggestedCode[]
}

/** Where an accepted code goes: the open record's coding session. */
export type CodeTarget = Pick<CodingSession, 'add' | 'has'> & { record: { id: string } }

export class SuggestionsState {
  status = $state.raw<SuggestionsStatus>({ kind: 'idle' })
  /** The record the suggestions are (being) fetched for. */
  recordId = $state<string | null>(null)
  /** Null until the workspace says which mode the supervisor set: nothing is fetched before. */
  mode = $state<CodingMode | null>(null)
  /** The suggestion the keyboard acts on; its evidence is painted in the record. */
  selectedCode = $state<string | null>(null)
  /** The suggestion under the pointer: its evidence is painted while it is there. */
  previewCode = $state<string | null>(null)
  /** Codes the coder took from the suggestions for this record (shown as accepted while assigned). */
  accepted = $state<string[]>([])
  /** Suggestions the coder said no to: they stay listed, marked, and are reported with the submission. */
  rejected = $state<string[]>([])
  /** The similar case open for reading, if any. */
  casePreview = $state.raw<CasePreview | null>(null)
  /** Name flags the coder dismissed, with their reasons (reported with the submission). */
  dismissed = $state<FlagDismissal[]>([])
  /** UI language, for code titles. */
  language = 'en'
  /** At most this many suggestions shown (the most probable above the threshold); null: every one above it. */
  topK = $state<TopK>(null)
  /** Told when the coder sets the threshold (its value) or hands it back to the model (null), so it can be remembered per coder. */
  onThresholdChosen: ((value: number | null) => void) | null = null
  /** Told when the coder accepts, rejects or dismisses something, so the draft keeps it. */
  onChoicesChanged: (() => void) | null = null

  #threshold = $state(INITIAL_THRESHOLD)
  /** Once the coder moves the slider it stays where they put it, across records; until then it follows the model. */
  #thresholdMoved = false
  readonly #client: AppClient
  #latestRequest = 0

  constructor(client: AppClient, mode: CodingMode | null = null) {
    this.#client = client
    this.mode = mode
  }

  get threshold(): number {
    return this.#threshold
  }

  set threshold(value: number) {
    if (!Number.isFinite(value)) return
    this.#threshold = roundToHundredths(Math.min(1, Math.max(0, value)))
    this.#thresholdMoved = true
    this.onThresholdChosen?.(this.#threshold)
  }

  /** Applies the coder's remembered threshold (from an earlier session) without telling it back; nonsense is ignored. */
  restoreThreshold(value: number): void {
    if (!Number.isFinite(value) || value < 0 || value > 1) return
    this.#threshold = roundToHundredths(value)
    this.#thresholdMoved = true
  }

  /** The model's own threshold (chosen on its dev set), once it has answered; in hundredths, as the slider moves. */
  get modelThreshold(): number | null {
    return this.status.kind === 'ready' ? roundToHundredths(this.status.suggestions.threshold) : null
  }

  /** The threshold in force: the coder's in assisted mode; in black-box mode, where there is no slider, the model's. */
  get applied(): number {
    return this.showsReasons ? this.#threshold : (this.modelThreshold ?? this.#threshold)
  }

  /** Whether the coder may see why a code is suggested: evidence, sources, similar cases. */
  get showsReasons(): boolean {
    return this.mode === 'assisted'
  }

  get all(): SuggestedCode[] {
    return this.status.kind === 'ready' ? this.status.suggestions.codes : []
  }

  /** Codes offered: above the threshold, not held back by a coding rule, and, with a top k, only the k most probable of them. */
  get aboveThreshold(): SuggestedCode[] {
    const above = this.all.filter((code) => code.probability >= this.applied && code.held === null)
    if (this.topK === null || above.length <= this.topK) return above
    const kept = [...above].sort((left, right) => right.probability - left.probability).slice(0, this.topK)
    return above.filter((code) => kept.includes(code))
  }

  /** The codes not shown: under the threshold, or beyond the top k. */
  get belowThreshold(): SuggestedCode[] {
    const shown = this.aboveThreshold
    return this.all.filter((code) => code.held === null && !shown.includes(code))
  }

  /** Codes a coding rule held back that would otherwise be offered (above the threshold), with the rule's reason. */
  get heldBack(): SuggestedCode[] {
    return this.all.filter((code) => code.probability >= this.applied && code.held !== null)
  }

  /**
   * Headings the record points to above the threshold, with their codes to choose
   * from (assisted mode): a heading is never suggested itself. Left out when a code
   * under it is already offered, or a vague-name flag says the same.
   */
  get headings(): SuggestedHeading[] {
    if (!this.showsReasons || this.status.kind !== 'ready') return []
    const offered = this.aboveThreshold.map((code) => code.code)
    const flagged = this.flags.flatMap((flag) => (flag.kind === 'vague' ? [flag.code] : []))
    return this.status.suggestions.headings.filter(
      (heading) => heading.probability >= this.applied && !flagged.includes(heading.code) && !heading.choices.some((choice) => offered.includes(choice.code)),
    )
  }

  /** The primary diagnosis the model and rules suggest, with the model that suggested it. */
  get primary(): { primary: SuggestedPrimary; modelVersion: string } | null {
    if (this.status.kind !== 'ready' || this.status.suggestions.primary === null) return null
    return { primary: this.status.suggestions.primary, modelVersion: this.status.suggestions.modelVersion }
  }

  /** Codes less than 0.1 under the threshold: what lowering it a little would add (coders in the paper preferred recall). */
  get justBelow(): SuggestedCode[] {
    return this.belowThreshold.filter((code) => code.probability < this.applied && code.probability >= this.applied - JUST_BELOW)
  }

  /** Codes at or above the threshold that the top k leaves out. */
  get beyondTopK(): SuggestedCode[] {
    return this.belowThreshold.filter((code) => code.probability >= this.applied)
  }

  /** Above-threshold codes by the source that contributed most, best first within each; empty groups left out. */
  get groups(): SuggestionGroup[] {
    const above = this.aboveThreshold
    return SOURCE_ORDER.map((source) => ({ source, codes: above.filter((code) => code.source === source) })).filter(
      (group) => group.codes.length > 0,
    )
  }

  /** The above-threshold codes in the order the screen shows them, which the arrow keys follow. */
  get shown(): SuggestedCode[] {
    return this.showsReasons ? this.groups.flatMap((group) => group.codes) : this.aboveThreshold
  }

  get similarCases(): SimilarCase[] {
    return this.showsReasons && this.status.kind === 'ready' ? this.status.suggestions.similarCases : []
  }

  /**
   * Possible errors in the record's diagnosis names (assisted mode): *missing*
   * flags whose support reaches the threshold — lowering it for recall shows
   * more — and every *vague* and *wrong* flag (facts about the name: a heading,
   * a mapping the text contradicts). Flags the coder dismissed are left out.
   */
  get flags(): NameQualityFlag[] {
    if (!this.showsReasons || this.status.kind !== 'ready') return []
    return this.status.suggestions.flags.filter((flag) => (flag.kind !== 'missing' || flag.support >= this.#threshold) && !this.isDismissed(flag))
  }

  /** The code whose evidence is painted: the one pointed at, else the selected one. */
  get highlightedCode(): string | null {
    const code = this.previewCode ?? this.selectedCode
    return code !== null && this.all.some((suggestion) => suggestion.code === code) ? code : null
  }

  /** Evidence spans of the highlighted code; none outside assisted mode. */
  get evidence(): EvidenceSpan[] {
    if (!this.showsReasons) return []
    return this.all.find((suggestion) => suggestion.code === this.highlightedCode)?.evidence ?? []
  }

  setMode(mode: CodingMode): void {
    if (mode === this.mode) return
    this.mode = mode
    const recordId = this.recordId
    if (recordId !== null) void this.load(recordId)
  }

  /**
   * Fetches the suggestions for a record (reopening the same id asks again).
   * `keepChoices` keeps what the coder accepted, rejected and dismissed (the
   * same record asked again in another language).
   */
  async load(recordId: string, options: { keepChoices?: boolean } = {}): Promise<void> {
    const request = ++this.#latestRequest
    const keep = options.keepChoices === true && recordId === this.recordId
    this.recordId = recordId
    if (!keep) {
      this.selectedCode = null
      this.accepted = []
      this.rejected = []
      this.dismissed = []
    }
    this.previewCode = null
    this.casePreview = null
    if (this.mode === null || this.mode === 'manual') {
      this.status = { kind: 'idle' }
      return
    }
    this.status = { kind: 'loading' }
    const result = await this.#client.suggest({ recordId, language: this.language })
    if (request !== this.#latestRequest) return
    if (!result.ok) {
      this.status = result.error.code === 'model-missing' ? { kind: 'no-model' } : { kind: 'failed', error: result.error }
      return
    }
    if (!this.#thresholdMoved) this.#threshold = roundToHundredths(result.value.threshold)
    this.status = { kind: 'ready', suggestions: result.value }
    // The best suggestion starts selected, so its evidence is on screen and `a` takes it.
    if (!keep || this.selectedCode === null) this.selectedCode = this.shown[0]?.code ?? null
  }

  /** What the coder chose among the suggestions, for the draft and the submission. */
  choices(): { flagDismissals: FlagDismissal[]; accepted: string[]; rejected: string[] } {
    return { flagDismissals: [...this.dismissed], accepted: [...this.accepted], rejected: [...this.rejected] }
  }

  /** Choices a restored draft held. */
  restoreChoices(choices: { flagDismissals: FlagDismissal[]; accepted: string[]; rejected: string[] }): void {
    this.dismissed = [...choices.flagDismissals]
    this.accepted = [...choices.accepted]
    this.rejected = [...choices.rejected]
  }

  retry(): Promise<void> {
    return this.recordId === null ? Promise.resolve() : this.load(this.recordId)
  }

  clear(): void {
    this.#latestRequest++
    this.recordId = null
    this.status = { kind: 'idle' }
    this.selectedCode = null
    this.previewCode = null
    this.accepted = []
    this.rejected = []
    this.dismissed = []
    this.casePreview = null
  }

  /** Moves the threshold by whole steps (the keys), staying within 0–1; only while there are suggestions to filter. */
  nudgeThreshold(steps: 1 | -1): void {
    if (this.status.kind !== 'ready' || !this.showsReasons) return
    this.threshold = this.#threshold + steps * THRESHOLD_STEP
  }

  /** Back to the model's threshold; the slider follows the model again from here on. */
  resetThreshold(): void {
    const model = this.modelThreshold
    if (model === null) return
    this.#threshold = model
    this.#thresholdMoved = false
    this.onThresholdChosen?.(null)
  }

  /** Moves the selection through the shown suggestions, stopping at either end; starts at the first. */
  moveSelection(step: 1 | -1): void {
    const shown = this.shown
    if (shown.length === 0) return
    const index = shown.findIndex((code) => code.code === this.selectedCode)
    const next = index < 0 ? 0 : Math.min(shown.length - 1, Math.max(0, index + step))
    this.selectedCode = shown[next]?.code ?? null
  }

  isDismissed(flag: NameQualityFlag): boolean {
    const key = flagKey(flag)
    return this.dismissed.some((entry) => entry.kind === key.kind && entry.name === key.name && entry.code === key.code)
  }

  /** Dismisses a flag with the coder's reason; false when the reason is too short to say anything. */
  dismiss(flag: NameQualityFlag, reason: string): boolean {
    const trimmed = reason.trim()
    if (trimmed.length < 3 || this.isDismissed(flag)) return false
    this.dismissed = [...this.dismissed, { ...flagKey(flag), reason: trimmed }]
    this.onChoicesChanged?.()
    return true
  }

  /** Brings a dismissed flag back. */
  restoreFlag(dismissal: FlagDismissal): void {
    this.dismissed = this.dismissed.filter((entry) => !(entry.kind === dismissal.kind && entry.name === dismissal.name && entry.code === dismissal.code))
    this.onChoicesChanged?.()
  }

  isAccepted(code: string): boolean {
    return this.accepted.includes(code)
  }

  /**
   * Adds a suggested code (or one of a similar case's codes) to the coding and marks it
   * accepted. Returns false when it was already assigned, or the suggestions are
   * for another record than the one being coded (a fast switch between records).
   */
  accept(code: string, target: CodeTarget): boolean {
    if (target.record.id !== this.recordId) return false
    const title = this.#titleOf(code)
    if (title === null) return false
    const added = target.add({ code, title })
    if (added) this.accepted.push(code)
    return added
  }

  acceptSelected(target: CodeTarget): boolean {
    return this.selectedCode === null ? false : this.accept(this.selectedCode, target)
  }

  /** Whether a code is among the suggestions shown above the threshold (similar cases mark the codes they share). */
  isShown(code: string): boolean {
    return this.aboveThreshold.some((suggestion) => suggestion.code === code)
  }

  /** Opens a similar case read-only (the same one again closes it); only one at a time. */
  async toggleCasePreview(recordId: string): Promise<void> {
    if (this.casePreview?.recordId === recordId) {
      this.casePreview = null
      return
    }
    this.casePreview = { recordId, kind: 'loading' }
    const result = await this.#client.openRecord({ recordId, language: this.language })
    if (this.casePreview?.recordId !== recordId) return // closed, or another case opened meanwhile
    this.casePreview = result.ok ? { recordId, kind: 'ready', record: result.value } : { recordId, kind: 'failed', error: result.error }
  }

  isRejected(code: string): boolean {
    return this.rejected.includes(code)
  }

  /**
   * Rejects a suggestion, or takes the rejection back. A code in the coding
   * cannot be rejected (remove it there first), nor can another record's.
   * Returns whether anything changed.
   */
  toggleRejected(code: string, target: CodeTarget): boolean {
    if (target.record.id !== this.recordId || target.has(code)) return false
    if (!this.all.some((suggestion) => suggestion.code === code)) return false
    this.rejected = this.isRejected(code) ? this.rejected.filter((entry) => entry !== code) : [...this.rejected, code]
    this.onChoicesChanged?.()
    return true
  }

  toggleRejectedSelected(target: CodeTarget): boolean {
    return this.selectedCode === null ? false : this.toggleRejected(this.selectedCode, target)
  }

  /**
   * What became of the suggestions, for the submission of `recordId` with
   * `coded` as its codes: every suggestion shown above the threshold, plus any
   * accepted or rejected below it. A suggested code in the coding counts as
   * accepted however it got there. Undefined when no suggestions were shown.
   */
  feedbackFor(recordId: string, coded: readonly string[]): SuggestionFeedback | undefined {
    if (this.status.kind !== 'ready' || this.recordId !== recordId) return undefined
    const inCoding = (code: string) => coded.includes(code)
    const reported = this.all.filter(
      (suggestion) => this.isShown(suggestion.code) || inCoding(suggestion.code) || this.isRejected(suggestion.code),
    )
    return {
      modelVersion: this.status.suggestions.modelVersion,
      threshold: this.applied,
      codes: reported.map((suggestion) => ({
        code: suggestion.code,
        probability: Math.min(1, Math.max(0, suggestion.probability)),
        outcome: inCoding(suggestion.code) ? 'accepted' : this.isRejected(suggestion.code) ? 'rejected' : 'ignored',
      })),
    }
  }

  #titleOf(code: string): string | null {
    const suggested = this.all.find((suggestion) => suggestion.code === code)
    if (suggested) return suggested.title
    for (const similar of this.similarCases) {
      const found = similar.codes.find((entry) => entry.code === code)
      if (found) return found.title
    }
    for (const flag of this.flags) {
      if (flag.kind === 'missing' && flag.code === code) return flag.title
      if (flag.kind === 'vague' && flag.specificCode === code) return flag.specificTitle
      if (flag.kind === 'wrong' && flag.alternative?.code === code) return flag.alternative.title
    }
    return null
  }
}

/** What identifies a flag for its dismissal: kind, the name it points at ('' for missing), its code. */
export function flagKey(flag: NameQualityFlag): Omit<FlagDismissal, 'reason'> {
  return { kind: flag.kind, name: flag.kind === 'missing' ? '' : flag.name, code: flag.code }
}

function roundToHundredths(value: number): number {
  return Math.round(value * 100) / 100
}
