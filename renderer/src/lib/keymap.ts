/**
 * Every keyboard shortcut, in one table that both the key handler and the help
 * overlay read, so what the overlay promises is what the keys do. Labels live
 * in the i18n catalogues under `shortcuts.actions`, keyed by action.
 */

export type ShortcutAction =
  | 'openHelp'
  | 'focusSearch'
  | 'focusQueue'
  | 'focusQueueFilter'
  | 'focusRecord'
  | 'focusCoding'
  | 'focusComment'
  | 'nextRecord'
  | 'previousRecord'
  | 'nextPage'
  | 'previousPage'
  | 'selectNextCode'
  | 'selectPreviousCode'
  | 'markPrimary'
  | 'removeCode'
  | 'undo'
  | 'submit'
  | 'focusSuggestions'
  | 'selectNextSuggestion'
  | 'selectPreviousSuggestion'
  | 'acceptSuggestion'
  | 'rejectSuggestion'
  | 'nextEvidence'
  | 'previousEvidence'
  | 'lowerThreshold'
  | 'raiseThreshold'

/** In the order the help overlay lists them. */
export const SHORTCUT_GROUPS = ['general', 'queue', 'coding', 'suggestions'] as const
export type ShortcutGroup = (typeof SHORTCUT_GROUPS)[number]

/**
 * A list whose rows take focus and own some keys (marked `data-keyscope` in the
 * DOM): there ↓/↑ move through that list, elsewhere they scroll as usual.
 */
export type KeyScope = 'assigned-codes' | 'suggestions'

/**
 * One key press. `key` is matched case-sensitively against `KeyboardEvent.key`;
 * `code` (a physical key) is used for Alt+digit, where macOS puts ¡ ™ £ in `key`.
 * `mod` is Ctrl, or ⌘ on macOS. Shift is not compared: `?` is Shift+/ on most layouts.
 */
export interface KeyChord {
  key?: string
  code?: string
  mod?: boolean
  alt?: boolean
}

export interface Shortcut {
  action: ShortcutAction
  group: ShortcutGroup
  chords: readonly KeyChord[]
  /** Fires while typing in a text field: only chorded keys that text entry has no use for. */
  inTextFields: boolean
  /** Fires only with focus inside this list (arrow keys and Delete mean other things elsewhere). */
  scope?: KeyScope
}

export const KEYMAP: readonly Shortcut[] = [
  { action: 'openHelp', group: 'general', chords: [{ key: '?' }, { key: 'F1' }], inTextFields: false },
  { action: 'focusQueue', group: 'general', chords: [{ code: 'Digit1', alt: true }], inTextFields: true },
  { action: 'focusRecord', group: 'general', chords: [{ code: 'Digit2', alt: true }], inTextFields: true },
  { action: 'focusCoding', group: 'general', chords: [{ code: 'Digit3', alt: true }], inTextFields: true },
  { action: 'nextRecord', group: 'queue', chords: [{ key: 'j' }, { key: 'ArrowDown', alt: true }], inTextFields: false },
  { action: 'previousRecord', group: 'queue', chords: [{ key: 'k' }, { key: 'ArrowUp', alt: true }], inTextFields: false },
  { action: 'nextPage', group: 'queue', chords: [{ key: ']' }], inTextFields: false },
  { action: 'previousPage', group: 'queue', chords: [{ key: '[' }], inTextFields: false },
  { action: 'focusQueueFilter', group: 'queue', chords: [{ key: 'f' }], inTextFields: false },
  { action: 'focusSearch', group: 'coding', chords: [{ key: '/' }], inTextFields: false },
  { action: 'focusComment', group: 'coding', chords: [{ key: 'c' }], inTextFields: false },
  {
    action: 'selectNextCode',
    group: 'coding',
    chords: [{ key: 'ArrowDown' }],
    inTextFields: false,
    scope: 'assigned-codes',
  },
  {
    action: 'selectPreviousCode',
    group: 'coding',
    chords: [{ key: 'ArrowUp' }],
    inTextFields: false,
    scope: 'assigned-codes',
  },
  { action: 'markPrimary', group: 'coding', chords: [{ key: 'p' }], inTextFields: false, scope: 'assigned-codes' },
  {
    action: 'removeCode',
    group: 'coding',
    chords: [{ key: 'Delete' }, { key: 'Backspace' }],
    inTextFields: false,
    scope: 'assigned-codes',
  },
  // Not in text fields: there Ctrl+Z undoes the typing, as the coder expects.
  { action: 'undo', group: 'coding', chords: [{ key: 'z', mod: true }], inTextFields: false },
  { action: 'submit', group: 'coding', chords: [{ key: 'Enter', mod: true }], inTextFields: true },
  // Not j/k or [/]: those move through the queue everywhere outside text fields.
  { action: 'focusSuggestions', group: 'suggestions', chords: [{ key: 's' }], inTextFields: false },
  { action: 'selectNextSuggestion', group: 'suggestions', chords: [{ key: 'ArrowDown' }], inTextFields: false, scope: 'suggestions' },
  { action: 'selectPreviousSuggestion', group: 'suggestions', chords: [{ key: 'ArrowUp' }], inTextFields: false, scope: 'suggestions' },
  { action: 'acceptSuggestion', group: 'suggestions', chords: [{ key: 'a' }], inTextFields: false },
  { action: 'rejectSuggestion', group: 'suggestions', chords: [{ key: 'r' }], inTextFields: false },
  { action: 'nextEvidence', group: 'suggestions', chords: [{ key: 'e' }], inTextFields: false },
  { action: 'previousEvidence', group: 'suggestions', chords: [{ key: 'E' }], inTextFields: false },
  { action: 'lowerThreshold', group: 'suggestions', chords: [{ key: '-' }], inTextFields: false },
  // `+` is Shift+= on most layouts; either raises it.
  { action: 'raiseThreshold', group: 'suggestions', chords: [{ key: '=' }, { key: '+' }], inTextFields: false },
]

