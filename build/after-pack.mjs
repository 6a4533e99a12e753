// electron-builder afterPack hook (see electron-builder.yml): before any
// installer is made, checks the packed app itself, so a wrong native build
// fails the packaging however electron-builder was started.
//   - every addon is unpacked from app.asar and loads in this Electron;
//   - better-sqlite3, the one V8-API addon, is there;
//   - only the target platform's and arch's onnxruntime binaries were kept.
import { dirname, join, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { addonProblems, findAddons, pinnedElectron } from './native-check.mjs'

const PROJECT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..')
/** electron-builder's Arch enum, by number. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal']
/** onnxruntime-node's folder names under bin/napi-v*. */
const ONNX_PLATFORM = { linux: 'linux', win32: 'win32', darwin: 'darwin', mas: 'darwin' }

/**
 * @param {{ appOutDir: string, electronPlatformName: string, arch: number }} context
 */
export async function afterPack(context) {
  const platform = context.electronPlatformName
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch)
  const problems = packedAppProblems(context.appOutDir, platform, arch, pinnedElectron(PROJECT_DIR).abi)
  if (problems.length > 0) {
    throw new Error(`The packed app in ${context.appOutDir} would not work:\n  ${problems.join('\n  ')}`)
  }
  console.log(`  • native addons checked: ${platform}-${arch}, Electron NODE_MODULE_VERSION ok`)
}

/**
 * @param {string} appOutDir
 * @param {string} platform
 * @param {string} arch
 * @param {number} abi
 * @returns {string[]}
 */
export function packedAppProblems(appOutDir, platform, arch, abi) {
  const addons = findAddons(appOutDir)
  const problems = []
  const packedInAsar = addons.filter((file) => !file.includes(`app.asar.unpacked${sep}`))
  for (const file of packedInAsar) problems.push(`${file}: outside app.asar.unpacked, so it cannot load`)
  if (!addons.some((file) => file.endsWith(join('better-sqlite3', 'build', 'Release', 'better_sqlite3.node')))) {
    problems.push('better-sqlite3/build/Release/better_sqlite3.node is missing from app.asar.unpacked')
  }
  const onnxPlatform = ONNX_PLATFORM[/** @type {keyof typeof ONNX_PLATFORM} */ (platform)] ?? platform
  const onnxAddons = addons.filter((file) => file.includes(join('onnxruntime-node', 'bin')))
  if (onnxAddons.length === 0) problems.push('onnxruntime-node has no binary for this platform in the package')
  for (const file of onnxAddons) {
    if (!file.includes(`${sep}${onnxPlatform}${sep}${arch}${sep}`)) problems.push(`${file}: another platform's onnxruntime binary`)
  }
  for (const file of addons) problems.push(...addonProblems(file, { abi, platform }))
  return problems
}
