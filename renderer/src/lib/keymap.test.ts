import { describe, expect, it } from 'vitest'
import { en } from './i18n/en.js'
import { zh } from './i18n/zh.js'
import { KEYMAP, ariaKeyShortcuts, chordLabel, chordMatches, findShortcut, shortcutLabel } from './keymap.js'
import type { KeyPress } from './keymap.js'

function press(key: string, modifiers: Partial<KeyPress> = {}): KeyPress {
  return { key, code: '', ctrlKey: false, metaKey: false, altKey: false, ...modifiers }
}

const ANYWHERE = { inTextField: false, scope: null }
const TYPING = { inTextField: true, scope: null }
const IN_ASSIGNED_CODES = { inTextField: false, scope: 'assigned-codes' } as const
const IN_SUGGESTIONS = { inTextField: false, scope: 'suggestions' } as const

describe('keymap', () => {
  it('maps each key to its action', () => {
    expect(findShortcut(press('/'), ANYWHERE)?.action).toBe('focusSearch')
    expect(findShortcut(press('j'), ANYWHERE)?.action).toBe('nextRecord')
    expect(findShortcut(press('ArrowUp', { altKey: true }), ANYWHERE)?.action).toBe('previousRecord')
    expect(findShortcut(press('f'), ANYWHERE)?.action).toBe('focusQueueFilter')
    expect(findShortcut(press('?'), ANYWHERE)?.action).toBe('openHelp')
    expect(findShortcut(press('F1'), ANYWHERE)?.action).toBe('openHelp')
    expect(findShortcut(press('z', { ctrlKey: true }), ANYWHERE)?.action).toBe('undo')
    expect(findShortcut(press('Enter', { metaKey: true }), ANYWHERE)?.action).toBe('submit')
    // macOS types ¡ for Alt+1: the physical key decides.
    expect(findShortcut(press('¡', { code: 'Digit1', altKey: true }), ANYWHERE)?.action).toBe('focusQueue')
  })

  it('needs the exact modifiers: a plain Enter or Ctrl+J is not a shortcut', () => {
    expect(findShortcut(press('Enter'), ANYWHERE)).toBeNull()
    expect(findShortcut(press('j', { ctrlKey: true }), ANYWHERE)).toBeNull()
    expect(findShortcut(press('ArrowDown'), ANYWHERE)).toBeNull()
  })

  it('lets only the chorded field shortcuts through while typing', () => {
    for (const key of ['/', 'f', 'j', 'k', '?', 'c', '[', ']', 'p', 'a', 's', '-', '=', '+']) expect(findShortcut(press(key), TYPING)).toBeNull()
    // Ctrl+Z in a text field undoes the typing, not the coding.
    expect(findShortcut(press('z', { ctrlKey: true }), TYPING)).toBeNull()
    expect(findShortcut(press('Enter', { ctrlKey: true }), TYPING)?.action).toBe('submit')
    expect(findShortcut(press('2', { code: 'Digit2', altKey: true }), TYPING)?.action).toBe('focusRecord')
  })

  it('acts on assigned codes with arrows, p and Delete only inside their list', () => {
    expect(findShortcut(press('ArrowDown'), IN_ASSIGNED_CODES)?.action).toBe('selectNextCode')
    expect(findShortcut(press('p'), IN_ASSIGNED_CODES)?.action).toBe('markPrimary')
    expect(findShortcut(press('Delete'), IN_ASSIGNED_CODES)?.action).toBe('removeCode')
    expect(findShortcut(press('Delete'), ANYWHERE)).toBeNull()
    expect(findShortcut(press('p'), ANYWHERE)).toBeNull()
  })

  it('moves through the suggestions with the arrows inside their list, and accepts and sets the threshold from anywhere', () => {
    expect(findShortcut(press('ArrowDown'), IN_SUGGESTIONS)?.action).toBe('selectNextSuggestion')
    expect(findShortcut(press('ArrowUp'), IN_SUGGESTIONS)?.action).toBe('selectPreviousSuggestion')
    expect(findShortcut(press('Delete'), IN_SUGGESTIONS)).toBeNull()
    expect(findShortcut(press('a'), ANYWHERE)?.action).toBe('acceptSuggestion')
    expect(findShortcut(press('s'), ANYWHERE)?.action).toBe('focusSuggestions')
    expect(findShortcut(press('-'), ANYWHERE)?.action).toBe('lowerThreshold')
    expect(findShortcut(press('='), ANYWHERE)?.action).toBe('raiseThreshold')
    expect(findShortcut(press('+'), ANYWHERE)?.action).toBe('raiseThreshold')
    // The queue keeps j/k and [/]: the suggestion keys took none of them.
    expect(findShortcut(press('j'), IN_SUGGESTIONS)?.action).toBe('nextRecord')
    expect(findShortcut(press(']'), IN_SUGGESTIONS)?.action).toBe('nextPage')
  })

  it('gives every action one entry and no two entries the same keys in the same place', () => {
    const actions = KEYMAP.map((entry) => entry.action)
    expect(new Set(actions).size).toBe(actions.length)
    const chords = KEYMAP.flatMap((entry) => entry.chords.map((chord) => `${entry.scope ?? 'anywhere'} ${JSON.stringify(chord)}`))
    expect(new Set(chords).size).toBe(chords.length)
    for (const entry of KEYMAP) {
      for (const chord of entry.chords) {
        const keyPress = press(chord.key ?? '', { code: chord.code ?? '', ctrlKey: Boolean(chord.mod), altKey: Boolean(chord.alt) })
        expect(chordMatches(chord, keyPress)).toBe(true)
      }
    }
  })

  it('has a label for every action in English and Chinese', () => {
    for (const { action } of KEYMAP) {
      expect(en.shortcuts.actions[action]).toBeTruthy()
      expect(zh.shortcuts.actions[action]).toBeTruthy()
    }
  })

  it('writes chords for people and for aria-keyshortcuts', () => {
    expect(chordLabel({ key: 'Enter', mod: true })).toBe('Ctrl+Enter')
    expect(chordLabel({ key: 'z', mod: true })).toBe('Ctrl+Z')
    expect(chordLabel({ key: 'ArrowDown', alt: true })).toBe('Alt+↓')
    expect(chordLabel({ code: 'Digit3', alt: true })).toBe('Alt+3')
    expect(shortcutLabel('nextRecord', 'or')).toBe('j or Alt+↓')
    expect(ariaKeyShortcuts('submit')).toBe('Control+Enter')
    expect(ariaKeyShortcuts('openHelp')).toBe('? F1')
    expect(ariaKeyShortcuts('raiseThreshold')).toBe('= Plus')
  })
})
