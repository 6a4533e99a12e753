#!/usr/bin/env node
// Verifies a CliniCoCo release folder offline, for IT: the Ed25519 signature on
// SHA256SUMS against the release public key (obtained from the vendor through a
// separate, trusted channel — never from the release folder itself), then the
// sha256 of every file SHA256SUMS lists. Node's own crypto only: copy this one
// file anywhere and run it with any Node ≥ 18.
//
//   node verify-release.mjs --dir RELEASE_DIR --key release-signing.public.pem
//
// The same with OpenSSL 3 and coreutils, no Node needed:
//   openssl pkeyutl -verify -pubin -inkey release-signing.public.pem -rawin \
//     -in RELEASE_DIR/SHA256SUMS -sigfile RELEASE_DIR/SHA256SUMS.sig
//   (cd RELEASE_DIR && sha256sum -c SHA256SUMS)
import { createHash, createPublicKey, verify } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const SUMS_FILE = 'SHA256SUMS'
export const SIGNATURE_FILE = 'SHA256SUMS.sig'

/**
 * @param {string} path
 * @returns {string}
 */
export function sha256File(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

/**
 * `sha256sum` lines: "<64 hex>  <name>" (two spaces, or " *" for binary mode).
 * @param {string} text
 * @returns {Array<{ sha256: string, name: string }>}
 */
export function parseSums(text) {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line)
      if (!match?.[1] || !match[2]) throw new Error(`${SUMS_FILE} line ${index + 1} is not "<sha256>  <file>": ${JSON.stringify(line)}`)
      if (match[2] !== basename(match[2])) throw new Error(`${SUMS_FILE} line ${index + 1} names a path outside the release folder: ${match[2]}`)
      return { sha256: match[1], name: match[2] }
    })
}

/**
 * Every problem with the release in `dir`; none means it verifies.
 * @param {string} dir
 * @param {string} publicKeyPem
 * @returns {{ problems: string[], files: string[], unlisted: string[] }}
 */
export function verifyRelease(dir, publicKeyPem) {
  const sumsPath = join(dir, SUMS_FILE)
  const signaturePath = join(dir, SIGNATURE_FILE)
  if (!existsSync(sumsPath)) return { problems: [`${sumsPath} is missing`], files: [], unlisted: [] }
  if (!existsSync(signaturePath)) return { problems: [`${signaturePath} is missing: this is an unsigned (development) build`], files: [], unlisted: [] }
  const key = createPublicKey(publicKeyPem)
  if (key.asymmetricKeyType !== 'ed25519') return { problems: [`the key is ${key.asymmetricKeyType}, not Ed25519`], files: [], unlisted: [] }
  const sums = readFileSync(sumsPath)
  if (!verify(null, sums, key, readFileSync(signaturePath))) {
    return { problems: [`the signature in ${SIGNATURE_FILE} does not verify over ${SUMS_FILE} with this key: do not install`], files: [], unlisted: [] }
  }
  const entries = parseSums(sums.toString('utf8'))
  const problems = []
  for (const { sha256, name } of entries) {
    const path = join(dir, name)
    if (!existsSync(path)) problems.push(`${name} is listed but missing`)
    else if (sha256File(path) !== sha256) problems.push(`${name} does not match its sha256: do not install`)
  }
  const listed = new Set([...entries.map((entry) => entry.name), SUMS_FILE, SIGNATURE_FILE])
  const unlisted = readdirSync(dir).filter((name) => !listed.has(name) && statSync(join(dir, name)).isFile())
  return { problems, files: entries.map((entry) => entry.name), unlisted }
}

function main() {
  const args = process.argv.slice(2)
  const value = (/** @type {string} */ flag) => {
    const at = args.indexOf(flag)
    return at >= 0 ? args[at + 1] : undefined
  }
  const dir = value('--dir')
  const keyFile = value('--key')
  if (!dir || !keyFile) {
    console.error('Usage: node verify-release.mjs --dir RELEASE_DIR --key release-signing.public.pem')
    process.exit(2)
  }
  const result = verifyRelease(resolve(dir), readFileSync(keyFile, 'utf8'))
  for (const name of result.files) if (!result.problems.some((problem) => problem.startsWith(`${name} `))) console.log(`OK    ${name}`)
  for (const problem of result.problems) console.error(`FAIL  ${problem}`)
  // Not covered by the signature: never install these from this folder.
  for (const name of result.unlisted) console.log(`NOTE  ${name} is not listed in ${SUMS_FILE} (not covered by the signature)`)
  if (result.problems.length > 0) process.exit(1)
  console.log(`The release in ${resolve(dir)} verifies: ${result.files.length} files signed by this key.`)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main()
