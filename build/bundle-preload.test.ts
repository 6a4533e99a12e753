import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, events } from '../contract/api.js'
import { bundlePreload } from './bundle-preload.mjs'

const scratch = mkdtempSync(join(tmpdir(), 'clinicoco-preload-'))
const outfile = join(scratch, 'preload.cjs')
let bundle: Awaited<ReturnType<typeof bundlePreload>>
let source = ''

beforeAll(async () => {
  bundle = await bundlePreload({ outfile })
  source = readFileSync(outfile, 'utf8')
})

afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** Runs the bundle the way a sandboxed preload runs: CommonJS, with only `electron` to require. */
function runSandboxed(): { exposed: Map<string, unknown>; required: string[] } {
  const exposed = new Map<string, unknown>()
  const required: string[] = []
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
    ipcRenderer: { invoke: async () => ({ ok: true, value: null }), on: () => {} },
  }
  const require = (name: string): unknown => {
    required.push(name)
    if (name !== 'electron') throw new Error(`module not found: ${name}`)
    return electron
  }
  const module = { exports: {} }
  runInNewContext(source, { require, module, exports: module.exports, console })
  return { exposed, required }
}

describe('the preload bundle', () => {
  it('is one small CommonJS file made of our own sources only', () => {
    expect(bundle.inputs.every((input) => !input.includes('node_modules'))).toBe(true)
    expect(bundle.inputs).toEqual(expect.arrayContaining(['electron/preload/preload.ts', 'electron/channels.ts']))
    expect(bundle.bytes).toBeLessThan(10_000)
    expect(source).not.toMatch(/^\s*(import|export)\s/m)
  })

  it('needs nothing but electron at run time', () => {
    expect(runSandboxed().required).toEqual(['electron'])
  })

  it('exposes window.app with exactly the contract methods and on', () => {
    const { exposed } = runSandboxed()
    expect([...exposed.keys()]).toEqual(['app'])
    expect(Object.keys(exposed.get('app') as object).sort()).toEqual([...Object.keys(api), 'on'].sort())
  })

  it('subscribes only to contract events', () => {
    const app = runSandboxed().exposed.get('app') as { on(event: string, listener: () => void): () => void }
    for (const event of Object.keys(events)) expect(typeof app.on(event, () => {})).toBe('function')
    expect(() => app.on('constructor', () => {})).toThrow(/Unknown event/)
  })
})
