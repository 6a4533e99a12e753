import { describe, expect, it } from 'vitest'
import { heatSegments } from './evidence-heatmap.js'

const TEXT = 'Blood pressure 182/104 on admission.'

function painted(text: string, spans: Parameters<typeof heatSegments>[1]) {
  return heatSegments(text, spans).map((segment) => [segment.text, segment.weight])
}

describe('heatSegments', () => {
  it('keeps text without evidence as one plain run', () => {
    expect(painted(TEXT, [])).toEqual([[TEXT, 0]])
    expect(heatSegments('', [{ section: 0, start: 0, end: 3, weight: 1 }])).toEqual([])
  })

  it('cuts the text at the spans and gives each run its weight, the runs adding up to the text', () => {
    const segments = heatSegments(TEXT, [
      { section: 1, start: 0, end: 14, weight: 1 },
      { section: 1, start: 15, end: 22, weight: 0.6 },
    ])
    expect(segments.map((segment) => [segment.text, segment.weight])).toEqual([
      ['Blood pressure', 1],
      [' ', 0],
      ['182/104', 0.6],
      [' on admission.', 0],
    ])
    expect(segments.map((segment) => segment.text).join('')).toBe(TEXT)
  })

  it('paints an overlap with the strongest weight over it, not the sum', () => {
    expect(
      painted(TEXT, [
        { section: 1, start: 0, end: 14, weight: 0.4 },
        { section: 1, start: 6, end: 22, weight: 0.9 },
        { section: 1, start: 10, end: 12, weight: 0.2 },
      ]),
    ).toEqual([
      ['Blood ', 0.4],
      ['pressure 182/104', 0.9],
      [' on admission.', 0],
    ])
  })

  it('ignores spans that are empty, inverted, weightless or outside the text, and clamps the rest', () => {
    expect(
      painted('Headache', [
        { section: 0, start: 5, end: 5, weight: 1 },
        { section: 0, start: 6, end: 2, weight: 1 },
        { section: 0, start: 0, end: 4, weight: 0 },
        { section: 0, start: 40, end: 50, weight: 1 },
        { section: 0, start: 4, end: 99, weight: 7 },
      ]),
    ).toEqual([
      ['Head', 0],
      ['ache', 1],
    ])
  })

  it('counts offsets in UTF-16 units and never cuts a surrogate pair in two', () => {
    // 𠮷 is two UTF-16 units; a span ending inside it takes the whole character.
    expect(painted('高血压𠮷病', [{ section: 0, start: 0, end: 3, weight: 1 }])).toEqual([
      ['高血压', 1],
      ['𠮷病', 0],
    ])
    expect(painted('a𠮷b', [{ section: 0, start: 2, end: 4, weight: 0.5 }])).toEqual([
      ['a', 0],
      ['𠮷b', 0.5],
    ])
  })
})
