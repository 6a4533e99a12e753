// Inside engine/, folders import one way, as the top-level layers do: each
// folder may import only the folders listed for it. The table has no circle
// (build/engine-folders.test.ts checks it, and computes the folder graph from
// the source too). A new folder gets a line here, placed where its imports put
// it; a folder that is not listed is reported as soon as it imports another.
//
// Tests (`*.test.ts`) may import across folders (an end-to-end test exercises
// several); only tests import `testing/`, and nothing but `cli/` imports
// `evaluation/` (public-corpus benchmarks and protocols: the app never ships
// its test benches).
import { dirname, relative, resolve, sep } from 'node:path'

// Some folders are listed before they exist on main (crypto, limits, policy, auth,
// rules, splits, registry, model-trust, backup, doctor, supervision, reports,
// annotate, jobs): the open issues are adding them, with these imports.

/** The app's folders → the engine folders their files may import, lowest layers first. */
const APP_FOLDERS = {
  store: [],
  text: [],
  random: [],
  metrics: [],
  crypto: [],
  audit: ['store'],
  limits: ['store', 'audit', 'policy'],
  io: ['limits'],
  policy: ['crypto'],
  auth: ['store', 'audit'],
  workspace: ['store', 'audit', 'auth', 'limits'],
  taxonomy: ['store', 'audit', 'io'],
  rules: ['store', 'audit', 'taxonomy'],
  bundle: ['text', 'crypto'],
  records: ['store', 'audit', 'io', 'text', 'limits', 'workspace', 'taxonomy'],
  decisions: ['store', 'audit', 'io', 'workspace', 'taxonomy', 'rules', 'records'],
  simulate: ['random', 'taxonomy', 'records'],
  normalize: ['store', 'audit', 'io', 'text', 'workspace', 'taxonomy', 'bundle', 'records'],
  coding: ['store', 'audit', 'io', 'text', 'metrics', 'workspace', 'taxonomy', 'rules', 'bundle', 'records', 'normalize'],
  training: ['store', 'audit', 'io', 'text', 'workspace', 'taxonomy', 'bundle', 'records', 'normalize', 'coding'],
  demo: ['store', 'audit', 'io', 'random', 'auth', 'workspace', 'taxonomy', 'records', 'simulate'],
  splits: ['store', 'audit', 'random', 'workspace', 'taxonomy', 'records', 'demo'],
  registry: ['store', 'audit', 'metrics', 'workspace', 'taxonomy', 'bundle', 'records', 'coding'],
  'model-trust': ['store', 'audit', 'crypto', 'policy', 'workspace', 'bundle', 'coding', 'registry'],
  backup: ['store', 'audit', 'crypto', 'workspace', 'coding'],
  doctor: ['store', 'audit', 'workspace', 'bundle', 'coding', 'backup', 'model-trust'],
  supervision: ['store', 'audit', 'random', 'metrics', 'auth', 'workspace', 'taxonomy', 'records', 'decisions', 'coding'],
  reports: ['store', 'audit', 'io', 'metrics', 'auth', 'workspace', 'taxonomy', 'records', 'decisions', 'supervision'],
  annotate: ['store', 'audit', 'random', 'metrics', 'workspace', 'taxonomy', 'records', 'decisions', 'normalize', 'coding', 'training', 'demo'],
  jobs: ['store', 'audit', 'workspace', 'taxonomy', 'records', 'bundle', 'coding', 'training', 'registry', 'model-trust'],
}

const APP = Object.keys(APP_FOLDERS)

/** Every engine folder → the engine folders its files may import. */
export const ENGINE_FOLDERS = {
  ...APP_FOLDERS,
  // The engine process: the whole app, never the test benches.
  host: APP,
  // Public-corpus benchmarks and protocols: the whole app; only the CLI imports them.
  evaluation: APP,
  cli: [...APP, 'host', 'evaluation'],
  // Test helpers (imported by tests only): the app and the engine process.
  testing: [...APP, 'host'],
}

const TEST_FILE = /\.test\.ts$/

/** The engine folder a path lies in (`engine/<folder>/…`), or null outside engine/ or at its root. */
export function engineFolderOf(engineDir, path) {
  const inside = relative(engineDir, path)
  if (inside.startsWith('..') || inside === '') return null
  const parts = inside.split(sep)
  return parts.length > 1 ? parts[0] : null
}

export const engineFoldersRule = {
  meta: {
    type: 'problem',
    schema: [{ type: 'object' }],
    messages: {
      forbidden: 'engine/{{from}}/ may not import engine/{{to}}/ (it may import: {{allowed}}; build/engine-folders.js)',
      unlisted: 'engine/{{from}}/ is not in the engine folder table: add it to build/engine-folders.js with the folders it may import',
      testingOnly: 'only tests import engine/testing/',
    },
  },
  create(context) {
    const folders = context.options[0] ?? ENGINE_FOLDERS
    const engineDir = resolve(context.cwd, 'engine')
    const from = engineFolderOf(engineDir, context.filename)
    if (from === null) return {}
    const isTest = TEST_FILE.test(context.filename)
    const check = (node) => {
      const source = node.source
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) return
      const to = engineFolderOf(engineDir, resolve(dirname(context.filename), source.value))
      if (to === null || to === from) return
      if (to === 'testing') {
        if (!isTest) context.report({ node: source, messageId: 'testingOnly' })
        return
      }
      if (isTest) return
      const allowed = folders[from]
      if (!allowed) context.report({ node: source, messageId: 'unlisted', data: { from } })
      else if (!allowed.includes(to)) context.report({ node: source, messageId: 'forbidden', data: { from, to, allowed: allowed.join(', ') || 'no other engine folder' } })
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check }
  },
}
