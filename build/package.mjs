// Packages the built app with electron-builder, on a machine with network access.
//
//   node build/package.mjs [electron-builder options] [--skip-rebuild] [--release]
//   e.g. node build/package.mjs --linux --x64            (deb and rpm)
//        node build/package.mjs --win --x64 --release    (NSIS and MSI, signed)
//
// 0. a release build (--release) first checks that it can be signed (the
//    Ed25519 key in CLINICOCO_RELEASE_KEY, and the OS code-signing certificate
//    for Windows and macOS) and refuses to start otherwise;
// 1. checks that `npm run build` has produced dist/ (main, preload bundle, engine, renderer);
// 2. rebuilds better-sqlite3 against Electron's headers (it uses the V8 API, so
//    Node's build cannot load in Electron), unless --skip-rebuild says it already is;
// 3. VERIFIES the result from the binary itself: the rebuild reports success
//    even when it compiled against Node's headers (a `nodedir` in .npmrc does that);
// 4. runs electron-builder with build/electron-builder.yml, whose afterPack hook
//    checks the packed addons once more;
// 5. writes the CycloneDX SBOM and SHA256SUMS over the installers, signed
//    (SHA256SUMS.sig, Ed25519) when a key is given — always for a release —
//    and verifies the signature as IT will (build/verify-release.mjs);
// 6. puts Node's build of better-sqlite3 back (its whole build/ folder, which the
//    rebuild deletes even when it fails), so tests and the CLI keep working.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { spawnSync } from 'node:child_process'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { addonProblems, pinnedElectron } from './native-check.mjs'
import { releaseArtifacts, releaseSigningKey, writeSbom, writeSignedSums } from './release-artifacts.mjs'

const PROJECT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const CONFIG_FILE = 'build/electron-builder.yml'
const SQLITE_BUILD_DIR = 'node_modules/better-sqlite3/build'
const SQLITE_ADDON = `${SQLITE_BUILD_DIR}/Release/better_sqlite3.node`
export const REQUIRED_BUILD_OUTPUTS = [
  'dist/electron/main/main.js',
  'dist/electron/preload/preload.cjs',
  'dist/engine/host/engine-main.js',
  'dist/renderer/index.html',
]

const PLATFORM_FLAGS = { '--linux': 'linux', '-l': 'linux', '--win': 'win32', '--windows': 'win32', '-w': 'win32', '--mac': 'darwin', '--macos': 'darwin', '-m': 'darwin' }
const ARCH_FLAGS = ['x64', 'arm64', 'ia32', 'armv7l', 'universal']

/**
 * The platform and arch an electron-builder command line builds for (the host's by default).
 * One at a time: a native module is compiled for exactly one of each.
 * @param {string[]} args
 * @returns {{ platform: string, arch: string }}
 */
export function targetOf(args) {
  const platforms = [...new Set(args.flatMap((arg) => (arg in PLATFORM_FLAGS ? [PLATFORM_FLAGS[/** @type {keyof typeof PLATFORM_FLAGS} */ (arg)]] : [])))]
  const arches = [...new Set(args.flatMap((arg) => (arg.startsWith('--') && ARCH_FLAGS.includes(arg.slice(2)) ? [arg.slice(2)] : [])))]
  if (platforms.length > 1 || arches.length > 1) {
    throw new Error('Package one platform and one arch per run: better-sqlite3 is compiled for exactly one of each.')
  }
  if (arches[0] === 'universal') throw new Error('A universal macOS build needs better-sqlite3 for both arches; build x64 and arm64 separately.')
  return { platform: platforms[0] ?? process.platform, arch: arches[0] ?? process.arch }
}

/**
 * @param {{ version: string, platform: string, arch: string }} target
 */
async function rebuildSqliteForElectron(target) {
  if (target.platform !== process.platform) {
    console.warn(`Building for ${target.platform} on ${process.platform}: only a prebuilt better-sqlite3 can be used (no cross-compiling).`)
  }
  // npm exports `nodedir` from .npmrc to scripts; node-gyp would then compile
  // against Node's headers and the rebuild would "succeed" for the wrong ABI.
  for (const name of Object.keys(process.env)) {
    if (name.toLowerCase() === 'npm_config_nodedir') delete process.env[name]
  }
  let rebuild
  try {
    ;({ rebuild } = await import('@electron/rebuild'))
  } catch (error) {
    throw new Error(`@electron/rebuild is not installed (add it to devDependencies): ${error instanceof Error ? error.message : error}`)
  }
  console.log(`Rebuilding better-sqlite3 for Electron ${target.version} (${target.platform}-${target.arch})…`)
  await rebuild({
    buildPath: PROJECT_DIR,
    electronVersion: target.version,
    platform: /** @type {NodeJS.Platform} */ (target.platform),
    arch: target.arch,
    onlyModules: ['better-sqlite3'],
    force: true,
  })
}

