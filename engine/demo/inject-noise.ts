/**
 * The quality-control simulator's noise injector. It corrupts the structured
 * diagnosis names of demo records the way hurried clinicians do, so the
 * workstation can show how the coding model copes with unreliable names
 * (the CliniCoCo paper's "noisy diagnosis names" experiment):
 *
 * - *vague*: the name of the parent category instead of the code ("diabetes" for "T2DM");
 * - *wrong*: the name of a sibling code ("NSTEMI" for "anterior STEMI");
 * - *missing*: the name is left out.
 *
 * A corrupted name keeps its error in `injectedError` and its text before the
 * error in `originalText`. A missing name cannot carry a flag on a name that is
 * no longer there, so it is returned beside the records in `missingByRecord`,
 * marked `injectedError: 'missing'`; merging those back restores every name.
 *
 * For a joined name ("HTN; T2DM") one part is corrupted and the rest kept; a
 * missing joined name drops the whole string. A name that cannot be resolved to
 * a demo code cannot be made vague or wrong, so it is dropped instead.
 */
import type { DiagnosisNameInput, InjectedError, RecordInput } from '../records/record-input.js'
import { demoParent, demoSiblings, informalNames, type DemoLanguage } from './demo-catalogue.js'
import { resolveDiagnosisName, type NamePart } from './diagnosis-names.js'
import { SeededRandom } from '../random/seeded-random.js'

export type ErrorShares = Readonly<Record<InjectedError, number>>

export interface NameNoiseOptions {
  /** Chance, 0–1, that each diagnosis name receives an error. */
  ratio: number
  seed: number
  /** Relative shares of the three errors; default equal. */
  errorShares?: ErrorShares
}

export interface NameNoiseResult {
  /** Copies of the input records with corrupted names; unchanged fields are shared with the input, not copied. */
  records: RecordInput[]
  /** How many names received each error. */
  injected: Record<InjectedError, number>
  /** Names dropped as *missing*, by the record's `externalId`, in their original order; records that lost none are absent. */
  missingByRecord: Map<string, DiagnosisNameInput[]>
}

const EQUAL_SHARES: ErrorShares = { vague: 1, wrong: 1, missing: 1 }
const ERROR_KINDS: readonly InjectedError[] = ['vague', 'wrong', 'missing']

export function injectNameNoise(records: readonly RecordInput[], options: NameNoiseOptions): NameNoiseResult {
  const { ratio, seed, errorShares = EQUAL_SHARES } = options
  if (!(ratio >= 0 && ratio <= 1)) throw new RangeError(`ratio must be within 0–1, got ${ratio}`)
  const shareEntries = ERROR_KINDS.map((kind) => [kind, errorShares[kind]] as const)
  if (shareEntries.some(([, share]) => !(share >= 0)) || !shareEntries.some(([, share]) => share > 0)) {
    throw new RangeError('errorShares must be non-negative with at least one above zero')
  }
  const random = new SeededRandom(seed)
  const injected: Record<InjectedError, number> = { vague: 0, wrong: 0, missing: 0 }
  const missingByRecord = new Map<string, DiagnosisNameInput[]>()
  const noisyRecords = records.map((record) => {
    const kept: DiagnosisNameInput[] = []
    const dropped: DiagnosisNameInput[] = []
    for (const name of record.diagnosisNames) {
      if (!random.chance(ratio)) {
        kept.push({ ...name })
        continue
      }
      const corrupted = corruptName(name, random.pickWeighted(shareEntries), record, random)
      injected[corrupted.injectedError ?? 'missing'] += 1
      if (corrupted.injectedError === 'missing') dropped.push(corrupted)
      else kept.push(corrupted)
    }
    if (dropped.length > 0) missingByRecord.set(record.externalId, dropped)
    return { ...record, diagnosisNames: kept }
  })
  return { records: noisyRecords, injected, missingByRecord }
}

function corruptName(name: DiagnosisNameInput, wanted: InjectedError, record: RecordInput, random: SeededRandom): DiagnosisNameInput {
  const originalText = name.originalText ?? name.text
  const missing: DiagnosisNameInput = { ...name, injectedError: 'missing', originalText }
  if (wanted === 'missing') return missing
  const language: DemoLanguage = record.language === 'zh' ? 'zh' : 'en'
  const resolved = resolveDiagnosisName(name.text, language)
  if (resolved === null) return missing
  const partIndex = random.integer(0, resolved.parts.length - 1)
  const part = resolved.parts[partIndex] as NamePart
  const goldCodes = new Set(record.goldCodes.map((gold) => gold.code))
  // When the wanted error is impossible for this code (no named parent, no sibling), the other one is tried.
  const order: InjectedError[] = wanted === 'vague' ? ['vague', 'wrong'] : ['wrong', 'vague']
  for (const kind of order) {
    const replacement = kind === 'vague' ? vagueName(part.code, language, random) : wrongName(part.code, goldCodes, language, random)
    if (replacement === null) continue
    const text = resolved.parts.map((candidate, index) => (index === partIndex ? replacement : candidate.text)).join(resolved.separator)
    return { ...name, text, injectedError: kind, originalText }
  }
  return missing
}

/** An informal name of the nearest ancestor that has one: the category for `E11.9`, the block for `I10`. */
function vagueName(code: string, language: DemoLanguage, random: SeededRandom): string | null {
  for (let ancestor = demoParent(code); ancestor !== null; ancestor = demoParent(ancestor)) {
    const names = informalNames(ancestor, language)
    if (names.length > 0) return random.pick(names)
  }
  return null
}

/** An informal name of a sibling code, preferring one the record is not coded with (else the error would be invisible). */
function wrongName(code: string, goldCodes: ReadonlySet<string>, language: DemoLanguage, random: SeededRandom): string | null {
  const siblings = demoSiblings(code).filter((sibling) => informalNames(sibling, language).length > 0)
  const uncoded = siblings.filter((sibling) => !goldCodes.has(sibling))
  const candidates = uncoded.length > 0 ? uncoded : siblings
  if (candidates.length === 0) return null
  return random.pick(informalNames(random.pick(candidates), language))
}
