import { describe, expect, it } from 'vitest'
import { checkNativeModules } from './smoke.js'

describe('native modules', () => {
  it('loads SQLite, hnswlib and onnxruntime and each computes a known answer', async () => {
    const report = await checkNativeModules()
    expect(report.sqlite).toMatch(/^SQLite 3\.\d+/)
    expect(report.hnsw).toContain('HNSW')
    expect(report.onnx).toMatch(/^onnxruntime-node 1\.\d+/)
  })
})