/**
 * Thrown, not `process.exit`ed, so that the `finally` below restores Node's build.
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  throw new Error(message)
}

async function main() {
  const args = process.argv.slice(2)
  const skipRebuild = args.includes('--skip-rebuild')
  const release = args.includes('--release')
  const builderArgs = args.filter((arg) => arg !== '--skip-rebuild' && arg !== '--release')
  const { platform, arch } = targetOf(builderArgs)
  const keyFile = releaseSigningKey({ release, platform, env: process.env })

  const missing = REQUIRED_BUILD_OUTPUTS.filter((file) => !existsSync(join(PROJECT_DIR, file)))
  if (missing.length > 0) fail(`The app is not built (missing ${missing.join(', ')}): run \`npm run build\` first.`)

  const electron = pinnedElectron(PROJECT_DIR)
  const addon = join(PROJECT_DIR, SQLITE_ADDON)
  // The rebuild deletes and rewrites better-sqlite3's whole build/ folder
  // (node-gyp clean), even when it then fails: keep all of it, not just the addon.
  const restoreNodeBuild = skipRebuild ? () => {} : backUpFolder(join(PROJECT_DIR, SQLITE_BUILD_DIR))
  try {
    if (!skipRebuild) {
      try {
        await rebuildSqliteForElectron({ version: electron.version, platform, arch })
      } catch (error) {
        fail(
          `Rebuilding better-sqlite3 for Electron ${electron.version} failed: ${error instanceof Error ? error.message : error}\n` +
            'It downloads Electron headers or a prebuilt binary, so it needs network access (electronjs.org, github.com).',
        )
      }
    }
    const problems = existsSync(addon)
      ? addonProblems(addon, { abi: electron.abi, platform })
      : [`${relative(PROJECT_DIR, addon)} is missing after the rebuild`]
    if (problems.length > 0) {
      fail(
        `better-sqlite3 cannot load in Electron ${electron.version} (NODE_MODULE_VERSION ${electron.abi}):\n  ${problems.join('\n  ')}` +
          (skipRebuild ? '\nRun without --skip-rebuild.' : '\nThe rebuild reported success but did not build for Electron; check `nodedir` in .npmrc.'),
      )
    }
    console.log(`better-sqlite3 verified for Electron ${electron.version} (NODE_MODULE_VERSION ${electron.abi}, ${platform}-${arch}).`)

    const cli = createRequire(import.meta.url).resolve('electron-builder/cli.js')
    // The pinned version, so electron-builder needs no node_modules/electron to know it.
    const result = spawnSync(process.execPath, [cli, '--config', CONFIG_FILE, '--publish', 'never', `-c.electronVersion=${electron.version}`, ...builderArgs], {
      cwd: PROJECT_DIR,
      stdio: 'inherit',
    })
    if (result.status !== 0) fail(`electron-builder exited with ${result.status ?? result.signal}.`)
    writeReleaseFiles(electron.version, keyFile)
  } finally {
    // Tests, the CLI and browser mode run on Node: give them back Node's build.
    restoreNodeBuild()
  }
}

/**
 * The SBOM and the (signed) SHA256SUMS beside this version's installers in release/.
 * @param {string} electronVersion
 * @param {string | null} keyFile
 */
function writeReleaseFiles(electronVersion, keyFile) {
  const outDir = join(PROJECT_DIR, 'release')
  const { version } = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8'))
  // Only this version's files: release/ may still hold an older build's.
  const installers = releaseArtifacts(outDir).filter((name) => name.includes(version))
  const sbom = `clinicoco-${version}-sbom.cdx.json`
  writeSbom(PROJECT_DIR, join(outDir, sbom), { electronVersion })
  const { signed, keyId } = writeSignedSums(outDir, [...installers, sbom], keyFile)
  console.log(`Release files in ${relative(PROJECT_DIR, outDir)}/: ${[...installers, sbom].join(', ')}; SHA256SUMS ${signed ? `signed (SHA256SUMS.sig, key ${keyId})` : 'UNSIGNED (development build)'}.`)
}

/**
 * Copies `folder` aside; the returned function puts that copy back in its place.
 * @param {string} folder
 * @returns {() => void}
 */
export function backUpFolder(folder) {
  const backupDir = mkdtempSync(join(tmpdir(), 'clinicoco-backup-'))
  const backup = join(backupDir, basename(folder))
  cpSync(folder, backup, { recursive: true, preserveTimestamps: true })
  return () => {
    try {
      rmSync(folder, { recursive: true, force: true })
      cpSync(backup, folder, { recursive: true, preserveTimestamps: true })
      rmSync(backupDir, { recursive: true, force: true })
      console.log(`Restored Node's build in ${relative(PROJECT_DIR, folder)}.`)
    } catch (error) {
      // Never hide the packaging error behind this one; say where the copy is.
      console.error(`Could not restore ${folder} (a copy is in ${backup}): ${error instanceof Error ? error.message : error}`)
      process.exitCode = 1
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main().catch((/** @type {unknown} */ error) => {
    console.error(`\npackage: FAILED\n${error instanceof Error ? error.message : error}\n`)
    process.exitCode = 1
  })
}
