/**
 * Agreement between two codings of the same records (double coding), and of a
 * coding with gold: micro-averaged F1 over (record, code) pairs, primary
 * agreement, and Cohen's kappa per code.
 *
 * Cohen's kappa for one code over n records, from the 2×2 table
 * (a: both chose it, b: only the first, c: only the second, d: neither):
 *   p_o = (a + d) / n,  p_e = ((a + b)(a + c) + (c + d)(b + d)) / n²,
 *   κ = (p_o − p_e) / (1 − p_e),  undefined when p_e = 1 (both coders never, or always, chose it).
 */

export interface CodingPair {
  first: ReadonlySet<string>
  second: ReadonlySet<string>
  firstPrimary?: string | null
  secondPrimary?: string | null
}

export interface MicroScores {
  precision: number
  recall: number
  f1: number
}

/** Micro P/R/F1 of `first` against `second` as reference; with no codes at all, every score is 0. */
export function microScores(pairs: readonly CodingPair[]): MicroScores {
  let both = 0
  let first = 0
  let second = 0
  for (const pair of pairs) {
    first += pair.first.size
    second += pair.second.size
    for (const code of pair.first) if (pair.second.has(code)) both += 1
  }
  const precision = first === 0 ? 0 : both / first
  const recall = second === 0 ? 0 : both / second
  const f1 = first + second === 0 ? 0 : (2 * both) / (first + second)
  return { precision, recall, f1 }
}

/** Share of pairs whose primaries are the same code, over the pairs where both have one; null when none do. */
export function primaryAgreement(pairs: readonly CodingPair[]): number | null {
  const comparable = pairs.filter((pair) => pair.firstPrimary && pair.secondPrimary)
  if (comparable.length === 0) return null
  return comparable.filter((pair) => pair.firstPrimary === pair.secondPrimary).length / comparable.length
}

export interface KappaTable {
  both: number
  firstOnly: number
  secondOnly: number
  neither: number
}

export function cohenKappa(table: KappaTable): number | null {
  const { both: a, firstOnly: b, secondOnly: c, neither: d } = table
  const n = a + b + c + d
  if (n === 0) return null
  const observed = (a + d) / n
  const expected = ((a + b) * (a + c) + (c + d) * (b + d)) / (n * n)
  if (expected >= 1) return null
  return (observed - expected) / (1 - expected)
}

/** The 2×2 table of every code either coder chose, over all the pairs. */
export function kappaTables(pairs: readonly CodingPair[]): Map<string, KappaTable> {
  const codes = new Set<string>()
  for (const pair of pairs) for (const code of [...pair.first, ...pair.second]) codes.add(code)
  const tables = new Map<string, KappaTable>()
  for (const code of codes) {
    const table: KappaTable = { both: 0, firstOnly: 0, secondOnly: 0, neither: 0 }
    for (const pair of pairs) {
      const inFirst = pair.first.has(code)
      const inSecond = pair.second.has(code)
      if (inFirst && inSecond) table.both += 1
      else if (inFirst) table.firstOnly += 1
      else if (inSecond) table.secondOnly += 1
      else table.neither += 1
    }
    tables.set(code, table)
  }
  return tables
}
