import { mount, unmount } from 'svelte'
import './app.css'
import App from './App.svelte'
import ConnectionProblem from './components/ConnectionProblem.svelte'
import ModelDeskView from './components/ModelDesk.svelte'
import { connectApp } from './lib/app-client.js'
import { documentActivity } from './lib/coding-timer.svelte.js'
import { I18n, preferredLocale } from './lib/i18n/i18n.svelte.js'
import { MODEL_DESK_HASH, ModelDesk } from './lib/model-desk.svelte.js'
import { Workstation } from './lib/workstation.svelte.js'

const target = document.getElementById('workstation')
if (!target) throw new Error('index.html has no #workstation element')

const i18n = new I18n(preferredLocale(localStorage, navigator.languages), localStorage)
const connection = connectApp(window)

if (connection.kind === 'connected') {
  const { client } = connection
  let workstation: Workstation | null = null
  // The model desk lives at #desk=model until the app's desk navigation takes it in; the engine checks the role of every call it makes.
  const show = () =>
    location.hash === MODEL_DESK_HASH
      ? mount(ModelDeskView, { target, props: { desk: new ModelDesk(client), i18n } })
      : mount(App, { target, props: { workstation: (workstation ??= new Workstation(client, sessionStorage, { activity: documentActivity(document) }, localStorage)), i18n } })
  let shown = show()
  let onDesk = location.hash === MODEL_DESK_HASH
  window.addEventListener('hashchange', () => {
    if ((location.hash === MODEL_DESK_HASH) === onDesk) return
    onDesk = !onDesk
    void unmount(shown)
    shown = show()
  })
} else {
  mount(ConnectionProblem, { target, props: { i18n } })
}
