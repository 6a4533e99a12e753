/**
 * Loads all three native modules and makes each do real work, so an install or
 * packaging step that left a module for the wrong ABI fails here, loudly, and
 * not in front of a coder. Run by `clinicoco doctor` and by the test suite.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createVectorIndex } from './hnsw.js'
import { onnxRuntimeVersion, openOnnxSession } from './onnx.js'
import { openSqlite, sqliteVersion } from './sqlite.js'

export interface NativeReport {
  sqlite: string
  hnsw: string
  onnx: string
}

export async function checkNativeModules(): Promise<NativeReport> {
  const folder = mkdtempSync(join(tmpdir(), 'clinicoco-smoke-'))
  try {
    return { sqlite: checkSqlite(), hnsw: checkHnsw(), onnx: await checkOnnx(folder) }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

function checkSqlite(): string {
  const database = openSqlite(':memory:')
  try {
    database.exec("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'trigram'); INSERT INTO t VALUES ('原发性高血压'), ('hypertension')")
    const hits = database.prepare<{ x: string }>("SELECT x FROM t WHERE t MATCH '\"高血压\"'").all()
    if (hits.length !== 1) throw new Error('SQLite FTS5 trigram search returned a wrong result.')
    return `SQLite ${sqliteVersion()} with FTS5 trigram`
  } finally {
    database.close()
  }
}

function checkHnsw(): string {
  const index = createVectorIndex({ dimensions: 4, metric: 'l2', capacity: 8 })
  index.add(1, new Float32Array([0, 0, 0, 0]))
  index.add(2, new Float32Array([1, 1, 1, 1]))
  const [nearest] = index.search(new Float32Array([0.9, 1, 1, 1]), 1)
  if (nearest?.label !== 2) throw new Error('hnswlib-node returned a wrong nearest neighbour.')
  return 'hnswlib-node HNSW index'
}

async function checkOnnx(folder: string): Promise<string> {
  const modelPath = join(folder, 'double.onnx')
  writeFileSync(modelPath, doublingModel())
  const session = await openOnnxSession(modelPath)
  try {
    const outputs = await session.run({ x: { data: new Float32Array([1, 2, 3]), dims: [3] } })
    const doubled = Array.from(outputs.y?.data as Float32Array)
    if (doubled.join(',') !== '2,4,6') throw new Error(`onnxruntime-node computed ${doubled.join(',')} for 2·[1,2,3].`)
    return `onnxruntime-node ${onnxRuntimeVersion()}`
  } finally {
    await session.close()
  }
}

/** A one-node ONNX graph, y = x + x over float[3], encoded by hand so the check needs no model file. */
function doublingModel(): Uint8Array {
  const tensorType = message(1, [varint(1, 1), message(2, [message(1, [varint(1, 3)])])])
  const valueInfo = (name: string) => [text(1, name), message(2, [tensorType])]
  const node = message(1, [text(1, 'x'), text(1, 'x'), text(2, 'y'), text(4, 'Add')])
  const graph = message(7, [node, text(2, 'double'), message(11, valueInfo('x')), message(12, valueInfo('y'))])
  return Uint8Array.from([...varint(1, 7), ...message(8, [text(1, ''), varint(2, 13)]), ...graph])
}

function varintBytes(value: number): number[] {
  const bytes: number[] = []
  let rest = value
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80)
    rest >>>= 7
  }
  bytes.push(rest)
  return bytes
}

function varint(field: number, value: number): number[] {
  return [...varintBytes(field << 3), ...varintBytes(value)]
}

function message(field: number, parts: number[][]): number[] {
  const body = parts.flat()
  return [...varintBytes((field << 3) | 2), ...varintBytes(body.length), ...body]
}

function text(field: number, value: string): number[] {
  const bytes = [...new TextEncoder().encode(value)]
  return [...varintBytes((field << 3) | 2), ...varintBytes(bytes.length), ...bytes]
}
