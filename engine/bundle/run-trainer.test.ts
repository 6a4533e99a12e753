import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { checkTrainerAvailable, runTrainer } from './run-trainer.js'

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