/** Keys the search box owns and documents in the overlay, though the global handler never sees them. */
export const SEARCH_BOX_KEYS = [
  { id: 'chooseHit', chords: [{ key: 'ArrowDown' }, { key: 'ArrowUp' }] },
  { id: 'addHit', chords: [{ key: 'Enter' }] },
  { id: 'clearSearch', chords: [{ key: 'Escape' }] },
] as const satisfies ReadonlyArray<{ id: string; chords: readonly KeyChord[] }>

export interface KeyPress {
  key: string
  code: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
}

export interface KeyContext {
  inTextField: boolean
  /** The keyed list the focus is in, if any. */
  scope: KeyScope | null
}

export function chordMatches(chord: KeyChord, press: KeyPress): boolean {
  if (chord.key !== undefined && chord.key !== press.key) return false
  if (chord.code !== undefined && chord.code !== press.code) return false
  if (Boolean(chord.mod) !== (press.ctrlKey || press.metaKey)) return false
  return Boolean(chord.alt) === press.altKey
}

/** The shortcut a key press means where it happened, or null. */
export function findShortcut(press: KeyPress, context: KeyContext, keymap: readonly Shortcut[] = KEYMAP): Shortcut | null {
  for (const shortcut of keymap) {
    if (context.inTextField && !shortcut.inTextFields) continue
    if (shortcut.scope !== undefined && shortcut.scope !== context.scope) continue
    if (shortcut.chords.some((chord) => chordMatches(chord, press))) return shortcut
  }
  return null
}

export function shortcutFor(action: ShortcutAction): Shortcut {
  const shortcut = KEYMAP.find((entry) => entry.action === action)
  if (!shortcut) throw new Error(`No keymap entry for ${action}`)
  return shortcut
}

const KEY_LABELS: Record<string, string> = {
  ArrowDown: '↓',
  ArrowUp: '↑',
  Enter: 'Enter',
  Escape: 'Esc',
  Delete: 'Delete',
  Backspace: 'Backspace',
}

/** A chord as people write it: "Ctrl+Enter", "Alt+1", "j". */
export function chordLabel(chord: KeyChord): string {
  const parts: string[] = []
  if (chord.mod) parts.push('Ctrl')
  if (chord.alt) parts.push('Alt')
  const key = chord.code?.replace(/^Digit/, '') ?? chord.key ?? ''
  parts.push(KEY_LABELS[key] ?? (chord.mod && key.length === 1 ? key.toUpperCase() : key))
  return parts.join('+')
}

/** The `aria-keyshortcuts` value for an action (WAI-ARIA key names, alternatives space-separated). */
export function ariaKeyShortcuts(action: ShortcutAction): string {
  return shortcutFor(action)
    .chords.map((chord) => {
      const parts: string[] = []
      if (chord.mod) parts.push('Control')
      if (chord.alt) parts.push('Alt')
      const key = chord.code?.replace(/^Digit/, '') ?? chord.key ?? ''
      // "+" separates keys in the attribute, so the key itself is spelled "Plus".
      parts.push(key === '+' ? 'Plus' : key)
      return parts.join('+')
    })
    .join(' ')
}

/** "j or Alt+↓", for a button's title. */
export function shortcutLabel(action: ShortcutAction, or: string): string {
  return shortcutFor(action).chords.map(chordLabel).join(` ${or} `)
}
