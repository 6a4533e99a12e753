import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { checkTrainerAvailable, lineSplitter, runTrainer } from './run-trainer.js'

function trainerAvailable(): boolean {
  try {
    checkTrainerAvailable()
    return true
  } catch {
    return false
  }
}

describe.skipIf(!trainerAvailable())('the Python trainer runner', () => {
  let dir: string | undefined
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it("reports a trainer that stops with an error as trainer-failed, with the trainer's own words", async () => {
    dir = mkdtempSync(join(tmpdir(), 'clinicoco-run-trainer-'))
    const failure = runTrainer({ trainingBundleDir: join(dir, 'no-such-bundle'), outDir: join(dir, 'model') })
    await expect(failure).rejects.toMatchObject({ code: 'trainer-failed', message: expect.stringMatching(/The trainer failed \(exit 2\)[\s\S]*no-such-bundle/) })
  })
})

describe('the trainer output line splitter', () => {
  it('joins a line the pipe delivered in pieces, even inside a UTF-8 character, and keeps the last unterminated line', () => {
    const lines: string[] = []
    const splitter = lineSplitter((line) => lines.push(line))
    const text = Buffer.from('@progress {"step":"clean","epoch":2}\r\n训练 done\nlast', 'utf8')
    const cut = text.indexOf(Buffer.from('训', 'utf8')) + 1
    for (const piece of [text.subarray(0, 12), text.subarray(12, cut), text.subarray(cut)]) splitter.push(piece)
    expect(lines).toEqual(['@progress {"step":"clean","epoch":2}', '训练 done'])
    splitter.end()
    expect(lines).toEqual(['@progress {"step":"clean","epoch":2}', '训练 done', 'last'])
  })
})
