import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'

// electron-builder's own loader, schema and file matcher (from the app-builder-lib
// that electron-builder itself resolves), so the test judges the config the way a
// packaging run would, without running one.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'))
const { getConfig, validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string, configFromOptions: null): Promise<BuilderConfig>
  validateConfiguration(config: BuilderConfig, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>
}
type Filter = (file: string, stat: { isDirectory(): boolean }) => boolean
interface Matcher {
  from: string
  createFilter(): Filter
}
type MacroExpander = (pattern: string) => string
const { getMainFileMatchers, getNodeModuleFileMatcher } = fromBuilder('app-builder-lib/out/fileMatcher') as {
  getMainFileMatchers(
    appDir: string,
    destination: string,
    macroExpander: MacroExpander,
    platformSpecificBuildOptions: object,
    platformPackager: object,
    outDir: string,
    isElectronCompile: boolean,
  ): Matcher[]
  getNodeModuleFileMatcher(
    appDir: string,
    destination: string,
    macroExpander: MacroExpander,
    platformSpecificBuildOptions: object,
    packager: object,
  ): Matcher
}
const { expandMacro } = fromBuilder('app-builder-lib/out/util/macroExpander') as {
  expandMacro(pattern: string, arch: string, appInfo: object, extra: Record<string, string>): string
}

type FileSet = string | { filter?: string | string[] }
interface PlatformConfig {
  target?: Array<string | { target: string }>
  files?: FileSet[]
}
interface BuilderConfig extends Record<string, unknown> {
  files?: FileSet[]
  asarUnpack?: string[]
  directories?: { output?: string }
  linux?: PlatformConfig
  win?: PlatformConfig
  mac?: PlatformConfig
}

const PROJECT_DIR = join(import.meta.dirname, '..')
let config: BuilderConfig

beforeAll(async () => {
  config = await getConfig(PROJECT_DIR, 'build/electron-builder.yml', null)
})

/**
 * Whether a packaging run for `os`-`arch` would ship `path`, decided by
 * electron-builder's own matchers: the app's files by the main matcher, node
 * modules by the node-module matcher (which applies only the excludes).
 */
function ships(os: 'linux' | 'win' | 'mac', arch: string, path: string): boolean {
  const expand: MacroExpander = (pattern) => expandMacro(pattern, arch, {}, { os, '/*': '{,/**/*}' })
  const platformOptions = config[os] ?? {}
  const packager = {
    config,
    debugLogger: { isEnabled: false },
    info: { isPrepackedAppAsar: false, projectDir: PROJECT_DIR, buildResourcesDir: 'build', config, debugLogger: { isEnabled: false } },
  }
  const matchers = path.startsWith('node_modules/')
    ? [getNodeModuleFileMatcher(PROJECT_DIR, '/packed', expand, platformOptions, packager)]
    : getMainFileMatchers(PROJECT_DIR, '/packed', expand, platformOptions, packager, join(PROJECT_DIR, 'release'), false)
  const file = join(PROJECT_DIR, path)
  return matchers.some((matcher) => matcher.from === PROJECT_DIR && matcher.createFilter()(file, { isDirectory: () => false }))
}

const ONNX_BIN = 'node_modules/onnxruntime-node/bin'

/** Installed onnxruntime binaries, as `napi-v6/linux/x64/onnxruntime_binding.node`. */
function onnxBinaries(): string[] {
  return readdirSync(join(PROJECT_DIR, ONNX_BIN), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(join(PROJECT_DIR, ONNX_BIN).length + 1))
}

interface NpmTreeNode {
  path?: string
  dependencies?: Record<string, NpmTreeNode>
}

/**
 * The installed production packages (what electron-builder collects, optional
 * ones included) split into those only electron pulls in and those the app needs.
 */
function productionPackages(): { electronOnly: string[]; needed: string[] } {
  const listing = spawnSync('npm', ['ls', '--omit=dev', '--all', '--json', '--long'], { cwd: PROJECT_DIR, encoding: 'utf8' })
  const tree = JSON.parse(listing.stdout) as NpmTreeNode
  const collect = (node: NpmTreeNode, skip: string, found: Set<string>): Set<string> => {
    for (const [name, child] of Object.entries(node.dependencies ?? {})) {
      if (name === skip || !child.path || found.has(child.path)) continue
      found.add(child.path)
      collect(child, skip, found)
    }
    return found
  }
  const relativePath = (path: string): string => path.slice(PROJECT_DIR.length + 1).split('\\').join('/')
  const all = [...collect(tree, '', new Set())].map(relativePath)
  const needed = [...collect(tree, 'electron', new Set())].map(relativePath)
  return { electronOnly: all.filter((path) => !needed.includes(path)), needed }
}

