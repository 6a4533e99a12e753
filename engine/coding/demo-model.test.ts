/**
 * The demo model committed in models/demo/ (`npm run models:demo`): a fresh
 * install suggests codes with it, so it must load, match its golden outputs in
 * ONNX Runtime, fit the demo code set and stay small enough to commit.
 */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { demoCodeSet } from '../demo/demo-catalogue.js'
import { modelsDirectory } from '../bundle/run-trainer.js'
import { checkGolden } from './golden-check.js'
import { readModelBundle } from './model-bundle.js'

const DEMO_MODEL = join(modelsDirectory(), 'demo')
const MAX_BUNDLE_BYTES = 20e6

describe('the committed demo model', () => {
  it('reproduces its PyTorch golden outputs in ONNX Runtime within 1e-4', async () => {
    const golden = await checkGolden(readModelBundle(DEMO_MODEL))
    expect(golden.cases).toBeGreaterThan(0)
    expect(golden.maxAbsDifference).toBeLessThanOrEqual(1e-4)
    expect(golden.passed).toBe(true)
  })

  it('codes in the demo code set, with assignable codes only', () => {
    const { manifest } = readModelBundle(DEMO_MODEL)
    const codeSet = demoCodeSet()
    expect(manifest.codeSet).toEqual({ name: codeSet.name, version: codeSet.version })
    const assignable = new Set(codeSet.codes.filter((code) => code.assignable).map((code) => code.code))
    expect(manifest.codes.filter((code) => !assignable.has(code))).toEqual([])
    expect(manifest.codes.length).toBeGreaterThan(50)
  })

  it('stays under 20 MB', () => {
    const bytes = readdirSync(DEMO_MODEL).reduce((sum, file) => sum + statSync(join(DEMO_MODEL, file)).size, 0)
    expect(bytes).toBeLessThan(MAX_BUNDLE_BYTES)
  })
})
