/**
 * English UI strings: the reference catalogue. `zh.ts` must provide every key
 * (it is typed as `Messages`), so a string missing from a translation is a
 * type error rather than a blank on screen. Entries that take values are
 * functions, so word order stays the translator's choice.
 */
import type { ErrorCode } from '../../../../contract/result.js'
import type { ShortcutAction } from '../keymap.js'

export const en = {
  appTitle: 'CliniCoCo Workstation',
  skipToRecord: 'Skip to the record',
  loading: 'Loading…',

  header: {
    workspace: 'Workspace',
    user: 'Coder',
    roles: { coder: 'coder', supervisor: 'supervisor', admin: 'administrator' },
    progressLabel: 'Progress',
    progress: (submitted: string, total: string) => `${submitted} of ${total} submitted`,
    language: 'Language',
    mode: 'Coding mode',
    modes: { assisted: 'Assisted', 'black-box': 'Black-box', manual: 'Manual' },
    modeHint: 'Set by your supervisor.',
  },

  queue: {
    heading: 'Record queue',
    filterLabel: 'Show',
    filters: { todo: 'To do', submitted: 'Submitted', all: 'All' },
    empty: 'No records here.',
    range: (from: string, to: string, total: string) => `${from}–${to} of ${total}`,
    previous: 'Previous',
    next: 'Next',
    previousPage: 'Previous page of records',
    nextPage: 'Next page of records',
    noHeadline: '(no diagnosis names)',
    noDepartment: 'No department',
    codeCount: (count: number, formatted: string) => (count === 1 ? '1 code' : `${formatted} codes`),
  },

  status: { todo: 'To do', submitted: 'Submitted' },

  record: {
    empty: 'Choose a record from the queue to start coding.',
    heading: (id: string) => `Record ${id}`,
    patient: 'Patient',
    encounter: 'Encounter',
    department: 'Department',
    admitted: 'Admitted',
    discharged: 'Discharged',
    status: 'Status',
    unknown: '—',
    diagnosisNames: 'Structured diagnosis names',
    primary: 'Primary',
    secondary: 'Secondary',
    noDiagnosisNames: 'This record has no structured diagnosis names.',
    clinicalText: 'Clinical text',
    noSections: 'This record has no free text.',
  },

  sectionKinds: {
    chief_complaint: 'Chief complaint',
    present_illness: 'History of present illness',
    past_history: 'Past medical history',
    personal_history: 'Personal history',
    family_history: 'Family history',
    physical_exam: 'Physical examination',
    specialist_exam: 'Specialist examination',
    auxiliary_exam: 'Investigations',
    treatment_course: 'Hospital course',
    discharge_condition: 'Condition at discharge',
    discharge_advice: 'Discharge advice',
    clinical_text: 'Clinical text',
    other: 'Other',
  },

  coding: {
    heading: 'Coding',
    searchLabel: 'Search ICD-10 codes',
    searchPlaceholder: 'Code, title or synonym (I10, hypertension, 高血压)',
    searchHint: 'Arrow keys choose, Enter adds.',
    searching: 'Searching…',
    noResults: (query: string) => `No assignable codes match “${query}”.`,
    resultCount: (count: number) => (count === 1 ? '1 code found' : `${count} codes found`),
    matchedTerm: (term: string) => `matched “${term}”`,
    alreadyAdded: 'added',
    assignedHeading: 'Assigned codes',
    noCodes: 'No codes yet: search above and press Enter to add one.',
    primaryLegend: 'Primary diagnosis',
    primaryColumn: 'Primary',
    markPrimary: (code: string) => `Mark ${code} as the primary diagnosis`,
    remove: 'Remove',
    removeCode: (code: string) => `Remove ${code}`,
    undo: 'Undo',
    comment: 'Comment (optional)',
    submit: 'Submit coding',
    submitNewVersion: 'Submit new version',
    submitting: 'Submitting…',
    submitted: (version: string) => `Submitted as version ${version}.`,
    editingFrom: (version: string) => `Editing from version ${version}.`,
    newerVersion: (version: string, coder: string) =>
      `Version ${version} was submitted by ${coder} while you were editing; submitting now will be refused.`,
    reopen: 'Reopen the record',
    activeTime: 'Active time on this record',
    timerPaused: 'paused',
  },

  shortcuts: {
    heading: 'Keyboard shortcuts',
    close: 'Close',
    or: 'or',
    /** Appended to a control's title: "Undo (Ctrl+Z)". */
    hint: (label: string, keys: string) => `${label} (${keys})`,
    groups: { general: 'General', queue: 'Queue', coding: 'Coding', suggestions: 'Suggestions', search: 'In the code search box' },
    actions: {
      openHelp: 'Show this list of shortcuts',
      focusSearch: 'Go to code search',
      focusQueue: 'Go to the record queue',
      focusRecord: 'Go to the record',
      focusCoding: 'Go to the coding panel',
      focusComment: 'Go to the comment',
      nextRecord: 'Open the next record',
      previousRecord: 'Open the previous record',
      nextPage: 'Next page of the queue',
      previousPage: 'Previous page of the queue',
      selectNextCode: 'Next assigned code (in the list)',
      selectPreviousCode: 'Previous assigned code (in the list)',
      markPrimary: 'Mark the selected code primary',
      removeCode: 'Remove the selected code',
      undo: 'Undo the last change to the codes',
      submit: 'Submit the coding',
      focusSuggestions: 'Go to the suggestions',
      selectNextSuggestion: 'Next suggestion (in the list)',
      selectPreviousSuggestion: 'Previous suggestion (in the list)',
      acceptSuggestion: 'Accept the selected suggestion',
      lowerThreshold: 'Lower the confidence threshold by 5 points',
      raiseThreshold: 'Raise the confidence threshold by 5 points',
    } satisfies Record<ShortcutAction, string>,
    searchKeys: { chooseHit: 'Move through the results', addHit: 'Add the highlighted code', clearSearch: 'Clear the search' },
  },

  suggestions: {
    heading: 'Suggestions',
    listLabel: 'Suggested codes',
    loading: 'Finding suggestions…',
    noModel: 'No model installed — coding without suggestions.',
    failed: 'The suggestions could not be loaded.',
    retry: 'Try again',
    none: 'The model has nothing to suggest for this record.',
    noneAbove: 'No suggestion reaches the threshold.',
    model: (version: string) => `Model ${version}`,
    threshold: 'Confidence threshold',
    thresholdHint: 'Hides suggestions below it; moving it asks the model nothing new.',
    resetThreshold: (value: string) => `Model default (${value})`,
    sources: { text: 'From the free text', names: 'From the diagnosis names', similar: 'From similar cases' },
    scoreLabel: { text: 'text', names: 'names', similar: 'similar' },
    scoresLabel: 'Score by source',
    probability: (percent: string) => `probability ${percent}`,
    matchedName: (name: string, term: string) => `“${name}” matched “${term}”`,
    belowThreshold: (count: number) => (count === 1 ? '1 below the threshold' : `${count} below the threshold`),
    accept: 'Accept',
    acceptCode: (code: string) => `Accept ${code}`,
    accepted: 'accepted',
    assigned: 'assigned',
    evidenceFor: (code: string) => `Evidence for ${code}`,
    evidenceWeight: (code: string, percent: string) => `Evidence for ${code} (weight ${percent})`,
    similarHeading: 'Similar cases',
    similarNone: 'No similar coded cases yet.',
    similarity: (percent: string) => `${percent} similar`,
    addCode: (code: string) => `Add ${code}`,
  },

  problems: {
    needsCodes: 'Add at least one code before submitting.',
    needsOnePrimary: (marked: number) => `Mark exactly one code as the primary diagnosis (${marked} marked).`,
    /** By AppError code; the engine's own message is shown beneath as detail. */
    app: {
      'invalid-input': 'The app refused this input.',
      'not-found': 'Not found.',
      conflict: 'Someone else coded this record after you opened it. Reopen it to see the newer coding.',
      forbidden: 'Access denied. Open the workstation again from the link the app printed.',
      'model-missing': 'No model is installed.',
      'model-invalid': 'The installed model is damaged or does not fit this workspace.',
      'trainer-missing': 'The model trainer is not installed.',
      'import-failed': 'The import failed.',
      'database-newer': 'This workspace was written by a newer version of the app.',
      internal: 'Something went wrong in the app.',
    } satisfies Record<ErrorCode, string>,
  },

  history: {
    heading: 'Version history',
    none: 'Not coded yet.',
    version: (version: string) => `Version ${version}`,
    current: 'current',
    comment: 'Comment',
  },

  connection: {
    missingTokenTitle: 'This page needs its access link',
    missingTokenBody:
      'Open the workstation with the full link the app printed when it started: it ends with #token=…. ' +
      'The token is valid for that run only; if the app was restarted, use the new link.',
  },
}

export type Messages = typeof en
