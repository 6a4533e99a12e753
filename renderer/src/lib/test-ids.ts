/**
 * Stable hooks for end-to-end tests. Prefer ARIA names where they are stable
 * across languages; these ids are for what is not (rows, codes, versions).
 *
 * Rows and items carry data attributes, so a test can pick one:
 *   page.locator(`[data-testid="${testIds.queueRow}"][data-record-id="R-001"]`)
 *   page.locator(`[data-testid="${testIds.searchOption}"][data-code="I10"]`)
 *   page.locator(`[data-testid="${testIds.assignedCode}"][data-code="I10"] [data-testid="${testIds.primaryRadio}"]`)
 *
 * A typical flow: click a queue row → wait for `record` with data-record-id →
 * fill `codeSearch` ("hypertension", "I10" or "高血压") → wait for a `searchOption`
 * → press Enter (adds the highlighted hit) → check `primaryRadio` → click
 * `submit` → `codingStatus` says the version → reload → `record` shows
 * data-status="submitted" and `historyEntry` data-version="1".
 */
export const testIds = {
  /** The banner saying the engine process was restarted after a crash. */
  engineNotice: 'engine-notice',
  /** The <html lang> switch: two buttons with aria-pressed, named "English" and "简体中文". */
  languageSwitch: 'language-switch',
  workspaceName: 'workspace-name',
  userName: 'user-name',
  /** data-submitted and data-total hold the raw numbers. */
  progress: 'progress',

  queue: 'record-queue',
  /** Radio group; each radio has data-filter = todo | submitted | all. */
  queueFilter: 'queue-filter',
  /** The text query: record id or diagnosis name. */
  queueQuery: 'queue-query',
  /** The <details> holding department, language, discharge dates and order; data-active = how many filters are set. */
  queueFilters: 'queue-filters',
  /** <select>s whose option values are the raw department / language ('' = any). */
  queueDepartment: 'queue-department',
  queueLanguage: 'queue-language',
  /** Date inputs, values YYYY-MM-DD. */
  queueDischargedFrom: 'queue-discharged-from',
  queueDischargedTo: 'queue-discharged-to',
  /** <select> with values id | discharged-desc. */
  queueSort: 'queue-sort',
  /** Code of the current coding (text, applied on change); coder and mode of the current coding (<select>s, '' = any). */
  queueCode: 'queue-code',
  queueCoder: 'queue-coder',
  queueMode: 'queue-mode',
  queueClearFilters: 'queue-clear-filters',
  /** A <button> per record, with data-record-id and data-status = todo | submitted. */
  queueRow: 'queue-row',
  queueRange: 'queue-range',
  queuePrevious: 'queue-previous',
  queueNext: 'queue-next',

  /** The open record's container: data-record-id, data-status. */
  record: 'record',
  recordEmpty: 'record-empty',
  recordError: 'record-error',
  /** One <li> per name with data-primary = true | false. */
  diagnosisNames: 'diagnosis-names',
  diagnosisName: 'diagnosis-name',
  /** One <section> per free-text section, with data-kind. */
  clinicalText: 'clinical-text',
  textSection: 'text-section',

  /** The combobox input. */
  codeSearch: 'code-search',
  searchResults: 'code-search-results',
  /** An option per hit: data-code, aria-selected on the highlighted one. */
  searchOption: 'code-search-option',
  searchStatus: 'code-search-status',

  assignedCodes: 'assigned-codes',
  /** A row per code: data-code, data-primary = true | false. */
  assignedCode: 'assigned-code',
  primaryRadio: 'primary-radio',
  removeCode: 'remove-code',
  undo: 'undo',
  comment: 'coding-comment',
  submit: 'submit-coding',
  /** A role="alert" with data-problem = needs-codes | needs-one-primary | an AppError code. */
  codingProblem: 'coding-problem',
  /** A role="status" line: data-version after a submit. */
  codingStatus: 'coding-status',
  reopen: 'reopen-record',
  /** role="timer", mm:ss of active time; data-running = true | false. */
  codingTimer: 'coding-timer',
  /** The header's mode badge: data-mode = assisted | black-box | manual. */
  codingMode: 'coding-mode',
  helpButton: 'shortcut-help-button',
  /** The shortcut overlay (role="dialog"), and one entry per keymap action with data-action. */
  shortcutHelp: 'shortcut-help',
  shortcutEntry: 'shortcut-entry',
  /** The header's policy button and the read-only machine policy dialog (role="dialog"); data-setting on each row. */
  policyButton: 'policy-button',
  machinePolicy: 'machine-policy',
  policySetting: 'policy-setting',

  /** The suggestions pane: data-state = loading | no-model | failed | ready (absent in manual mode). */
  suggestions: 'suggestions',
  /** The calm "no model installed" line, or the failure with its retry button. */
  suggestionsNote: 'suggestions-note',
  suggestionsRetry: 'suggestions-retry',
  /** The range input (0–1). */
  thresholdSlider: 'threshold-slider',
  topKChoice: 'top-k-choice',
  /** One list per source (assisted mode), data-source = text | names | similar. */
  suggestionGroup: 'suggestion-group',
  /**
   * A row per suggested code: data-code, data-probability, data-selected,
   * data-assigned = accepted | assigned | no, data-source (assisted mode only).
   */
  suggestion: 'suggestion',
  acceptSuggestion: 'accept-suggestion',
  /** Rejects the suggestion, or (once rejected) takes the rejection back; rows carry data-rejected. */
  rejectSuggestion: 'reject-suggestion',
  /** The collapsed <details> of codes under the threshold. */
  belowThreshold: 'below-threshold',
  /** The name-quality flags box (assisted mode, when there are flags). */
  nameFlags: 'name-flags',
  /** One per flag: data-kind = missing | vague | wrong, data-code (the code to add: the missing, specific or alternative one). */
  nameFlag: 'name-flag',
  /** Adds the flag's code to the coding. */
  nameFlagAdd: 'name-flag-add',
  similarCases: 'similar-cases',
  /** data-record-id, data-similarity. */
  similarCase: 'similar-case',
  /** A button per code of a similar case: data-code, data-shared (also suggested here), disabled once assigned. */
  similarCaseCode: 'similar-case-code',
  /** The case's record id, a button that opens (and closes) its read-only preview; aria-expanded. */
  similarCaseOpen: 'similar-case-open',
  /** The read-only preview: data-state = loading | ready | failed. */
  similarCasePreview: 'similar-case-preview',
  /** A <mark> in the clinical text: data-section (index into the record's sections), data-weight 0–1. */
  evidence: 'evidence',
  /** "Evidence for I10" above the clinical text while a suggestion's evidence is painted: data-code. */
  evidenceLegend: 'evidence-legend',
  /** Step to the previous / next highlighted passage; the position reads "2 of 7". Marks carry data-passage (reading order). */
  evidencePrevious: 'evidence-previous',
  evidenceNext: 'evidence-next',
  evidencePosition: 'evidence-position',

  history: 'decision-history',
  /** One per version, newest first: data-version. */
  historyEntry: 'decision-version',
  /** The change from the version before: one item per code with data-change = added | removed | primary. */
  historyChange: 'decision-change',

  /** The patient's sex and age in the record header: data-sex, data-age ('' when not recorded). */
  patientFacts: 'patient-facts',
  /** The coding rules box: data-state = checking | ready | failed; data-open = warnings not yet resolved. */
  ruleWarnings: 'rule-warnings',
  /** One per warning: data-rule, data-family, data-codes (comma-separated), data-overridden = true | false. */
  ruleWarning: 'rule-warning',
  /** Opens the reason field of a warning; the reason input; the button that keeps the codes. */
  ruleOverride: 'rule-override',
  ruleReason: 'rule-reason',
  ruleKeep: 'rule-keep',
  /** A heading warning's replacement choice: data-code. */
  ruleChoice: 'rule-choice',
  /** The "suggested primary" badge on a suggestion or an assigned code. */
  suggestedPrimary: 'suggested-primary',
  /** The notice when the marked primary differs from the suggested one; its confirm checkbox; its "make X primary" button. */
  primaryMismatch: 'primary-mismatch',
  primaryConfirm: 'primary-confirm',
  primaryUseSuggested: 'primary-use-suggested',
  /** A suggestion's note when the text gives it no (or only weak) evidence: data-reason = none | weak. */
  evidenceNote: 'evidence-note',
  /** The collapsed list of suggestions a coding rule held back. */
  heldSuggestions: 'held-suggestions',
  /** Headings the record points to, each with choices (data-code). */
  suggestedHeading: 'suggested-heading',
  headingChoice: 'heading-choice',
  /** A name flag's dismiss button, reason input and confirm button. */
  nameFlagDismiss: 'name-flag-dismiss',
  nameFlagReason: 'name-flag-reason',
  nameFlagConfirmDismiss: 'name-flag-confirm-dismiss',
  /** The draft line: data-state = none | saving | saved | failed; the restored-draft notice; discard. */
  draftStatus: 'draft-status',
  draftRestored: 'draft-restored',
  discardDraft: 'discard-draft',
  /** The status bar at the foot of the window: data-level = info | success | error. */
  statusBar: 'status-bar',

  missingToken: 'missing-token',

  // The model desk (annotation plan, training, report, registry).
  modelDesk: 'model-desk',
  /** data-short and data-codes hold the counts. */
  /** The desk's tabs: data-tab = plan | training | models. */
  modelDeskTab: 'model-desk-tab',
  planSummary: 'plan-summary',
  planButton: 'plan-button',
  planResult: 'plan-result',
  /** data-points: how many codes the chart draws. */
  cleanExamplesChart: 'clean-examples-chart',
  /** data-status, data-phase, data-fraction (0–1) of the job shown. */
  trainingProgress: 'training-progress',
  trainingBudget: 'training-budget',
  trainingEpochs: 'training-epochs',
  trainingStart: 'training-start',
  trainingCancel: 'training-cancel',
  trainingResume: 'training-resume',
  /** data-model-version of the report shown. */
  modelReport: 'model-report',
  reportChart: 'report-chart',
  /** One per registered model: data-model-version, data-in-use. */
  registryRow: 'registry-row',
  registryPromote: 'registry-promote',
  registryRollback: 'registry-rollback',
  registryRollbackReason: 'registry-rollback-reason',
  modelHistoryRow: 'model-history-row',
  deskError: 'desk-error',
  // ── Sign-in, lock and desks (issue 15) ──
  /** The sign-in card: data-mode = sign-in | first-run | change-password. */
  signIn: 'sign-in',
  signInUser: 'sign-in-user',
  signInPassword: 'sign-in-password',
  signInSubmit: 'sign-in-submit',
  /** The refusal under the form (wrong password, locked out…). */
  signInProblem: 'sign-in-problem',
  /** The lock screen (role="dialog"); the desks stay mounted beneath it. */
  lockScreen: 'lock-screen',
  unlockPassword: 'unlock-password',
  unlockSubmit: 'unlock-submit',
  /** The desk tabs: one per desk the role may use, data-desk = coding | review | supervisor | audit | admin, aria-current on the open one. */
  deskNav: 'desk-nav',
  deskTab: 'desk-tab',
  /** The open desk's container: data-desk. */
  desk: 'desk',
  /** Signed-in user in the desk bar: data-user-id, data-role. */
  sessionUser: 'session-user',
  lockButton: 'lock-button',
  signOut: 'sign-out',

  /** Accounts desk: a row per account with data-user-id, data-role, data-state = active | disabled | locked | no-password. */
  accountRow: 'account-row',
  accountForm: 'account-form',

  /** On the open record: the supervisor's verdict on its current version (data-verdict, data-version), or the double-coding notice. */
  reviewNotice: 'review-notice',
  blindNotice: 'blind-notice',
  /** Review desk: a row per queued version (data-record-id, data-version, data-reasons = space-separated kinds). */
  reviewItem: 'review-item',
  /** The side-by-side case (data-record-id, data-version); a row per code (data-code, data-differs). */
  reviewCase: 'review-case',
  reviewRow: 'review-row',
  reviewComment: 'review-comment',
  reviewApprove: 'review-approve',
  reviewReturn: 'review-return',
  /** Supervisor desk: a row per coder and mode (data-coder, data-mode, data-records). */
  figuresRow: 'figures-row',
  figuresChart: 'figures-chart',
  batchForm: 'batch-form',
  batchRow: 'batch-row',
  agreement: 'agreement',
  /** A coder's study settings row (data-coder); its mode <select>. */
  studyRow: 'study-row',
  studyMode: 'study-mode',
  exportButton: 'export-button',
  /** Audit desk: a row per entry (data-id, data-action, data-actor); the verification verdict (data-intact). */
  auditRow: 'audit-row',
  auditVerdict: 'audit-verdict',
} as const
