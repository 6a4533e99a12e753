import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { alignPairs, readChipCdnExamples } from './chip-cdn-benchmark.js'

describe('CHIP-CDN reading and pair alignment', () => {
  let dir: string | undefined
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('reads ##-separated standard names, unquoting a name that holds a comma', () => {
    dir = mkdtempSync(join(tmpdir(), 'chip-'))
    const file = join(dir, 'train.json')
    writeFileSync(file, JSON.stringify([{ text: '小腿损伤', normalized_result: '"下肢损伤,水平未特指"##外伤' }, { text: '头痛', normalized_result: '' }]))
    expect(readChipCdnExamples(file)).toEqual([
      { text: '小腿损伤', names: ['下肢损伤,水平未特指', '外伤'] },
      { text: '头痛', names: [] },
    ])
  })

  it('pairs each standard name with the segment sharing most of its characters, and the whole string with every name', () => {
    const codes = new Map([
      ['高血压', 'I10'],
      ['骨质疏松', 'M81.9'],
    ])
    const pairs = alignPairs({ text: '骨质疏松;高血压病', names: ['高血压', '骨质疏松', '不在表中'] }, 'train:1', codes)
    expect(pairs).toEqual([
      { name: '高血压病', code: 'I10', source: 'train:1' },
      { name: '骨质疏松;高血压病', code: 'I10', source: 'train:1' },
      { name: '骨质疏松', code: 'M81.9', source: 'train:1' },
      { name: '骨质疏松;高血压病', code: 'M81.9', source: 'train:1' },
    ])
  })
})
