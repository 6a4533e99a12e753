/**
 * How an admission diagnosis list (入院诊断) is written: numbered in one of the
 * styles Chinese EMRs use (1. 1、 ① （1） newline-separated), glued together or
 * spaced, or an unnumbered list with ；，、 or spaces; sometimes with its heading.
 * The items are known, so `diagnosis-list.ts` can be scored against them.
 */
import type { SeededRandom } from '../../random/seeded-random.js'

export type ListStyle = 'dot-spaced' | 'dot-glued' | 'comma-number' | 'circled' | 'parenthesised' | 'lines' | 'semicolons' | 'commas' | 'pause-marks' | 'spaces'

const STYLE_WEIGHTS: ReadonlyArray<readonly [ListStyle, number]> = [
  ['dot-spaced', 26],
  ['dot-glued', 16],
  ['comma-number', 14],
  ['circled', 5],
  ['parenthesised', 5],
  ['lines', 10],
  ['semicolons', 10],
  ['commas', 6],
  ['pause-marks', 4],
  ['spaces', 4],
]

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'

export function drawListStyle(random: SeededRandom): ListStyle {
  return random.pickWeighted(STYLE_WEIGHTS)
}

/** The list text; one item lists are usually written without a number. */
export function writeAdmissionList(items: readonly string[], style: ListStyle, random: SeededRandom): string {
  // A single item holding a space ("冠心病 不稳定型心绞痛") is numbered, or it would read as two.
  const numbered = items.length > 1 || /\s/.test(items[0] ?? '') || random.chance(0.5)
  const body = ((): string => {
    switch (style) {
      case 'dot-spaced':
        return numbered ? items.map((item, index) => `${index + 1}.${item}`).join(random.pick([' ', '  ', '；'])) : items.join('')
      case 'dot-glued':
        return numbered ? items.map((item, index) => `${index + 1}.${item}`).join('') : items.join('')
      case 'comma-number':
        return numbered ? items.map((item, index) => `${index + 1}、${item}`).join(random.pick([' ', ''])) : items.join('')
      case 'circled':
        return items.map((item, index) => `${CIRCLED.charAt(index)}${item}`).join('')
      case 'parenthesised':
        return items.map((item, index) => `（${index + 1}）${item}`).join(random.pick([' ', '']))
      case 'lines':
        return items.map((item, index) => `${index + 1}.${item}`).join('\n')
      case 'semicolons':
        return items.join(random.pick(['；', ';']))
      case 'commas':
        return items.join('，')
      case 'pause-marks':
        return items.join('、')
      case 'spaces':
        return items.join(' ')
    }
  })()
  return random.chance(0.06) ? `入院诊断：${body}` : body
}

/**
 * Items that would make a separated list ambiguous: a space, comma or pause
 * mark inside an item reads as a separator there, so such lists are numbered
 * (as doctors number them when their items hold spaces).
 */
export function needsNumbering(items: readonly string[]): boolean {
  return items.some((item) => /[\s，,、；;]/.test(item.replace(/[（(][^）)]*[）)]/g, '')))
}
