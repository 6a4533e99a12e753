import { afterEach, describe, expect, it } from 'vitest'
import type { ShortcutAction } from './keymap.js'
import { KEYMAP } from './keymap.js'
import { ASSIGNED_CODES_SCOPE, SUGGESTIONS_SCOPE, createShortcutHandler, isTextField } from './shortcut-handler.js'
import type { ShortcutActions } from './shortcut-handler.js'

function recordingActions() {
  const fired: ShortcutAction[] = []
  const actions = Object.fromEntries(KEYMAP.map(({ action }) => [action, () => void fired.push(action)])) as ShortcutActions
  return { fired, actions }
}

/** Dispatches a keydown on the element, through a document listener as the app's window listener would see it. */
function keydown(target: Element, init: KeyboardEventInit): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })
  target.dispatchEvent(event)
  return event
}

function mount(html: string): HTMLElement {
  const container = document.createElement('div')
  container.innerHTML = html
  document.body.append(container)
  return container
}

describe('createShortcutHandler', () => {
  let stop = () => {}
  afterEach(() => {
    stop()
    document.body.innerHTML = ''
  })

  function listen(isPaused?: () => boolean) {
    const { fired, actions } = recordingActions()
    const handler = createShortcutHandler(actions, isPaused)
    document.addEventListener('keydown', handler)
    stop = () => document.removeEventListener('keydown', handler)
    return fired
  }

  it('fires the action for a key pressed outside any field and claims the key', () => {
    const fired = listen()
    const container = mount('<button>Row</button>')
    const event = keydown(container.querySelector('button')!, { key: 'j' })
    expect(fired).toEqual(['nextRecord'])
    expect(event.defaultPrevented).toBe(true)
  })

  it('ignores plain keys typed into a text input or textarea, but submits on Ctrl+Enter there', () => {
    const fired = listen()
    const container = mount('<input type="text" /><textarea></textarea>')
    keydown(container.querySelector('input')!, { key: 'j' })
    keydown(container.querySelector('textarea')!, { key: '/' })
    const ordinary = keydown(container.querySelector('textarea')!, { key: 'z', ctrlKey: true })
    expect(fired).toEqual([])
    expect(ordinary.defaultPrevented).toBe(false)

    keydown(container.querySelector('textarea')!, { key: 'Enter', ctrlKey: true })
    expect(fired).toEqual(['submit'])
  })

  it('does nothing while an IME is composing, even for field shortcuts', () => {
    const fired = listen()
    const container = mount('<input type="text" />')
    const input = container.querySelector('input')!
    keydown(input, { key: 'Enter', ctrlKey: true, isComposing: true })
    keydown(input, { key: 'Process', keyCode: 229 })
    expect(fired).toEqual([])
  })

  it('acts on assigned codes only with focus in their list; a radio there is not a text field', () => {
    const fired = listen()
    const container = mount(`<ul data-keyscope="${ASSIGNED_CODES_SCOPE}"><li tabindex="0"><input type="radio" /></li></ul><p tabindex="0"></p>`)
    keydown(container.querySelector('input')!, { key: 'ArrowDown' })
    keydown(container.querySelector('li')!, { key: 'Delete' })
    keydown(container.querySelector('p')!, { key: 'Delete' })
    expect(fired).toEqual(['selectNextCode', 'removeCode'])
  })

  it('gives the arrows to the list the focus is in: suggestions or assigned codes', () => {
    const fired = listen()
    const container = mount(
      `<div data-keyscope="${SUGGESTIONS_SCOPE}"><ul><li tabindex="0"><button>Accept</button></li></ul></div>` +
        `<ul data-keyscope="${ASSIGNED_CODES_SCOPE}"><li tabindex="0"></li></ul><p tabindex="0"></p>`,
    )
    keydown(container.querySelector('button')!, { key: 'ArrowDown' })
    keydown(container.querySelector(`[data-keyscope="${SUGGESTIONS_SCOPE}"] li`)!, { key: 'ArrowUp' })
    keydown(container.querySelector(`[data-keyscope="${ASSIGNED_CODES_SCOPE}"] li`)!, { key: 'ArrowDown' })
    const outside = keydown(container.querySelector('p')!, { key: 'ArrowDown' })
    expect(fired).toEqual(['selectNextSuggestion', 'selectPreviousSuggestion', 'selectNextCode'])
    // Outside the lists the arrows scroll the page as usual.
    expect(outside.defaultPrevented).toBe(false)
  })

  it('lets keys through untouched while paused (the help overlay is open)', () => {
    const fired = listen(() => true)
    const event = keydown(mount('<p></p>').querySelector('p')!, { key: 'j' })
    expect(fired).toEqual([])
    expect(event.defaultPrevented).toBe(false)
  })

  it('leaves keys a widget already handled (the search box’s Enter) alone', () => {
    const fired = listen()
    const input = mount('<input type="text" />').querySelector('input')!
    input.addEventListener('keydown', (event) => event.preventDefault())
    keydown(input, { key: 'Enter', ctrlKey: true })
    expect(fired).toEqual([])
  })
})

describe('isTextField', () => {
  it('counts text-like inputs, textareas and editable content, not buttons or radios', () => {
    const container = mount('<input type="search" /><input type="radio" /><button></button><div contenteditable="true"></div>')
    const [search, radio] = container.querySelectorAll('input')
    expect(isTextField(search ?? null)).toBe(true)
    expect(isTextField(radio ?? null)).toBe(false)
    expect(isTextField(container.querySelector('button'))).toBe(false)
    expect(isTextField(container.querySelector('[contenteditable]'))).toBe(true)
    document.body.innerHTML = ''
  })
})
