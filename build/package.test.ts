import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { backUpFolder, targetOf } from './package.mjs'

describe('the packaging script', () => {
  it("builds for the host's platform and arch unless told otherwise", () => {
    expect(targetOf([])).toEqual({ platform: process.platform, arch: process.arch })
  })

  it('reads the platform and arch from electron-builder options', () => {
    expect(targetOf(['--linux', 'AppImage', '--arm64'])).toEqual({ platform: 'linux', arch: 'arm64' })
    expect(targetOf(['-w', '--x64'])).toEqual({ platform: 'win32', arch: 'x64' })
    expect(targetOf(['--mac', 'dmg'])).toEqual({ platform: 'darwin', arch: process.arch })
  })

  it('refuses two platforms, two arches or a universal build in one run, since better-sqlite3 is compiled for one', () => {
    expect(() => targetOf(['--linux', '--win'])).toThrow(/one platform and one arch/)
    expect(() => targetOf(['--x64', '--arm64'])).toThrow(/one platform and one arch/)
    expect(() => targetOf(['--mac', '--universal'])).toThrow(/universal/)
  })

})

describe('backUpFolder', () => {
  it('puts back a folder that was deleted and rewritten meanwhile, as the rebuild does', () => {
    const folder = mkdtempSync(join(tmpdir(), 'clinicoco-build-'))
    writeFileSync(join(folder, 'better_sqlite3.node'), 'node build')
    const restore = backUpFolder(folder)
    rmSync(folder, { recursive: true })
    mkdirSync(folder)
    writeFileSync(join(folder, 'half-built.o'), 'partial')
    vi.spyOn(console, 'log').mockImplementation(() => {})
    restore()
    expect(readdirSync(folder)).toEqual(['better_sqlite3.node'])
    expect(readFileSync(join(folder, 'better_sqlite3.node'), 'utf8')).toBe('node build')
    rmSync(folder, { recursive: true })
  })
})
