/**
 * The (record, code) grid every coding metric reads: which codes are evaluated
 * and, per record, which of them are gold and what the model scored them.
 * Built once per evaluation so each metric is a pass over flat typed arrays
 * (250 records × 2,000 codes is half a million cells; Map look-ups per metric
 * would dominate the run time).
 */

/** One coded record: what the coders assigned and what the model scored. */
export interface ScoredRecord {
  /** Codes the coders assigned. */
  gold: ReadonlySet<string>
  /**
   * The model's probability (0–1) per code. A code missing here was not scored:
   * it ranks as score 0 and is never predicted, whatever the threshold.
   */
  scores: ReadonlyMap<string, number>
}

/**
 * Which codes the metrics cover.
 * - `restricted`: exactly the evaluated code list (e.g. the 50 most frequent,
 *   see `topCodes`); gold codes outside it are ignored, as in the top-50 protocol.
 * - `all-codes`: the code list plus every gold code of the records. A gold code
 *   the model never scored counts as missed (a false negative, ranked at score 0),
 *   so a model cannot look better by leaving rare codes out of its label space.
 */
export type CodeScope = 'restricted' | 'all-codes'

export interface ScoreGrid {
  /** The label space: the evaluated codes, then (all-codes only) other gold codes in code order. */
  codes: readonly string[]
  recordCount: number
  /** Row-major record × code: cell `record * codes.length + code`. 0 where not scored. */
  scores: Float64Array
  /** 1 where the model scored the cell. */
  scored: Uint8Array
  /** 1 where the code is gold for the record. */
  gold: Uint8Array
}

export function buildScoreGrid(records: readonly ScoredRecord[], codes: readonly string[], scope: CodeScope): ScoreGrid {
  const labelSpace = scope === 'restricted' ? [...codes] : [...codes, ...goldCodesOutside(records, codes)]
  const codeIndex = indexCodes(labelSpace)
  const width = labelSpace.length
  const cells = records.length * width
  const scores = new Float64Array(cells)
  const scored = new Uint8Array(cells)
  const gold = new Uint8Array(cells)
  records.forEach((record, row) => {
    for (const [code, score] of record.scores) {
      const column = codeIndex.get(code)
      if (column === undefined) continue
      if (!(score >= 0 && score <= 1)) {
        throw new RangeError(`Record ${row} scores ${code} as ${score}; scores are probabilities in [0, 1].`)
      }
      scores[row * width + column] = score
      scored[row * width + column] = 1
    }
    for (const code of record.gold) {
      const column = codeIndex.get(code)
      if (column !== undefined) gold[row * width + column] = 1
    }
  })
  return { codes: labelSpace, recordCount: records.length, scores, scored, gold }
}

function goldCodesOutside(records: readonly ScoredRecord[], codes: readonly string[]): string[] {
  const listed = new Set(codes)
  const outside = new Set<string>()
  for (const record of records) for (const code of record.gold) if (!listed.has(code)) outside.add(code)
  return [...outside].sort(compareCodes)
}

function indexCodes(codes: readonly string[]): Map<string, number> {
  const index = new Map<string, number>()
  codes.forEach((code, column) => {
    // A repeated code would count its gold and predictions twice.
    if (index.has(code)) throw new RangeError(`Code ${code} is listed twice among the evaluated codes.`)
    index.set(code, column)
  })
  return index
}

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
export function compareCodes(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0
}
