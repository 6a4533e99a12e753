// Checks that a native addon will load in the Electron being packaged. A rebuild
// can report success yet compile against Node's headers (a `nodedir` in .npmrc
// does that), so the only proof is the binary itself: a V8-API addon exports
// `node_register_module_v<ABI>`, which must be Electron's NODE_MODULE_VERSION;
// a Node-API addon exports `napi_register_module_v1` and loads in any runtime.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** What each platform loads: ELF on Linux, PE on Windows, Mach-O on macOS. */
export const BINARY_FORMAT_OF_PLATFORM = { linux: 'elf', win32: 'pe', darwin: 'mach-o', mas: 'mach-o' }

/**
 * @param {Uint8Array} bytes the addon file
 * @returns {{ kind: 'v8', abi: number } | { kind: 'node-api' } | { kind: 'unknown' }}
 */
export function addonAbi(bytes) {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  const v8 = /node_register_module_v(\d+)/.exec(text)
  if (v8?.[1]) return { kind: 'v8', abi: Number(v8[1]) }
  if (text.includes('napi_register_module_v')) return { kind: 'node-api' }
  return { kind: 'unknown' }
}

/**
 * @param {Uint8Array} bytes
 * @returns {'elf' | 'pe' | 'mach-o' | 'unknown'}
 */
export function binaryFormat(bytes) {
  const magic = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(4, bytes.byteLength)).toString('hex')
  if (magic === '7f454c46') return 'elf'
  if (magic.startsWith('4d5a')) return 'pe'
  // 32/64-bit Mach-O in either byte order, and universal (fat) binaries.
  if (['feedface', 'feedfacf', 'cefaedfe', 'cffaedfe', 'cafebabe'].includes(magic)) return 'mach-o'
  return 'unknown'
}

/**
 * The problems that would stop `file` loading in Electron with `abi` on `platform`; none means it loads.
 * @param {string} file
 * @param {{ abi: number, platform: string }} target
 * @returns {string[]}
 */
export function addonProblems(file, target) {
  const bytes = readFileSync(file)
  const problems = []
  const expectedFormat = BINARY_FORMAT_OF_PLATFORM[/** @type {keyof typeof BINARY_FORMAT_OF_PLATFORM} */ (target.platform)]
  const format = binaryFormat(bytes)
  if (expectedFormat && format !== expectedFormat) {
    problems.push(`${file}: a ${format} binary, but ${target.platform} loads ${expectedFormat}`)
  }
  const abi = addonAbi(bytes)
  if (abi.kind === 'v8' && abi.abi !== target.abi) {
    problems.push(
      `${file}: built for NODE_MODULE_VERSION ${abi.abi}, but Electron needs ${target.abi}` +
        (abi.abi === Number(process.versions.modules) ? ` (${abi.abi} is this Node's: the rebuild used Node's headers)` : ''),
    )
  }
  if (abi.kind === 'unknown') problems.push(`${file}: exports neither node_register_module_v<ABI> nor napi_register_module_v1`)
  return problems
}

/**
 * The Electron this project packages: its version pinned in package.json
 * (optionalDependencies, exact), and its NODE_MODULE_VERSION. Neither needs
 * Electron's download: an offline `npm install` drops the optional `electron`
 * package when its binary download fails, so the ABI comes from the installed
 * package when it is there (it ships `abi_version`) and otherwise from node-abi's
 * registry (installed with @electron/rebuild), and the two must agree.
 * @param {string} projectDir
 * @param {{ registryFile?: string }} [options]
 * @returns {{ version: string, abi: number, abiSource: 'electron package' | 'node-abi registry' }}
 */
export function pinnedElectron(projectDir, options = {}) {
  const manifest = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8'))
  const version = manifest.optionalDependencies?.electron ?? manifest.devDependencies?.electron ?? manifest.dependencies?.electron
  if (typeof version !== 'string' || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(`package.json must pin electron to an exact version (found ${JSON.stringify(version)}): native modules are checked against its ABI.`)
  }
  const registryFile = options.registryFile ?? join(projectDir, 'node_modules/node-abi/abi_registry.json')
  const major = version.split('.')[0]
  /** @type {Array<{ runtime: string, target: string, abi: string }>} */
  const registry = existsSync(registryFile) ? JSON.parse(readFileSync(registryFile, 'utf8')) : []
  const entry = registry.find((candidate) => candidate.runtime === 'electron' && candidate.target.split('.')[0] === major)
  const fromRegistry = entry ? Number(entry.abi) : null

  const electronDir = join(projectDir, 'node_modules/electron')
  if (existsSync(join(electronDir, 'abi_version'))) {
    const installed = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version
    if (installed !== version) throw new Error(`node_modules/electron is ${installed}, but package.json pins ${version}: run npm install.`)
    const abi = Number(readFileSync(join(electronDir, 'abi_version'), 'utf8').trim())
    if (!Number.isInteger(abi) || abi <= 0) throw new Error('node_modules/electron/abi_version does not hold an ABI number')
    if (fromRegistry !== null && fromRegistry !== abi) throw new Error(`Electron ${version}: its package says NODE_MODULE_VERSION ${abi}, node-abi's registry ${fromRegistry}.`)
    return { version, abi, abiSource: 'electron package' }
  }
  if (fromRegistry === null) {
    throw new Error(`The NODE_MODULE_VERSION of Electron ${version} is unknown: neither node_modules/electron nor ${registryFile} names it (npm install).`)
  }
  return { version, abi: fromRegistry, abiSource: 'node-abi registry' }
}

/**
 * Every `.node` file below `dir`.
 * @param {string} dir
 * @returns {string[]}
 */
export function findAddons(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.node'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
}
