import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { addonAbi, addonProblems, binaryFormat, findAddons, installedElectron } from './native-check.mjs'

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

describe('addonProblems', () => {
  const electron = installedElectron(PROJECT_DIR)

  it("knows Electron 41's NODE_MODULE_VERSION from the electron package itself", () => {
    expect(electron).toEqual({ version: '41.7.1', abi: 145 })
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