describe('build/electron-builder.yml', () => {
  it("loads with electron-builder's loader and passes its schema", async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add() {} })).resolves.toBeUndefined()
  })

  it('names the product and writes packages outside dist/, where the app is compiled', () => {
    expect(config).toMatchObject({ appId: 'org.clinicoco.workstation', productName: 'CliniCoCo Workstation' })
    expect(config.directories?.output).toBe('release')
  })

  it('keeps the file list in one place: a platform section with `files` would replace it for the app files', () => {
    expect([config.linux?.files, config.win?.files, config.mac?.files]).toEqual([undefined, undefined, undefined])
  })

  it('ships the compiled app and the preload bundle, not sources, source maps or the unused ESM preload', () => {
    for (const file of [
      'package.json',
      'dist/electron/main/main.js',
      'dist/electron/channels.js',
      'dist/electron/preload/preload.cjs',
      'dist/engine/host/engine-main.js',
      'dist/contract/api.js',
      'dist/native/sqlite.js',
      'dist/renderer/index.html',
      'dist/renderer/assets/index-abc123.js',
    ]) {
      expect(ships('linux', 'x64', file), file).toBe(true)
    }
    for (const file of [
      'dist/electron/preload/preload.js',
      'dist/electron/main/main.js.map',
      'dist/engine/tsconfig.tsbuildinfo',
      'dist/engine/evaluation/chip-cdn-benchmark.js',
      'dist/engine/cli/main.js',
      'dist/engine/testing/temp-workspace.js',
      'dist/.tests/electron/channels.test.d.ts',
      'electron/main/main.ts',
      'engine/host/engine-main.ts',
      'contract/api.ts',
      'models/train.py',
      '.npmrc',
      'tsconfig.json',
      'build/package.mjs',
    ]) {
      expect(ships('linux', 'x64', file), file).toBe(false)
    }
  })

  it('leaves native build leftovers out of node_modules but keeps the addons', () => {
    expect(ships('linux', 'x64', 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true)
    expect(ships('linux', 'x64', 'node_modules/better-sqlite3/lib/index.js')).toBe(true)
    expect(ships('linux', 'x64', 'node_modules/hnswlib-node/build/Release/addon.node')).toBe(true)
    expect(ships('linux', 'x64', 'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c')).toBe(false)
    expect(ships('linux', 'x64', 'node_modules/better-sqlite3/build/Release/obj.target/better_sqlite3.node')).toBe(false)
    expect(ships('linux', 'x64', 'node_modules/better-sqlite3/build/Release/test_extension.node')).toBe(false)
    expect(ships('linux', 'x64', 'node_modules/hnswlib-node/src/addon.cc')).toBe(false)
  })

  it("leaves out the electron package and the download tree only it needs, but no package the app needs", () => {
    const { electronOnly, needed } = productionPackages()
    const shipped = electronOnly.filter((path) => ships('linux', 'x64', `${path}/package.json`))
    expect(shipped, 'add these to the electron exclusions in electron-builder.yml').toEqual([])
    const dropped = needed.filter((path) => !ships('linux', 'x64', `${path}/package.json`))
    expect(dropped, 'the app needs these at run time').toEqual([])
    expect(needed).toEqual(expect.arrayContaining(['node_modules/better-sqlite3', 'node_modules/zod']))
  })

  it.each([
    ['linux', 'x64', 'linux/x64/'],
    ['linux', 'arm64', 'linux/arm64/'],
    ['win', 'x64', 'win32/x64/'],
    ['win', 'arm64', 'win32/arm64/'],
    ['mac', 'arm64', 'darwin/arm64/'],
  ] as const)("a %s %s build ships only that platform's and arch's onnxruntime binaries", (platform, arch, kept) => {
    const binaries = onnxBinaries()
    const shipped = binaries.filter((binary) => ships(platform, arch, `${ONNX_BIN}/${binary}`))
    expect(shipped.length).toBeGreaterThan(0)
    expect(shipped.every((binary) => binary.includes(`/${kept}`)), shipped.join(', ')).toBe(true)
    expect(binaries.filter((binary) => binary.includes(`/${kept}`))).toEqual(shipped)
  })

  it('unpacks every native addon and the onnxruntime libraries from app.asar', () => {
    expect(config.asar).toBe(true)
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', `${ONNX_BIN}/**`]))
  })

  it('leaves native rebuilds to build/package.mjs and checks the packed addons in afterPack', async () => {
    expect(config).toMatchObject({ npmRebuild: false, afterPack: './build/after-pack.mjs' })
    const hook = (await import('./after-pack.mjs')) as Record<string, unknown>
    expect(typeof hook.afterPack).toBe('function')
  })

  it('targets dir, zip and AppImage on Linux, an NSIS installer on Windows, a dmg on macOS', () => {
    expect(config.linux?.target).toEqual(['dir', 'zip', 'AppImage'])
    expect(config.win?.target).toEqual(['nsis'])
    expect(config.mac?.target).toEqual(['dmg'])
  })

  it('turns off the Electron fuses that would let the app run as plain Node or load code from outside app.asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    })
  })
})
