import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { afterPack, packedAppProblems } from './after-pack.mjs'

const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46])
const UNPACKED = 'resources/app.asar.unpacked/node_modules'
const SQLITE = `${UNPACKED}/better-sqlite3/build/Release/better_sqlite3.node`
const ONNX_LINUX_X64 = `${UNPACKED}/onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node`

let appOutDir = ''

function addon(path: string, symbol: string): void {
  const file = join(appOutDir, path)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, Buffer.concat([ELF, Buffer.from(`\0${symbol}\0`)]))
}

function packedApp(files: Record<string, string>): string {
  appOutDir = mkdtempSync(join(tmpdir(), 'clinicoco-packed-'))
  for (const [path, symbol] of Object.entries(files)) addon(path, symbol)
  return appOutDir
}

afterEach(() => rmSync(appOutDir, { recursive: true, force: true }))

describe('the afterPack check', () => {
  it('passes a Linux x64 app whose addons are unpacked and built for Electron', async () => {
    const dir = packedApp({ [SQLITE]: 'node_register_module_v145', [ONNX_LINUX_X64]: 'napi_register_module_v1' })
    expect(packedAppProblems(dir, 'linux', 'x64', 145)).toEqual([])
    await expect(afterPack({ appOutDir: dir, electronPlatformName: 'linux', arch: 1 })).resolves.toBeUndefined()
  })

  it("fails the packaging when better-sqlite3 was built for Node's ABI", async () => {
    const dir = packedApp({ [SQLITE]: 'node_register_module_v115', [ONNX_LINUX_X64]: 'napi_register_module_v1' })
    await expect(afterPack({ appOutDir: dir, electronPlatformName: 'linux', arch: 1 })).rejects.toThrow(
      /built for NODE_MODULE_VERSION 115, but Electron needs 145/,
    )
  })

  it('reports an addon left inside app.asar, a missing better-sqlite3, and foreign onnxruntime binaries', () => {
    const dir = packedApp({
      'resources/app.asar/node_modules/hnswlib-node/build/Release/addon.node': 'napi_register_module_v1',
      [ONNX_LINUX_X64]: 'napi_register_module_v1',
      [`${UNPACKED}/onnxruntime-node/bin/napi-v6/linux/arm64/onnxruntime_binding.node`]: 'napi_register_module_v1',
    })
    const problems = packedAppProblems(dir, 'linux', 'x64', 145)
    expect(problems).toEqual([
      expect.stringContaining('outside app.asar.unpacked'),
      'better-sqlite3/build/Release/better_sqlite3.node is missing from app.asar.unpacked',
      expect.stringMatching(/linux\/arm64\/onnxruntime_binding\.node: another platform's onnxruntime binary$/),
    ])
  })
})
