import { mount } from 'svelte'
import './app.css'
import ConnectionProblem from './components/ConnectionProblem.svelte'
import Root from './Root.svelte'
import { connectApp } from './lib/app-client.js'
import { AuthGate } from './lib/auth-gate.svelte.js'
import { documentActivity } from './lib/coding-timer.svelte.js'
import { I18n, preferredLocale } from './lib/i18n/i18n.svelte.js'
import { IdleWatch } from './lib/idle-watch.js'
import { browserSave } from './lib/save-report.js'
import { tabSessionTokens } from './lib/session-token.js'

const target = document.getElementById('workstation')
if (!target) throw new Error('index.html has no #workstation element')

const i18n = new I18n(preferredLocale(localStorage, navigator.languages), localStorage)
const sessions = tabSessionTokens(sessionStorage)
const connection = connectApp(window, sessions)

if (connection.kind === 'connected') {
  const activity = documentActivity(document)
  const gate = new AuthGate(connection.client, sessions, new IdleWatch(activity))
  const environment = { client: gate.client, i18n, gate, memory: sessionStorage, preferences: localStorage, activity, save: browserSave(document) }
  mount(Root, { target, props: { environment } })
} else {
  mount(ConnectionProblem, { target, props: { i18n } })
}
