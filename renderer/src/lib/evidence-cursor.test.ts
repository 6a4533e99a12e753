import { describe, expect, it } from 'vitest'
import { EvidenceCursor } from './evidence-cursor.svelte.js'

describe('EvidenceCursor', () => {
  it('steps through the passages in reading order, wrapping at both ends, and does nothing with none painted', () => {
    const cursor = new EvidenceCursor()
    cursor.jump(1)
    expect(cursor.index).toBe(-1)

    cursor.sync('R-1:I10', 3)
    cursor.jump(1)
    cursor.jump(1)
    expect(cursor.index).toBe(1)
    cursor.jump(1)
    cursor.jump(1)
    expect(cursor.index).toBe(0)
    cursor.jump(-1)
    expect(cursor.index).toBe(2)
  })

  it('starts over when another code or record is painted, and keeps its place when told the same again', () => {
    const cursor = new EvidenceCursor()
    cursor.sync('R-1:I10', 3)
    cursor.jump(1)
    cursor.sync('R-1:I10', 3)
    expect(cursor.index).toBe(0)
    cursor.sync('R-1:E11.9', 5)
    expect([cursor.index, cursor.count]).toEqual([-1, 5])
    cursor.jump(-1)
    expect(cursor.index).toBe(4)
  })
})
