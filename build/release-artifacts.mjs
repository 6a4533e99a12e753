// What `npm run package` adds around electron-builder's installers, so IT can
// check a release offline before installing it:
//   - a CycloneDX SBOM of what ships (`npm sbom`, production dependencies, plus
//     the Electron runtime itself);
//   - SHA256SUMS over every installer and the SBOM, in `sha256sum` format;
//   - SHA256SUMS.sig, a raw Ed25519 signature of SHA256SUMS (OpenSSL's
//     `pkeyutl -verify -rawin` reads it), verified with build/verify-release.mjs.
// A release build (`--release`) refuses to start without its signing keys: it
// can never be produced unsigned by accident.
import { spawnSync } from 'node:child_process'
import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { SIGNATURE_FILE, SUMS_FILE, sha256File, verifyRelease } from './verify-release.mjs'

/** Installer and archive files electron-builder leaves at the top of the output folder. */
const ARTIFACT = /\.(deb|rpm|exe|msi|AppImage|zip|tar\.gz|dmg)$/

export const RELEASE_KEY_ENV = 'CLINICOCO_RELEASE_KEY'

/**
 * @param {string} dir
 * @returns {string[]}
 */
export function releaseArtifacts(dir) {
  return readdirSync(dir)
    .filter((name) => ARTIFACT.test(name) && statSync(join(dir, name)).isFile())
    .sort()
}

/**
 * Refuses a release build that could not be signed, before anything is built.
 * @param {{ release: boolean, platform: string, env: Record<string, string | undefined> }} request
 * @returns {string | null} the release key file, or null for a development build
 */
export function releaseSigningKey({ release, platform, env }) {
  const keyFile = env[RELEASE_KEY_ENV]
  if (!release) return keyFile && keyFile !== '' ? keyFile : null
  const missing = []
  if (!keyFile) missing.push(`${RELEASE_KEY_ENV} (path of the Ed25519 private key that signs SHA256SUMS; \`clinicoco keys generate\`)`)
  else if (!existsSync(keyFile)) missing.push(`${RELEASE_KEY_ENV}: ${keyFile} does not exist`)
  if (platform === 'win32' && !env.WIN_CSC_LINK && !env.CSC_LINK) missing.push('WIN_CSC_LINK / CSC_LINK (the Authenticode certificate for the Windows installers)')
  if (platform === 'darwin' && !env.CSC_LINK) missing.push('CSC_LINK (the Developer ID certificate)')
  if (missing.length > 0) {
    throw new Error(`A release build is always signed; refusing to build without:\n  ${missing.join('\n  ')}\nFor a development build, leave out --release.`)
  }
  return keyFile ?? null
}

/**
 * The CycloneDX SBOM of what ships: npm's view of the production dependency
 * tree (optional ones left out: only the electron package and its downloader
 * are optional, and neither ships), with the Electron runtime added as the
 * framework it is.
 * @param {string} projectDir
 * @param {string} outFile
 * @param {{ electronVersion: string }} options
 */
export function writeSbom(projectDir, outFile, { electronVersion }) {
  const result = spawnSync('npm', ['sbom', '--sbom-format', 'cyclonedx', '--omit', 'dev', '--omit', 'optional'], {
    cwd: projectDir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  })
  if (result.status !== 0) throw new Error(`npm sbom failed (${result.status}): ${result.stderr}`)
  const bom = JSON.parse(result.stdout)
  if (bom.bomFormat !== 'CycloneDX' || !Array.isArray(bom.components)) throw new Error('npm sbom did not write a CycloneDX document')
  const manifest = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8'))
  bom.metadata.component = { ...bom.metadata.component, type: 'application', name: manifest.productName ?? manifest.name, 'bom-ref': `${manifest.name}@${manifest.version}` }
  bom.components.push({
    'bom-ref': `electron@${electronVersion}`,
    type: 'framework',
    name: 'electron',
    version: electronVersion,
    scope: 'required',
    description: 'Electron runtime (Chromium and Node.js) the app runs in',
    purl: `pkg:npm/electron@${electronVersion}`,
  })
  writeFileSync(outFile, `${JSON.stringify(bom, null, 2)}\n`)
  return bom
}

/**
 * Writes SHA256SUMS for `files` (names in `dir`) and, given a key, SHA256SUMS.sig;
 * a signed release is verified with the key's public half before it is reported.
 * @param {string} dir
 * @param {string[]} files
 * @param {string | null} keyFile
 * @returns {{ sums: string, signed: boolean, keyId: string | null }}
 */
export function writeSignedSums(dir, files, keyFile) {
  if (files.length === 0) throw new Error(`No release artifacts in ${dir} to list in ${SUMS_FILE}.`)
  const sums = files.map((name) => `${sha256File(join(dir, name))}  ${name}\n`).join('')
  writeFileSync(join(dir, SUMS_FILE), sums)
  if (!keyFile) return { sums, signed: false, keyId: null }
  const privateKey = createPrivateKey(readFileSync(keyFile, 'utf8'))
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${keyFile}: a ${privateKey.asymmetricKeyType} key; release checksums are signed with Ed25519.`)
  writeFileSync(join(dir, SIGNATURE_FILE), sign(null, Buffer.from(sums), privateKey))
  const publicPem = /** @type {string} */ (createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }))
  const check = verifyRelease(dir, publicPem)
  if (check.problems.length > 0) throw new Error(`The release just signed does not verify: ${check.problems.join('; ')}`)
  const der = /** @type {Buffer} */ (createPublicKey(privateKey).export({ type: 'spki', format: 'der' }))
  return { sums, signed: true, keyId: createHash('sha256').update(der).digest('hex').slice(0, 16) }
}
