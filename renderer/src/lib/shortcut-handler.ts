/**
 * Turns key presses anywhere in the window into keymap actions. Typing is never
 * hijacked: in a text field only the chorded shortcuts meant for fields fire,
 * and nothing fires while an IME is composing (pinyin candidates take Enter,
 * digits and arrows).
 */
import { findShortcut } from './keymap.js'
import type { KeyScope, ShortcutAction } from './keymap.js'

export type ShortcutActions = Record<ShortcutAction, () => void>

/** The `data-keyscope` values that mark the lists where arrows (and p, Delete) act on rows. */
export const ASSIGNED_CODES_SCOPE: KeyScope = 'assigned-codes'
export const SUGGESTIONS_SCOPE: KeyScope = 'suggestions'
const KEY_SCOPES: ReadonlySet<string> = new Set<KeyScope>([ASSIGNED_CODES_SCOPE, SUGGESTIONS_SCOPE])

const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'radio', 'range', 'color', 'file', 'image', 'reset', 'submit'])

/** Where keys type text: text inputs, textareas, selects and editable content. */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type)
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  // closest(), not isContentEditable: the same answer, and jsdom implements only this one.
  return target.closest('[contenteditable]:not([contenteditable="false"])') !== null
}

/** Returns the keydown listener; `isPaused` (a modal open, say) lets everything through untouched. */
export function createShortcutHandler(actions: ShortcutActions, isPaused: () => boolean = () => false) {
  return function onKeydown(event: KeyboardEvent): void {
    // keyCode 229: Chrome's "IME is processing" for the keydown that starts a composition.
    if (event.defaultPrevented || event.isComposing || event.keyCode === 229 || isPaused()) return
    const target = event.target
    const shortcut = findShortcut(event, {
      inTextField: isTextField(target),
      scope: keyScopeOf(target),
    })
    if (!shortcut) return
    event.preventDefault()
    actions[shortcut.action]()
  }
}

/** The innermost keyed list around the target. */
function keyScopeOf(target: EventTarget | null): KeyScope | null {
  if (!(target instanceof Element)) return null
  const scope = target.closest('[data-keyscope]')?.getAttribute('data-keyscope') ?? null
  return scope !== null && KEY_SCOPES.has(scope) ? (scope as KeyScope) : null
}
