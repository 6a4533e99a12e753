/**
 * How good the noisy labels are where records carry reference (gold) codes,
 * as a Chinese hospital's coding lead reads it: micro precision, recall and F1
 * of the accepted codes per record at the full code, at its first 7
 * characters (I10.x00: the extension dropped) and at the 3-character category;
 * how often the primary gold code is among them; and a reliability curve of
 * every stored label's confidence against whether the record's gold holds it
 * (10 equal-width bins) with its expected calibration error — the check that
 * a confidence of 0.8 is right about 80 % of the time.
 */

export interface LevelScores {
  precision: number
  recall: number
  f1: number
}

export interface ReliabilityBin {
  /** Confidence range [from, to). */
  from: number
  to: number
  count: number
  meanConfidence: number
  /** Share of these labels that are gold codes of their record. */
  accuracy: number
}

export interface LabelQuality {
  records: number
  full: LevelScores
  sevenCharacters: LevelScores
  category: LevelScores
  /** Records with a primary gold code: share whose primary is among the accepted labels, at the full code and the category. */
  primary: { records: number; recall: number; categoryRecall: number }
  reliability: ReliabilityBin[]
  calibrationError: number
}

export interface StoredLabel {
  recordId: number
  code: string
  confidence: number
  accepted: boolean
}

export interface RecordGold {
  codes: ReadonlySet<string>
  primary: string | null
}

const LEVELS = {
  full: (code: string) => code,
  sevenCharacters: (code: string) => code.slice(0, 7),
  category: (code: string) => code.slice(0, 3),
} as const
const BINS = 10

export function labelQuality(labels: readonly StoredLabel[], gold: ReadonlyMap<number, RecordGold>): LabelQuality {
  const accepted = new Map<number, Set<string>>()
  for (const label of labels) {
    if (!label.accepted || !gold.has(label.recordId)) continue
    const codes = accepted.get(label.recordId) ?? new Set<string>()
    codes.add(label.code)
    accepted.set(label.recordId, codes)
  }
  const level = (key: (code: string) => string): LevelScores => {
    let truePositives = 0
    let predicted = 0
    let expected = 0
    for (const [recordId, record] of gold) {
      const goldKeys = new Set([...record.codes].map(key))
      const predictedKeys = new Set([...(accepted.get(recordId) ?? [])].map(key))
      expected += goldKeys.size
      predicted += predictedKeys.size
      for (const code of predictedKeys) if (goldKeys.has(code)) truePositives += 1
    }
    const precision = predicted > 0 ? truePositives / predicted : 0
    const recall = expected > 0 ? truePositives / expected : 0
    return { precision: round(precision), recall: round(recall), f1: round(precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0) }
  }
  let primaryRecords = 0
  let primaryFound = 0
  let primaryCategoryFound = 0
  for (const [recordId, record] of gold) {
    if (record.primary === null) continue
    primaryRecords += 1
    const codes = accepted.get(recordId) ?? new Set<string>()
    if (codes.has(record.primary)) primaryFound += 1
    const category = LEVELS.category(record.primary)
    if ([...codes].some((code) => LEVELS.category(code) === category)) primaryCategoryFound += 1
  }
  const bins = Array.from({ length: BINS }, (_, index) => ({ from: index / BINS, to: (index + 1) / BINS, count: 0, confidence: 0, correct: 0 }))
  let labelled = 0
  for (const label of labels) {
    const record = gold.get(label.recordId)
    if (!record) continue
    const bin = bins[Math.min(BINS - 1, Math.floor(label.confidence * BINS))]
    if (!bin) continue
    bin.count += 1
    bin.confidence += label.confidence
    bin.correct += record.codes.has(label.code) ? 1 : 0
    labelled += 1
  }
  const reliability = bins
    .filter((bin) => bin.count > 0)
    .map((bin) => ({ from: bin.from, to: bin.to, count: bin.count, meanConfidence: round(bin.confidence / bin.count), accuracy: round(bin.correct / bin.count) }))
  const calibrationError = labelled > 0 ? bins.reduce((sum, bin) => sum + Math.abs(bin.correct - bin.confidence) / labelled, 0) : 0
  return {
    records: gold.size,
    full: level(LEVELS.full),
    sevenCharacters: level(LEVELS.sevenCharacters),
    category: level(LEVELS.category),
    primary: { records: primaryRecords, recall: round(primaryRecords > 0 ? primaryFound / primaryRecords : 0), categoryRecall: round(primaryRecords > 0 ? primaryCategoryFound / primaryRecords : 0) },
    reliability,
    calibrationError: round(calibrationError),
  }
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000
}
