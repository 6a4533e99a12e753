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

/** Folder → the engine folders its files may import, lowest layers first. */
export const ENGINE_FOLDERS = {
  store: [],
  io: [],
  text: [],
  random: [],
  metrics: [],
  audit: ['store'],
  workspace: ['store', 'audit'],
  taxonomy: ['store', 'audit', 'io'],
  bundle: ['text'],
  records: ['store', 'audit', 'io', 'text', 'workspace', 'taxonomy'],
  decisions: ['store', 'audit', 'io', 'workspace', 'taxonomy', 'records'],
  simulate: ['random', 'taxonomy', 'records'],
  normalize: ['store', 'audit', 'io', 'text', 'workspace', 'taxonomy', 'bundle', 'records'],
  coding: ['store', 'audit', 'io', 'text', 'metrics', 'workspace', 'taxonomy', 'bundle', 'records', 'normalize'],
  training: ['store', 'audit', 'io', 'text', 'workspace', 'taxonomy', 'bundle', 'records', 'normalize', 'coding'],
  demo: ['store', 'audit', 'random', 'workspace', 'taxonomy', 'records', 'simulate'],
  splits: ['store', 'audit', 'random'],
  annotate: ['store', 'audit', 'random', 'workspace', 'taxonomy', 'records', 'decisions', 'normalize'],
  registry: ['store', 'audit', 'metrics', 'workspace', 'taxonomy', 'coding'],
  jobs: ['store', 'audit', 'workspace', 'bundle', 'coding', 'training', 'registry'],
  host: ['store', 'audit', 'io', 'text', 'random', 'metrics', 'workspace', 'taxonomy', 'bundle', 'records', 'decisions', 'simulate', 'normalize', 'coding', 'training', 'demo', 'splits', 'annotate', 'registry', 'jobs'],
  evaluation: ['store', 'audit', 'io', 'text', 'random', 'metrics', 'workspace', 'taxonomy', 'bundle', 'records', 'decisions', 'simulate', 'normalize', 'coding', 'training', 'demo', 'annotate', 'registry'],
  cli: ['store', 'audit', 'io', 'text', 'random', 'metrics', 'workspace', 'taxonomy', 'bundle', 'records', 'decisions', 'simulate', 'normalize', 'coding', 'training', 'demo', 'splits', 'annotate', 'registry', 'jobs', 'host', 'evaluation'],
  // Test helpers: imported by tests only.
  testing: ['store', 'audit', 'io', 'text', 'workspace', 'taxonomy', 'records'],
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
