/** A visibility and input source a test drives by hand, for the coding timer. */
import type { ActivitySource } from '../coding-timer.svelte.js'

export interface FakeActivity {
  source: ActivitySource
  hide(): void
  show(): void
  input(): void
  listenerCount(): number
}

export function createFakeActivity(): FakeActivity {
  let visible = true
  const visibilityListeners = new Set<() => void>()
  const activityListeners = new Set<() => void>()
  return {
    source: {
      isVisible: () => visible,
      onVisibilityChange(listener) {
        visibilityListeners.add(listener)
        return () => visibilityListeners.delete(listener)
      },
      onActivity(listener) {
        activityListeners.add(listener)
        return () => activityListeners.delete(listener)
      },
    },
    hide() {
      visible = false
      for (const listener of visibilityListeners) listener()
    },
    show() {
      visible = true
      for (const listener of visibilityListeners) listener()
    },
    input() {
      for (const listener of activityListeners) listener()
    },
    listenerCount: () => visibilityListeners.size + activityListeners.size,
  }
}
