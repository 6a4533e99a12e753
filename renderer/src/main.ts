import { mount } from 'svelte'
import './app.css'
import App from './App.svelte'
import ConnectionProblem from './components/ConnectionProblem.svelte'
import { connectApp } from './lib/app-client.js'
import { documentActivity } from './lib/coding-timer.svelte.js'
import { I18n, preferredLocale } from './lib/i18n/i18n.svelte.js'
import { Workstation } from './lib/workstation.svelte.js'

const target = document.getElementById('workstation')
if (!target) throw new Error('index.html has no #workstation element')

const i18n = new I18n(preferredLocale(localStorage, navigator.languages), localStorage)
const connection = connectApp(window)

if (connection.kind === 'connected') {
  const workstation = new Workstation(connection.client, sessionStorage, { activity: documentActivity(document) }, localStorage)
  mount(App, { target, props: { workstation, i18n } })
} else {
  mount(ConnectionProblem, { target, props: { i18n } })
}
