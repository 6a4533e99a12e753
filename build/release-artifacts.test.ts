import { execFileSync, spawnSync } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { releaseArtifacts, releaseSigningKey, writeSbom, writeSignedSums } from './release-artifacts.mjs'
import { verifyRelease } from './verify-release.mjs'

const PROJECT_DIR = join(import.meta.dirname, '..')
let dir: string
let keyFile: string
let publicPem: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clinicoco-release-'))
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  keyFile = join(dir, '..', `${dir.split('/').at(-1)}-release.private.pem`)
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }))
  publicPem = publicKey.export({ type: 'spki', format: 'pem' }) as string
  writeFileSync(join(dir, 'clinicoco_0.1.0_amd64.deb'), 'a deb installer')
  writeFileSync(join(dir, 'clinicoco-0.1.0.x86_64.rpm'), 'an rpm installer')
  writeFileSync(join(dir, 'builder-debug.yml'), 'not an artifact')
})

afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
  rmSync(keyFile, { force: true })
})

describe('release signing', () => {
  it('refuses a release build without its Ed25519 key, or a Windows one without its code-signing certificate', () => {
    expect(() => releaseSigningKey({ release: true, platform: 'linux', env: {} })).toThrow(/A release build is always signed; refusing to build without:\n {2}CLINICOCO_RELEASE_KEY/)
    expect(() => releaseSigningKey({ release: true, platform: 'linux', env: { CLINICOCO_RELEASE_KEY: '/nowhere.pem' } })).toThrow(/\/nowhere\.pem does not exist/)
    expect(() => releaseSigningKey({ release: true, platform: 'win32', env: { CLINICOCO_RELEASE_KEY: keyFile } })).toThrow(/WIN_CSC_LINK \/ CSC_LINK/)
    expect(releaseSigningKey({ release: true, platform: 'win32', env: { CLINICOCO_RELEASE_KEY: keyFile, WIN_CSC_LINK: 'cert.pfx' } })).toBe(keyFile)
    expect(releaseSigningKey({ release: false, platform: 'linux', env: {} })).toBeNull()
  })

  it('lists the installers, not the builder leftovers', () => {
    expect(releaseArtifacts(dir)).toEqual(['clinicoco-0.1.0.x86_64.rpm', 'clinicoco_0.1.0_amd64.deb'])
  })

  it('signs SHA256SUMS so that IT can verify it offline with this project, OpenSSL and sha256sum', () => {
    const result = writeSignedSums(dir, releaseArtifacts(dir), keyFile)
    expect(result.signed).toBe(true)
    expect(result.keyId).toMatch(/^[0-9a-f]{16}$/)
    expect(readFileSync(join(dir, 'SHA256SUMS'), 'utf8')).toMatch(/^[0-9a-f]{64} {2}clinicoco-0\.1\.0\.x86_64\.rpm\n[0-9a-f]{64} {2}clinicoco_0\.1\.0_amd64\.deb\n$/)
    expect(verifyRelease(dir, publicPem)).toEqual({ problems: [], files: ['clinicoco-0.1.0.x86_64.rpm', 'clinicoco_0.1.0_amd64.deb'], unlisted: ['builder-debug.yml'] })
    const publicFile = join(dir, '..', `${dir.split('/').at(-1)}.public.pem`)
    writeFileSync(publicFile, publicPem)
    try {
      const openssl = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', publicFile, '-rawin', '-in', join(dir, 'SHA256SUMS'), '-sigfile', join(dir, 'SHA256SUMS.sig')], { encoding: 'utf8' })
      expect(openssl.stdout).toContain('Signature Verified Successfully')
      expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' })).toContain('clinicoco_0.1.0_amd64.deb: OK')
      const cli = spawnSync('node', [join(PROJECT_DIR, 'build/verify-release.mjs'), '--dir', dir, '--key', publicFile], { encoding: 'utf8' })
      expect(cli.status).toBe(0)
      expect(cli.stdout).toContain('verifies: 2 files signed by this key')
    } finally {
      rmSync(publicFile, { force: true })
    }
  })

  it('fails verification for a changed installer, a changed SHA256SUMS, another key, or an unsigned build', () => {
    writeSignedSums(dir, releaseArtifacts(dir), keyFile)
    writeFileSync(join(dir, 'clinicoco_0.1.0_amd64.deb'), 'a trojaned installer')
    expect(verifyRelease(dir, publicPem).problems).toEqual(['clinicoco_0.1.0_amd64.deb does not match its sha256: do not install'])
    writeFileSync(join(dir, 'SHA256SUMS'), readFileSync(join(dir, 'SHA256SUMS'), 'utf8').replace(/^[0-9a-f]{64}/m, '0'.repeat(64)))
    expect(verifyRelease(dir, publicPem).problems[0]).toMatch(/does not verify over SHA256SUMS with this key: do not install/)
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }) as string
    writeSignedSums(dir, releaseArtifacts(dir), keyFile)
    expect(verifyRelease(dir, other).problems[0]).toMatch(/does not verify/)
    rmSync(join(dir, 'SHA256SUMS.sig'))
    const unsigned = writeSignedSums(dir, releaseArtifacts(dir), null)
    expect(unsigned.signed).toBe(false)
    expect(verifyRelease(dir, publicPem).problems[0]).toMatch(/SHA256SUMS\.sig is missing: this is an unsigned \(development\) build/)
  })
})

describe('the SBOM', () => {
  it('is CycloneDX and lists what ships (production dependencies and the Electron runtime), not the dev tools', () => {
    const out = join(dir, 'sbom.cdx.json')
    writeSbom(PROJECT_DIR, out, { electronVersion: '41.7.1' })
    const bom = JSON.parse(readFileSync(out, 'utf8')) as { bomFormat: string; specVersion: string; metadata: { component: { name: string; type: string } }; components: Array<{ name: string; version: string; type: string; hashes?: unknown[] }> }
    expect(bom.bomFormat).toBe('CycloneDX')
    expect(bom.metadata.component).toMatchObject({ name: 'CliniCoCo Workstation', type: 'application' })
    const names = new Map(bom.components.map((component) => [component.name, component]))
    for (const shipped of ['better-sqlite3', 'onnxruntime-node', 'hnswlib-node', 'zod', 'iconv-lite']) expect(names.has(shipped)).toBe(true)
    expect(names.get('better-sqlite3')?.hashes?.length).toBeGreaterThan(0)
    expect(names.get('electron')).toMatchObject({ version: '41.7.1', type: 'framework' })
    for (const notShipped of ['vitest', 'typescript', 'electron-builder', '@electron/get']) expect(names.has(notShipped)).toBe(false)
  }, 120_000)
})
