import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { ENGINE_FOLDERS, engineFolderOf } from './engine-folders.js'

// The engine's folders import one way: computed here from the source itself (every
// import, re-export and dynamic import of every file the app ships), so a circle
// fails the suite even where no lint rule was asked.
const ENGINE_DIR = resolve(import.meta.dirname, '..', 'engine')

type FolderGraph = Map<string, Map<string, string[]>>

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : []
  })
}

/** folder → imported folder → the files behind that edge (`file → import`). */
function engineFolderGraph(): FolderGraph {
  const graph: FolderGraph = new Map()
  for (const file of sourceFiles(ENGINE_DIR)) {
    const from = engineFolderOf(ENGINE_DIR, file)
    if (from === null) continue
    const edges = graph.get(from) ?? new Map<string, string[]>()
    graph.set(from, edges)
    for (const imported of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!imported.fileName.startsWith('.')) continue
      const to = engineFolderOf(ENGINE_DIR, resolve(dirname(file), imported.fileName))
      if (to === null || to === from) continue
      edges.set(to, [...(edges.get(to) ?? []), `${relative(ENGINE_DIR, file)} → ${imported.fileName}`])
    }
  }
  return graph
}

/** One circle in the graph as the folders along it (first = last), or null. */
function findCycle(edges: ReadonlyMap<string, Iterable<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>()
  const path: string[] = []
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node]
    state.set(node, 'open')
    path.push(node)
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next)
      if (cycle) return cycle
    }
    path.pop()
    state.set(node, 'done')
    return null
  }
  for (const node of edges.keys()) {
    const cycle = visit(node)
    if (cycle) return cycle
  }
  return null
}

describe('engine folder import graph', () => {
  const graph = engineFolderGraph()

  it('finds a circle where there is one (the check can fail)', () => {
    const circled = new Map([
      ['records', ['decisions', 'store']],
      ['decisions', ['store', 'records']],
      ['store', []],
    ])
    expect(findCycle(circled)).toEqual(['records', 'decisions', 'records'])
    expect(findCycle(new Map([['records', ['store']], ['store', []]]))).toBeNull()
  })

  it('has no circle between folders in the source', () => {
    const cycle = findCycle(new Map([...graph].map(([from, edges]) => [from, [...edges.keys()]])))
    const evidence = cycle?.slice(1).map((to, index) => `${cycle[index]} → ${to}: ${graph.get(cycle[index] ?? '')?.get(to)?.[0]}`)
    expect(evidence ?? null).toBeNull()
  })

  it('has no circle in the table the lint rule enforces, and lists every folder', () => {
    expect(findCycle(new Map(Object.entries(ENGINE_FOLDERS)))).toBeNull()
    const listed = Object.keys(ENGINE_FOLDERS)
    expect(Object.values(ENGINE_FOLDERS).flat().filter((to) => !listed.includes(to))).toEqual([])
    expect([...graph.keys()].filter((folder) => !listed.includes(folder))).toEqual([])
  })

  it('keeps the public-corpus evaluation out of the app: only cli/ imports evaluation/', () => {
    const importers = [...graph].filter(([, edges]) => edges.has('evaluation')).map(([from]) => from)
    expect(importers).toEqual(['cli'])
  })
})
