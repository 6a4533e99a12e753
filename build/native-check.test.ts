import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { addonAbi, addonProblems, binaryFormat, findAddons, pinnedElectron } from './native-check.mjs'

const PROJECT_DIR = join(import.meta.dirname, '..')
const NODE_SQLITE = join(PROJECT_DIR, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')
const HNSW = join(PROJECT_DIR, 'node_modules/hnswlib-node/build/Release/addon.node')
const scratch = mkdtempSync(join(tmpdir(), 'clinicoco-native-'))

afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function fakeAddon(name: string, magic: number[], symbol: string): string {
  const file = join(scratch, name)
  writeFileSync(file, Buffer.concat([Buffer.from(magic), Buffer.alloc(64), Buffer.from(`\0${symbol}\0`, 'latin1')]))
  return file
}

const ELF = [0x7f, 0x45, 0x4c, 0x46]
const PE = [0x4d, 0x5a, 0x90, 0x00]
const MACH_O_64 = [0xcf, 0xfa, 0xed, 0xfe]

describe('addonAbi', () => {
  it("reads the NODE_MODULE_VERSION of the installed better-sqlite3, which is this Node's", async () => {
    const { readFileSync } = await import('node:fs')
    expect(addonAbi(readFileSync(NODE_SQLITE))).toEqual({ kind: 'v8', abi: Number(process.versions.modules) })
  })

  it('recognises a Node-API addon, which loads in any runtime', async () => {
    const { readFileSync } = await import('node:fs')
    expect(addonAbi(readFileSync(HNSW))).toEqual({ kind: 'node-api' })
  })
})

describe('binaryFormat', () => {
  it('tells ELF, PE and Mach-O apart', async () => {
    const { readFileSync } = await import('node:fs')
    expect(binaryFormat(readFileSync(NODE_SQLITE))).toBe('elf')
    expect(binaryFormat(Buffer.from(PE))).toBe('pe')
    expect(binaryFormat(Buffer.from(MACH_O_64))).toBe('mach-o')
    expect(binaryFormat(Buffer.from('#!/bin/sh'))).toBe('unknown')
  })
})

describe('pinnedElectron', () => {
  function project(files: Record<string, string>): string {
    const dir = mkdtempSync(join(scratch, 'project-'))
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true })
      writeFileSync(join(dir, path), content)
    }
    return dir
  }
  const REGISTRY = join(PROJECT_DIR, 'node_modules/node-abi/abi_registry.json')
  const PINNED = JSON.stringify({ optionalDependencies: { electron: '41.7.1' } })

  it("reads the ABI from node-abi's registry when an offline install dropped the electron package", () => {
    const dir = project({ 'package.json': PINNED })
    expect(pinnedElectron(dir, { registryFile: REGISTRY })).toEqual({ version: '41.7.1', abi: 145, abiSource: 'node-abi registry' })
  })

  it('reads it from the electron package where installed, and refuses a package that disagrees with the pin or the registry', () => {
    const installed = project({ 'package.json': PINNED, 'node_modules/electron/package.json': '{"version":"41.7.1"}', 'node_modules/electron/abi_version': '145\n' })
    expect(pinnedElectron(installed, { registryFile: REGISTRY })).toMatchObject({ abi: 145, abiSource: 'electron package' })
    const stale = project({ 'package.json': PINNED, 'node_modules/electron/package.json': '{"version":"40.1.0"}', 'node_modules/electron/abi_version': '143' })
    expect(() => pinnedElectron(stale, { registryFile: REGISTRY })).toThrow(/node_modules\/electron is 40\.1\.0, but package\.json pins 41\.7\.1/)
    const wrongAbi = project({ 'package.json': PINNED, 'node_modules/electron/package.json': '{"version":"41.7.1"}', 'node_modules/electron/abi_version': '999' })
    expect(() => pinnedElectron(wrongAbi, { registryFile: REGISTRY })).toThrow(/its package says NODE_MODULE_VERSION 999, node-abi's registry 145/)
  })

  it('refuses a range instead of an exact version', () => {
    const dir = project({ 'package.json': JSON.stringify({ optionalDependencies: { electron: '^41.7.1' } }) })
    expect(() => pinnedElectron(dir, { registryFile: REGISTRY })).toThrow(/must pin electron to an exact version/)
  })
})

describe('addonProblems', () => {
  const electron = pinnedElectron(PROJECT_DIR)

  it("knows Electron 41's NODE_MODULE_VERSION whether or not the electron package could be installed", () => {
    expect({ version: electron.version, abi: electron.abi }).toEqual({ version: '41.7.1', abi: 145 })
  })

  it('refuses a better-sqlite3 that a "successful" rebuild compiled against Node\'s headers', () => {
    const problems = addonProblems(NODE_SQLITE, { abi: electron.abi, platform: 'linux' })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(`built for NODE_MODULE_VERSION ${process.versions.modules}, but Electron needs 145`)
    expect(problems[0]).toContain("the rebuild used Node's headers")
  })

  it('accepts an addon built for Electron, and a Node-API addon', () => {
    expect(addonProblems(fakeAddon('electron.node', ELF, 'node_register_module_v145'), { abi: 145, platform: 'linux' })).toEqual([])
    expect(addonProblems(HNSW, { abi: 145, platform: 'linux' })).toEqual([])
  })

  it("refuses another platform's binary", () => {
    const windowsAddon = fakeAddon('windows.node', PE, 'node_register_module_v145')
    expect(addonProblems(windowsAddon, { abi: 145, platform: 'linux' })).toEqual([
      `${windowsAddon}: a pe binary, but linux loads elf`,
    ])
    expect(addonProblems(windowsAddon, { abi: 145, platform: 'win32' })).toEqual([])
  })

  it('refuses a file that is no addon at all', () => {
    expect(addonProblems(fakeAddon('empty.node', ELF, 'main'), { abi: 145, platform: 'linux' })).toEqual([
      `${join(scratch, 'empty.node')}: exports neither node_register_module_v<ABI> nor napi_register_module_v1`,
    ])
  })
})

describe('findAddons', () => {
  it('finds every .node file below a folder', () => {
    expect(findAddons(join(PROJECT_DIR, 'node_modules/hnswlib-node/build/Release'))).toContain(HNSW)
  })
})
