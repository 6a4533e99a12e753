/**
 * The quality-control simulator (`engine/simulate/hierarchy-noise.ts`) applied
 * to the demo hospital's records. It corrupts their structured diagnosis names
 * the way hurried clinicians do, so the workstation can show how the coding
 * model copes with unreliable names (the CliniCoCo paper's "noisy diagnosis
 * names" experiment): *vague* ("diabetes" for "T2DM"), *wrong* ("NSTEMI" for
 * "anterior STEMI"), *missing*. What is demo-specific lives here: names are
 * informal demo names resolved to catalogue codes, possibly joined.
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
import { SeededRandom } from '../random/seeded-random.js'
import { createNameNoise, type CodeHierarchy, type ErrorShares, type NameNoise } from '../simulate/hierarchy-noise.js'
import { demoParent, demoSiblings, informalNames, type DemoLanguage } from './demo-catalogue.js'
import { resolveDiagnosisName, type NamePart } from './diagnosis-names.js'

export type { ErrorShares } from '../simulate/hierarchy-noise.js'

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

/** The demo catalogue as the simulator's hierarchy, with the informal names of one language. */
export function demoHierarchy(language: DemoLanguage): CodeHierarchy {
  return { parentOf: demoParent, siblingsOf: demoSiblings, namesOf: (code) => informalNames(code, language) }
}

export function injectNameNoise(records: readonly RecordInput[], options: NameNoiseOptions): NameNoiseResult {
  const random = new SeededRandom(options.seed)
  // The catalogue is small: where every sibling of a code is coded in the record too, a coded one is still named.
  const noiseOptions = { ratio: options.ratio, errorShares: options.errorShares, whenSiblingsAreCoded: 'coded-sibling' } as const
  const noise = { en: createNameNoise(demoHierarchy('en'), noiseOptions, random), zh: createNameNoise(demoHierarchy('zh'), noiseOptions, random) }
  const injected: Record<InjectedError, number> = { vague: 0, wrong: 0, missing: 0 }
  const missingByRecord = new Map<string, DiagnosisNameInput[]>()
  const noisyRecords = records.map((record) => {
    const language: DemoLanguage = record.language === 'zh' ? 'zh' : 'en'
    const kept: DiagnosisNameInput[] = []
    const dropped: DiagnosisNameInput[] = []
    for (const name of record.diagnosisNames) {
      const wanted = noise[language].drawError()
      if (wanted === null) {
        kept.push({ ...name })
        continue
      }
      const corrupted = corruptName(name, wanted, record, language, noise[language], random)
      injected[corrupted.injectedError ?? 'missing'] += 1
      if (corrupted.injectedError === 'missing') dropped.push(corrupted)
      else kept.push(corrupted)
    }
    if (dropped.length > 0) missingByRecord.set(record.externalId, dropped)
    return { ...record, diagnosisNames: kept }
  })
  return { records: noisyRecords, injected, missingByRecord }
}

function corruptName(
  name: DiagnosisNameInput,
  wanted: InjectedError,
  record: RecordInput,
  language: DemoLanguage,
  noise: NameNoise,
  random: SeededRandom,
): DiagnosisNameInput {
  const originalText = name.originalText ?? name.text
  const missing: DiagnosisNameInput = { ...name, injectedError: 'missing', originalText }
  if (wanted === 'missing') return missing
  const resolved = resolveDiagnosisName(name.text, language)
  if (resolved === null) return missing
  // One part of a joined name ("HTN; T2DM") is corrupted, the rest kept.
  const partIndex = random.integer(0, resolved.parts.length - 1)
  const part = resolved.parts[partIndex] as NamePart
  const made = noise.namingError(part.code, wanted, new Set(record.goldCodes.map((gold) => gold.code)))
  if (made === null) return missing
  const text = resolved.parts.map((candidate, index) => (index === partIndex ? made.text : candidate.text)).join(resolved.separator)
  return { ...name, text, injectedError: made.injectedError, originalText }
}
