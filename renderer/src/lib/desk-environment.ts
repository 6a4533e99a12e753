/** What every desk is given: the guarded client, the UI language, the gate (who is signed in), and the tab's storages. */
import type { AppClient } from '../../../contract/client.js'
import type { AuthGate } from './auth-gate.svelte.js'
import type { ActivitySource } from './coding-timer.svelte.js'
import type { I18n } from './i18n/i18n.svelte.js'
import type { SaveFile } from './save-report.js'
import type { Preferences, ViewMemory } from './workstation.svelte.js'

export interface DeskEnvironment {
  client: AppClient
  i18n: I18n
  gate: AuthGate
  /** This tab's view (sessionStorage). */
  memory: ViewMemory | null
  /** Per user, across sessions on this workstation (localStorage). */
  preferences: Preferences | null
  activity: ActivitySource | null
  /** Where exported reports go (the browser's download); null in tests that do not export. */
  save: SaveFile | null
}
