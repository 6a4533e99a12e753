import { afterEach, describe, expect, it, vi } from 'vitest'
import { createTempWorkspace, type TempWorkspace } from '../../testing/temp-workspace.js'
import { runCli } from '../main.js'

async function cliJson(argv: string[]): Promise<{ code: number; output: unknown }> {
  const lines: string[] = []
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line))
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
  try {
    const code = await runCli(argv)
    return { code, output: JSON.parse(lines.join('\n')) }
  } finally {
    log.mockRestore()
    error.mockRestore()
  }
}

describe('clinicoco normalize / label', () => {
  let temp: TempWorkspace | undefined
  afterEach(() => temp?.cleanup())

  it('normalises each name given, as JSON', async () => {
    temp = createTempWorkspace()
    temp.workspace.close()
    const { code, output } = await cliJson(['normalize', '--workspace', temp.dir, '--json', 'HTN; pneumonia', '肺炎'])
    expect(code).toBe(0)
    const names = (output as { names: Array<{ name: string; codes: Array<{ code: string; accepted: boolean }> }> }).names
    expect(names.map((name) => name.name)).toEqual(['HTN; pneumonia', '肺炎'])
    expect(names[0]?.codes.filter((entry) => entry.accepted).map((entry) => entry.code).sort()).toEqual(['I10', 'J18.9'])
    expect(names[1]?.codes[0]?.code).toBe('J18.9')
  })

  it('refuses a call without names', async () => {
    temp = createTempWorkspace()
    temp.workspace.close()
    const { code, output } = await cliJson(['normalize', '--workspace', temp.dir, '--json'])
    expect(code).toBe(2)
    expect(output).toEqual({ error: { code: 'invalid-input', message: 'Give one or more diagnosis names.' } })
  })

  it('labels the records and reports coverage', async () => {
    temp = createTempWorkspace()
    temp.workspace.close()
    const { code, output } = await cliJson(['label', '--workspace', temp.dir, '--json'])
    expect(code).toBe(0)
    expect((output as { records: { coverage: number; withNames: number } }).records).toMatchObject({ withNames: 2, coverage: 1 })
  })
})
