import { afterEach, describe, expect, it } from 'vitest'
import { createTempWorkspace, type TempWorkspace } from '../../testing/temp-workspace.js'
import { ensureUser } from '../../workspace/workspace.js'
import { cliTokenFor } from '../../testing/signed-in.js'
import { cliJson } from '../cli-json.js'

describe('clinicoco synonyms', () => {
  let temp: TempWorkspace | undefined
  afterEach(() => temp?.cleanup())

  it('lets an admin add and remove terms as new versions, lists them, and refuses a coder', async () => {
    temp = createTempWorkspace()
    ensureUser(temp.workspace.database, { id: 'lead', displayName: 'Coding lead', role: 'admin' })
    // Each edit acts as a signed-in user (a CLI token, as a script would hold).
    const coder = cliTokenFor(temp.workspace, 'coder')
    const lead = cliTokenFor(temp.workspace, 'lead')
    temp.workspace.close()
    const refused = await cliJson(['synonyms', 'add', '--workspace', temp.dir, '--term', '老慢支', '--expansion', '慢性支气管炎', '--json'], { token: coder })
    expect(refused).toEqual({ code: 1, output: { error: { code: 'forbidden', message: 'coder is a coder: only an admin or a supervisor edits the synonym lexicon.' } } })
    const added = await cliJson(['synonyms', 'add', '--workspace', temp.dir, '--term', '老慢支', '--expansion', '慢性支气管炎', '--reason', 'ward usage', '--json'], { token: lead })
    expect(added).toEqual({ code: 0, output: { version: 1, term: '老慢支', expansion: '慢性支气管炎' } })
    const removed = await cliJson(['synonyms', 'remove', '--workspace', temp.dir, '--term', '腰突', '--json'], { token: lead })
    expect(removed.output).toEqual({ version: 2, term: '腰突' })
    const listed = (await cliJson(['synonyms', 'list', '--workspace', temp.dir, '--json'], { token: coder })).output as { version: number; removed: string[]; entries: Array<{ term: string; origin: unknown }> }
    expect(listed.version).toBe(2)
    expect(listed.removed).toEqual(['腰突'])
    expect(listed.entries.find((entry) => entry.term === '老慢支')?.origin).toMatchObject({ version: 1, actor: 'lead', reason: 'ward usage' })
  })
})
