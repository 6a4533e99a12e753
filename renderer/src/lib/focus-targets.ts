/**
 * Where the focus shortcuts land. Components mark their landing spots with
 * `data-focus-target`, so moving focus needs no element references threaded
 * through the component tree, and the e2e test ids stay test-only.
 */
export type FocusTarget = 'queue' | 'queue-filter' | 'record' | 'search' | 'comment' | 'assigned-codes' | 'suggestions'

/** Focus order tried for each target: the first element found takes focus. */
const SELECTORS: Record<FocusTarget, readonly string[]> = {
  // The open record's row, so j/k and Tab continue from where the coder is.
  queue: ['[data-focus-target="queue"] [aria-current="true"]', '[data-focus-target="queue"] ul button', '[data-focus-target="queue"]'],
  'queue-filter': ['[data-focus-target="queue-filter"]'],
  record: ['[data-focus-target="record"]'],
  search: ['[data-focus-target="search"]'],
  comment: ['[data-focus-target="comment"]'],
  'assigned-codes': ['[data-focus-target="assigned-codes"] [data-selected="true"]', '[data-focus-target="assigned-codes"] li'],
  suggestions: ['[data-focus-target="suggestions"] [data-selected="true"]', '[data-focus-target="suggestions"] li'],
}

/** Focuses the target; false when nothing of it is on screen. */
export function focusTarget(target: FocusTarget, root: ParentNode = document): boolean {
  for (const selector of SELECTORS[target]) {
    const element = root.querySelector<HTMLElement>(selector)
    if (element) {
      element.focus()
      return true
    }
  }
  return false
}
